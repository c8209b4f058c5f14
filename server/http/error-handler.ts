import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from '../errors.ts';

const kebab = (text: string) =>
  text
    .replace(/^FST_(ERR_)?/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The one place errors become responses: `{ code, message }` with the right status, and never
 * a stack trace. 5xx details go to the log, not to the client.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      const retryAfter = error.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return reply
        .code(error.status)
        .send({ code: error.code, message: error.message, ...error.details });
    }

    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      const first = error.validation[0];
      const field = first?.instancePath.replace(/^\//, '').replace(/\//g, '.');
      const message = first
        ? `The ${where} is not valid${field ? ` at "${field}"` : ''}: ${first.message}.`
        : `The ${where} is not valid.`;
      return reply.code(400).send({ code: 'invalid-request', message });
    }

    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(status).send({
        code: 'internal-error',
        message: 'Something went wrong on our side. Please try again.',
      });
    }

    // Fastify's own 4xx errors (bad JSON, unsupported media type, body too large, …).
    return reply
      .code(status)
      .send({ code: error.code ? kebab(error.code) : 'bad-request', message: error.message });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      code: 'not-found',
      message: `There is nothing at ${request.method} ${request.url.split('?')[0]}.`,
    }),
  );
}
