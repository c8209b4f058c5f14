import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import {
  UnsubscribePreviewSchema,
  UnsubscribeResultSchema,
} from '../../src/contract/preferences.ts';
import { errorResponses } from '../http/responses.ts';
import type { PreferencesService } from './preferences.service.ts';

const TokenParams = z.object({ token: z.string().check(z.minLength(1), z.maxLength(512)) });

/**
 * One-click unsubscribe (RFC 8058), with no session: the link itself is the proof. The origin
 * rule of server/auth/session.ts does not get in the way, as it applies only to requests that
 * carry a session cookie, and a mail client's POST carries none.
 */
export const unsubscribeRoutes: FastifyPluginAsyncZod<{ preferences: PreferencesService }> = async (
  app,
  { preferences },
) => {
  // RFC 8058 §3.1: the POST body is `List-Unsubscribe=One-Click`, sent as multipart/form-data
  // (SHOULD) or application/x-www-form-urlencoded (MAY). Fastify parses neither, and the URL
  // alone says what to do, so the body is accepted and not read. Scoped to this plugin.
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data'],
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, _body, done) => done(null, {}),
  );
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/unsubscribe/:token',
    {
      schema: {
        tags: ['preferences'],
        summary: 'What an unsubscribe link turns off (changes nothing: scanners prefetch links)',
        params: TokenParams,
        response: { 200: UnsubscribePreviewSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => preferences.previewUnsubscribe(request.params.token),
  );

  app.post(
    '/api/unsubscribe/:token',
    {
      schema: {
        tags: ['preferences'],
        summary: 'One-click unsubscribe (RFC 8058): off at once; a repeat changes nothing',
        params: TokenParams,
        response: { 200: UnsubscribeResultSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => preferences.unsubscribe(request.params.token),
  );
};
