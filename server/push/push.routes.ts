import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { ClinicParamsSchema } from '../../src/contract/clinic.ts';
import {
  DeviceListSchema,
  DeviceParamsSchema,
  PushSubscriptionCreatedSchema,
  PushSubscriptionDeleteSchema,
  PushSubscriptionInputSchema,
  PushSubscriptionParamsSchema,
  PushUnsubscribeInputSchema,
  PushUnsubscribeResultSchema,
  UpdateCreatedSchema,
  VapidPublicKeySchema,
} from '../../src/contract/push.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { getAuth, requireOwner } from '../auth/session.ts';
import { errorResponses } from '../http/responses.ts';
import type { PushService } from './push.service.ts';

/** An error that also says what was wrong (`reason`, `key`, `category`) for programs. */
export const DetailedErrorSchema = z.looseObject({ code: z.string(), message: z.string() });

/** Push subscriptions of devices, the owner's Devices list, and the notification actions. */
export const pushRoutes: FastifyPluginAsyncZod<{ push: PushService; auth: AuthService }> = async (
  app,
  { push, auth },
) => {
  // Endpoints and device lists are capabilities and personal data: never cached.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/push/vapid-public-key',
    {
      schema: {
        tags: ['push'],
        summary: "The deployment's VAPID public key, for pushManager.subscribe()",
        response: { 200: VapidPublicKeySchema },
      },
    },
    async () => ({ publicKey: push.vapidPublicKey() }),
  );

  app.post(
    '/api/clinics/:clinic/push/subscriptions',
    {
      schema: {
        tags: ['push'],
        summary:
          "Subscribe this device: anonymously to the clinic's public categories, or as the signed-in owner",
        params: ClinicParamsSchema,
        body: PushSubscriptionInputSchema,
        response: {
          201: PushSubscriptionCreatedSchema,
          ...errorResponses(403, 404),
          400: DetailedErrorSchema,
          429: DetailedErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const context = await getAuth(request, auth);
      const created = await push.subscribe(request.params.clinic, context, request.body, {
        userAgent: request.headers['user-agent'],
        ip: request.ip,
      });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/clinics/:clinic/push/subscriptions/:id',
    {
      schema: {
        tags: ['push'],
        summary:
          'Unsubscribe a device: your own, or this device by proving its endpoint (body `{ endpoint }`)',
        params: PushSubscriptionParamsSchema,
        body: z.optional(z.nullable(PushSubscriptionDeleteSchema)),
        response: { 204: z.null(), ...errorResponses(400, 403, 404) },
      },
    },
    async (request, reply) => {
      const context = await getAuth(request, auth);
      await push.unsubscribe(
        request.params.clinic,
        request.params.id,
        context,
        request.body?.endpoint,
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/push/unsubscribe',
    {
      schema: {
        tags: ['push'],
        summary:
          "A notification's Unsubscribe action: that category off for push (a consent change)",
        body: PushUnsubscribeInputSchema,
        response: { 200: PushUnsubscribeResultSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => push.unsubscribeFromAction(request.body),
  );

  app.get(
    '/api/me/devices',
    {
      schema: {
        tags: ['push'],
        summary: 'Your devices subscribed to push',
        response: { 200: DeviceListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => push.devices(await requireOwner(request, auth)),
  );

  app.delete(
    '/api/me/devices/:id',
    {
      schema: {
        tags: ['push'],
        summary: 'Remove one of your devices: it receives no more push',
        params: DeviceParamsSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await push.removeDevice(await requireOwner(request, auth), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/me/devices/:id/test',
    {
      schema: {
        tags: ['push'],
        summary: 'Send a test notification to one of your devices (rate-limited)',
        params: DeviceParamsSchema,
        response: {
          202: UpdateCreatedSchema,
          ...errorResponses(400, 401, 403, 404),
          429: DetailedErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const created = await push.sendTest(await requireOwner(request, auth), request.params.id);
      return reply.code(202).send(created);
    },
  );
};
