import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { ClinicParamsSchema } from '../../src/contract/clinic.ts';
import {
  InboxItemListSchema,
  UpdateCreatedSchema,
  UpdateDetailSchema,
  UpdateInputSchema,
  UpdateParamsSchema,
  UpdateSummaryListSchema,
} from '../../src/contract/push.ts';
import { ForbiddenError, UnauthenticatedError, type AuthService } from '../auth/auth.service.ts';
import { requireOwner, requireStaff } from '../auth/session.ts';
import type { ClinicRecord } from '../clinics/clinics.repository.ts';
import type { ClinicsService } from '../clinics/clinics.service.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { errorResponses } from '../http/responses.ts';
import { DetailedErrorSchema } from '../push/push.routes.ts';
import type { ApiKeysRepository } from './api-keys.ts';
import { checkUpdateTextBound, type UpdatesService } from './updates.service.ts';

export class InvalidApiKeyError extends DomainError {
  constructor() {
    super(401, 'invalid-api-key', 'This API key is not valid, or it was revoked.');
  }
}

/** Clinic updates, sent by staff or a clinic system, their progress, and the owner's inbox. */
export const updatesRoutes: FastifyPluginAsyncZod<{
  updates: UpdatesService;
  auth: AuthService;
  clinics: ClinicsService;
  apiKeys: ApiKeysRepository;
  clock: Clock;
}> = async (app, { updates, auth, clinics, apiKeys, clock }) => {
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  /**
   * Staff of this clinic, or a clinic system with `Authorization: Bearer <key>`. A key is
   * checked before the session: a request that carries one means it, and a bad key is refused
   * even if a staff cookie came along.
   */
  async function requireClinicSender(
    request: FastifyRequest,
    slug: string,
  ): Promise<{ clinic: ClinicRecord; sentBy: string }> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match?.[1]) throw new UnauthenticatedError();
      const key = await apiKeys.verify(match[1], clock.now());
      if (!key) throw new InvalidApiKeyError();
      const clinic = await clinics.require(slug);
      if (key.clinicId !== clinic.id) {
        throw new ForbiddenError('wrong-clinic', 'This API key belongs to another clinic.');
      }
      return { clinic, sentBy: `api-key:${key.prefix}` };
    }
    const context = await requireStaff(request, auth, slug);
    return { clinic: context.clinic, sentBy: `staff:${context.user.email ?? context.user.id}` };
  }

  const senders = new WeakMap<FastifyRequest, { clinic: ClinicRecord; sentBy: string }>();

  app.post(
    '/api/clinics/:clinic/updates',
    {
      schema: {
        tags: ['updates'],
        summary:
          'Send a clinic update to every device and inbox that has its category on (staff or API key)',
        params: ClinicParamsSchema,
        body: UpdateInputSchema,
        response: {
          202: UpdateCreatedSchema,
          ...errorResponses(401, 403, 404),
          400: DetailedErrorSchema,
          413: DetailedErrorSchema,
        },
      },
      // Who sends is settled first (401/403 before anything about the body), then text past
      // the sanity bound is 413 before the schema could call it a 400.
      preValidation: async (request) => {
        const { clinic } = request.params as { clinic: string };
        senders.set(request, await requireClinicSender(request, clinic));
        checkUpdateTextBound(request.body);
      },
    },
    async (request, reply) => {
      const sender = senders.get(request);
      if (!sender) throw new Error('unreachable: preValidation sets the sender');
      return reply.code(202).send(await updates.create(sender.clinic, request.body, sender.sentBy));
    },
  );

  app.get(
    '/api/clinics/:clinic/updates',
    {
      schema: {
        tags: ['updates'],
        summary: "The clinic's updates, newest first, with their progress",
        params: ClinicParamsSchema,
        response: { 200: UpdateSummaryListSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { clinic } = await requireClinicSender(request, request.params.clinic);
      return updates.list(clinic);
    },
  );

  app.get(
    '/api/clinics/:clinic/updates/:id',
    {
      schema: {
        tags: ['updates'],
        summary:
          'One update: targeted, delivered, failed, removed, pending, and the push services’ answers',
        params: UpdateParamsSchema,
        response: { 200: UpdateDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { clinic } = await requireClinicSender(request, request.params.clinic);
      return updates.detail(clinic, request.params.id);
    },
  );

  app.get(
    '/api/me/updates',
    {
      schema: {
        tags: ['updates'],
        summary: 'Your Updates inbox: the clinic updates meant for you, newest first',
        response: { 200: InboxItemListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => updates.inbox((await requireOwner(request, auth)).user.id),
  );
};
