import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

/**
 * The origin to put in links we send out (unsubscribe links in mail, say). PUBLIC_URL wins:
 * behind a proxy it is the only address owners can reach, and it cannot be steered by a
 * request's Host header. Without it, the origin the request was addressed to.
 */
export function publicOrigin(
  config: Pick<Config, 'publicUrl' | 'port'>,
  request?: Pick<FastifyRequest, 'protocol' | 'host'>,
): string {
  if (config.publicUrl) return config.publicUrl;
  if (request) return `${request.protocol}://${request.host}`;
  // Mail queued by a worker has no request to take an address from. A deployment sets
  // PUBLIC_URL; without it this is a developer's machine, and the links point at the server
  // running right there.
  return `http://localhost:${config.port}`;
}
