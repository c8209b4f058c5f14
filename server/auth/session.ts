import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import {
  AgeConfirmationRequiredError,
  ForbiddenError,
  StepUpRequiredError,
  UnauthenticatedError,
  type AuthContext,
  type AuthService,
} from './auth.service.ts';

/** `__Host-` binds the cookie to this exact origin over HTTPS; plain HTTP (localhost) cannot use it. */
const SECURE_COOKIE = '__Host-pawtal-session';
const PLAIN_COOKIE = 'pawtal-session';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    authPromise: Promise<AuthContext | null> | null;
  }
}

export function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[SECURE_COOKIE] ?? request.cookies[PLAIN_COOKIE];
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: string,
) {
  const secure = request.protocol === 'https';
  reply.setCookie(secure ? SECURE_COOKIE : PLAIN_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SECURE_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'lax' });
  reply.clearCookie(PLAIN_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax' });
}

/**
 * The origins a browser page of ours can have: the one the request was addressed to (scheme +
 * Host, so both http://localhost:8080 and http://127.0.0.1:8080 work), and PUBLIC_URL.
 */
function allowedOrigins(request: FastifyRequest, config: Config): string[] {
  const origins = [`${request.protocol}://${request.headers.host ?? ''}`];
  if (config.publicUrl) origins.push(config.publicUrl);
  return origins;
}

export async function registerSessions(
  app: FastifyInstance,
  deps: { auth: AuthService; config: Config },
) {
  await app.register(cookie);
  app.decorateRequest('authPromise', null);

  // ../shared/API.md: unsafe methods sent with the session cookie must carry our own Origin.
  // SameSite=Lax already stops most cross-site posts; this also stops same-site ones.
  app.addHook('onRequest', async (request) => {
    if (!UNSAFE_METHODS.has(request.method) || !sessionToken(request)) return;
    const origin = request.headers.origin;
    if (!origin || !allowedOrigins(request, deps.config).includes(origin)) {
      throw new ForbiddenError(
        'origin-not-allowed',
        'This request did not come from the app itself, so it was refused.',
      );
    }
  });
}

/** The signed-in user and session, resolved once per request, or null. */
export function getAuth(request: FastifyRequest, auth: AuthService): Promise<AuthContext | null> {
  if (!request.authPromise) {
    const token = sessionToken(request);
    request.authPromise = token ? auth.resolveSession(token) : Promise.resolve(null);
  }
  return request.authPromise;
}

export async function requireAuth(
  request: FastifyRequest,
  auth: AuthService,
): Promise<AuthContext> {
  const context = await getAuth(request, auth);
  if (!context) throw new UnauthenticatedError();
  return context;
}

/**
 * Anyone signed in, but an owner only once they have confirmed their age: ../shared/API.md
 * answers every /api/me/* route but /api/me itself with 403 until then.
 */
export async function requireAccount(
  request: FastifyRequest,
  auth: AuthService,
): Promise<AuthContext> {
  const context = await requireAuth(request, auth);
  if (context.user.role === 'owner' && !context.user.isAgeConfirmed) {
    throw new AgeConfirmationRequiredError();
  }
  return context;
}

/** A signed-in owner who has confirmed their age: the gate of every /api/me/* route. */
export async function requireOwner(
  request: FastifyRequest,
  auth: AuthService,
): Promise<AuthContext> {
  const context = await requireAuth(request, auth);
  if (context.user.role !== 'owner') {
    throw new ForbiddenError(
      'owners-only',
      'This is for pet owners; staff use the clinic console.',
    );
  }
  if (!context.user.isAgeConfirmed) throw new AgeConfirmationRequiredError();
  return context;
}

/** Staff (or admin) of exactly this clinic. Staff of another clinic get the same 403. */
export async function requireStaff(
  request: FastifyRequest,
  auth: AuthService,
  clinicSlug: string,
): Promise<AuthContext> {
  const context = await requireAuth(request, auth);
  if (context.user.role === 'owner' || context.clinic.slug !== clinicSlug) {
    throw new ForbiddenError('staff-only', "Only this clinic's staff can do this.");
  }
  return context;
}

export async function requireSteppedUp(
  request: FastifyRequest,
  auth: AuthService,
): Promise<AuthContext> {
  const context = await requireOwner(request, auth);
  if (!auth.isSteppedUp(context)) throw new StepUpRequiredError();
  return context;
}
