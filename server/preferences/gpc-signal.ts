import type { FastifyInstance } from 'fastify';
import type { AuthService } from '../auth/auth.service.ts';
import { getAuth } from '../auth/session.ts';
import type { PreferencesService } from './preferences.service.ts';

const isOwnApi = (url: string) => {
  const path = url.split('?')[0] ?? '';
  return path === '/api/me' || path.startsWith('/api/me/');
};

/**
 * Global Privacy Control (https://privacycg.github.io/gpc-spec/): a signed-in owner's browser
 * that sends `Sec-GPC: 1` opts them out of partner offers (../shared/PRIVACY-RULES.md). Looked
 * for on the owner's own routes, where the session is resolved anyway. Registered on the root
 * instance, so it sees every /api/me/* route whichever plugin declares it.
 */
export function registerGpcSignal(
  app: FastifyInstance,
  deps: { auth: AuthService; preferences: PreferencesService },
): void {
  app.addHook('preHandler', async (request) => {
    if (String(request.headers['sec-gpc']).trim() !== '1' || !isOwnApi(request.url)) return;
    try {
      const context = await getAuth(request, deps.auth);
      if (!context || context.user.role !== 'owner' || !context.user.isAgeConfirmed) return;
      await deps.preferences.honourGpc({ id: context.user.id, clinicId: context.clinic.id });
    } catch (error) {
      // The request itself is not about GPC and should not fail for it; the signal comes
      // again with the next request, which tries again.
      request.log.warn({ err: error }, 'could not honour Sec-GPC');
    }
  });
}
