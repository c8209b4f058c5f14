import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { SlugSchema } from '../../src/contract/common.ts';
import { errorResponses } from '../http/responses.ts';
import type { SmsService } from './sms.service.ts';

/** What the SMS gateway posts for each text an owner sends to a clinic's number. */
const InboundSmsSchema = z.object({
  /** The sender, E.164. */
  from: z.string().check(z.minLength(3), z.maxLength(32)),
  to: z.optional(z.string().check(z.maxLength(32))),
  text: z.string().check(z.maxLength(1600)),
  clinic: SlugSchema,
});

const ReceivedSchema = z.object({ received: z.literal(true) });

/** Texts are short; a gateway's JSON about one is a few hundred bytes. */
const BODY_LIMIT = 16 * 1024;

export const smsRoutes: FastifyPluginAsyncZod<{ sms: SmsService }> = async (app, { sms }) => {
  // The signature is over the body as sent, so this plugin (and only it) keeps the raw bytes
  // of JSON bodies, then parses them. A body that is not JSON is left undefined: the signature
  // is checked first, and validation then refuses it.
  const rawBodies = new WeakMap<FastifyRequest, Buffer>();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: BODY_LIMIT },
    (request, body, done) => {
      const raw = body as Buffer;
      rawBodies.set(request, raw);
      try {
        done(null, JSON.parse(raw.toString('utf8')));
      } catch {
        done(null, undefined);
      }
    },
  );

  app.post(
    '/api/sms/inbound',
    {
      schema: {
        tags: ['sms'],
        summary:
          'SMS gateway webhook (signed): STOP, START and HELP from owners’ phones; 503 until configured',
        body: InboundSmsSchema,
        response: { 200: ReceivedSchema, ...errorResponses(400, 401, 404, 503) },
      },
      bodyLimit: BODY_LIMIT,
      preValidation: async (request) => {
        const header = request.headers['x-pawtal-signature'];
        sms.verifySignature(
          rawBodies.get(request) ?? Buffer.alloc(0),
          Array.isArray(header) ? header[0] : header,
        );
      },
    },
    async (request) => {
      await sms.receive(request.body);
      return { received: true as const };
    },
  );
};
