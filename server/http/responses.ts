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
 * Public clinic data may be cached briefly by browsers and shared caches; the service
 * worker keeps its own copy for offline reading and revalidates on every visit.
 */
export function publicCache(reply: FastifyReply, maxAgeSeconds = 60): void {
  reply.header('cache-control', `public, max-age=${maxAgeSeconds}`);
}
