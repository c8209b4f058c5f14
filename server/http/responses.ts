import type { FastifyReply } from 'fastify';
import { ApiErrorBodySchema } from '../../src/contract/errors.ts';

/** OpenAPI entries for the error statuses a route can answer with. */
export function errorResponses<const S extends number>(...statuses: S[]) {
  return Object.fromEntries(statuses.map((s) => [s, ApiErrorBodySchema])) as Record<
    S,
    typeof ApiErrorBodySchema
  >;
}

/**
 * Public clinic data may be stored by any cache, but must be revalidated before each use: an
 * HTTP-cached copy would answer before the service worker, and the app could no longer tell
 * the owner that what they read is a saved copy. The service worker keeps the offline copy.
 */
export function publicCache(reply: FastifyReply): void {
  reply.header('cache-control', 'public, no-cache');
}
