import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { ClinicParamsSchema } from '../../src/contract/clinic.ts';
import { InstantSchema } from '../../src/contract/common.ts';
import {
  ClinicRequestParamsSchema,
  CompleteRequestSchema,
  CreateRequestSchema,
  DenyRequestSchema,
  ExportQuerySchema,
  ExtendRequestSchema,
  IdentityCodeSchema,
  PrivacyRequestDetailSchema,
  PrivacyRequestListSchema,
  PrivacyRequestSchema,
  PublicRequestReceiptSchema,
  PublicRequestSchema,
  PublicRequestStatusSchema,
  RequestAllowanceSchema,
  RequestParamsSchema,
  StaffQueueQuerySchema,
  StaffRequestDetailSchema,
  StaffRequestListSchema,
  VerifyRequestSchema,
} from '../../src/contract/requests.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { requireOwner, requireStaff, requireSteppedUp } from '../auth/session.ts';
import { errorResponses } from '../http/responses.ts';
import type { RequestsService } from './requests.service.ts';
import { zipStream } from './zip-writer.ts';

/** Error bodies that carry more than code and message (the serializer would drop the rest). */
const AccessLimitOrRateLimitSchema = z.object({
  code: z.string(),
  message: z.string(),
  limit: z.optional(z.number()),
  used: z.optional(z.number()),
  nextAvailableAt: z.optional(InstantSchema),
  retryAfterSeconds: z.optional(z.number()),
});
const ConflictSchema = z.object({
  code: z.string(),
  message: z.string(),
  extensionNoticeBy: z.optional(InstantSchema),
});
const Accepted = z.object({ message: z.string() });

/** Privacy requests: the owner's, the public filing (no account, or an agent), and staff's. */
export const requestsRoutes: FastifyPluginAsyncZod<{
  requests: RequestsService;
  auth: AuthService;
}> = async (app, { requests, auth }) => {
  // Personal data: never kept by a browser or proxy cache.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  // ── owner ──

  app.post(
    '/api/me/requests',
    {
      schema: {
        tags: ['requests'],
        summary:
          'File a privacy request; the receipt is also mailed. Erasure needs a fresh step-up; a third CCPA access request in 12 months → 429 `access-limit` with `nextAvailableAt`. Sent again with the same `clientRequestId`, it files nothing new: 200 with the request filed the first time (409 `client-request-id-reused` if that was of another type)',
        body: CreateRequestSchema,
        response: {
          200: PrivacyRequestSchema,
          201: PrivacyRequestSchema,
          429: AccessLimitOrRateLimitSchema,
          ...errorResponses(400, 401, 403, 409),
        },
      },
    },
    async (request, reply) => {
      const context = await requireOwner(request, auth);
      const filed = await requests.createOwn(context, request.body);
      return reply.code(filed.isNew ? 201 : 200).send(filed.request);
    },
  );

  app.get(
    '/api/me/requests',
    {
      schema: {
        tags: ['requests'],
        summary: 'Your privacy requests, newest first (including ones an agent filed for you)',
        response: { 200: PrivacyRequestListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => requests.listOwn(await requireOwner(request, auth)),
  );

  app.get(
    '/api/me/requests/allowance',
    {
      schema: {
        tags: ['requests'],
        summary:
          'The CCPA access-request count (2 in any 12 months); `accessLimit` null without CCPA',
        response: { 200: RequestAllowanceSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => requests.allowance(await requireOwner(request, auth)),
  );

  app.get(
    '/api/me/requests/:id',
    {
      schema: {
        tags: ['requests'],
        summary: 'One of your requests, with its timeline',
        params: RequestParamsSchema,
        response: { 200: PrivacyRequestDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => requests.getOwn(await requireOwner(request, auth), request.params.id),
  );

  app.post(
    '/api/me/requests/:id/confirm',
    {
      schema: {
        tags: ['requests'],
        summary: 'Confirm a request an authorized agent filed for you (11 CCR §7063)',
        params: RequestParamsSchema,
        response: { 200: PrivacyRequestDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => requests.confirmOwn(await requireOwner(request, auth), request.params.id),
  );

  app.get(
    '/api/me/requests/:id/export',
    {
      schema: {
        tags: ['requests'],
        summary:
          'The data export attached to your completed access or portability request (fresh step-up needed)',
        params: RequestParamsSchema,
        response: { 200: z.string(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const context = await requireOwner(request, auth);
      const content = await requests.attachedExport(context, request.params.id);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="pawtal-data-request-${request.params.id}.json"`,
        )
        .send(content);
    },
  );

  app.get(
    '/api/me/export',
    {
      schema: {
        tags: ['requests'],
        summary:
          'Download everything held about you: JSON (schema in DataExportSchema), or `?format=zip` for data.json + index.html + CSVs. Needs a fresh step-up (403 `step-up-required`). `x-export-items` gives the row count for progress',
        querystring: ExportQuerySchema,
        response: { 200: z.string(), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const context = await requireSteppedUp(request, auth);
      const data = await requests.openExport(context);
      const day = data.generatedAt.toISOString().slice(0, 10);
      const base = `pawtal-data-${context.clinic.slug}-${day}`;
      reply.header('x-export-items', String(data.items));
      // Streams are sent as they are, past the serializer: the 200 schema only documents them.
      if (request.query.format === 'zip') {
        return reply
          .header('content-type', 'application/zip')
          .header('content-disposition', `attachment; filename="${base}.zip"`)
          .send(Readable.from(zipStream(data.zipEntries(), data.generatedAt)) as unknown as string);
      }
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${base}.json"`)
        .send(Readable.from(data.json()) as unknown as string);
    },
  );

  // ── a person without an account, or an authorized agent ──

  app.post(
    '/api/clinics/:clinic/requests',
    {
      schema: {
        tags: ['requests'],
        summary:
          'File a request without an account, or as an authorized agent: verified by a code sent to a contact the clinic holds. The answer is the same whether the contact is known',
        params: ClinicParamsSchema,
        body: PublicRequestSchema,
        response: { 202: PublicRequestReceiptSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await requests.filePublic(request.params.clinic, request.body, request.ip)),
  );

  app.post(
    '/api/clinics/:clinic/requests/:id/identity',
    {
      schema: {
        tags: ['requests'],
        summary:
          'Confirm a request with the code sent to the contact the clinic holds (6 digits, 10 minutes, 5 tries)',
        params: ClinicRequestParamsSchema,
        body: IdentityCodeSchema,
        response: { 200: PublicRequestStatusSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (request) =>
      requests.verifyIdentity(
        request.params.clinic,
        request.params.id,
        request.body.code,
        request.ip,
      ),
  );

  app.post(
    '/api/clinics/:clinic/requests/:id/identity/code',
    {
      schema: {
        tags: ['requests'],
        summary: 'Send a new identity code for a request that waits for one (always 202)',
        params: ClinicRequestParamsSchema,
        response: { 202: Accepted, ...errorResponses(400, 404, 429) },
      },
    },
    async (request, reply) => {
      await requests.resendIdentityCode(request.params.clinic, request.params.id, request.ip);
      return reply.code(202).send({
        message: 'If this request waits for a code, a new one is on its way.',
      });
    },
  );

  // ── staff ──

  app.get(
    '/api/clinics/:clinic/requests',
    {
      schema: {
        tags: ['requests'],
        summary:
          "Staff: the clinic's requests, soonest due first, with days left (`status`: a status, `open` (default) or `all`; `type`)",
        params: ClinicParamsSchema,
        querystring: StaffQueueQuerySchema,
        response: { 200: StaffRequestListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) =>
      requests.queue(await requireStaff(request, auth, request.params.clinic), request.query),
  );

  app.get(
    '/api/clinics/:clinic/requests/:id',
    {
      schema: {
        tags: ['requests'],
        summary: 'Staff: one request, with who filed it and its timeline',
        params: ClinicRequestParamsSchema,
        response: { 200: StaffRequestDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      requests.staffGet(
        await requireStaff(request, auth, request.params.clinic),
        request.params.id,
      ),
  );

  const staffAction = <B extends z.ZodMiniType>(
    action: 'verify' | 'start' | 'extend' | 'complete' | 'deny',
    summary: string,
    body: B,
    run: (
      context: Awaited<ReturnType<typeof requireStaff>>,
      id: number,
      body: z.infer<B>,
    ) => ReturnType<RequestsService['staffGet']>,
  ) =>
    app.post(
      `/api/clinics/:clinic/requests/:id/${action}`,
      {
        schema: {
          tags: ['requests'],
          summary,
          params: ClinicRequestParamsSchema,
          body,
          response: {
            200: StaffRequestDetailSchema,
            409: ConflictSchema,
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request) =>
        run(
          await requireStaff(request, auth, request.params.clinic),
          request.params.id,
          request.body as z.infer<B>,
        ),
    );

  staffAction(
    'verify',
    "Staff: mark the requester's identity verified (not for an agent's request: the owner confirms those)",
    VerifyRequestSchema,
    (context, id, body) => requests.verify(context, id, body.note),
  );
  staffAction(
    'start',
    'Staff: mark a verified request in progress',
    z.optional(z.object({})),
    (context, id) => requests.start(context, id),
  );
  staffAction(
    'extend',
    'Staff: extend once, inside the first period, with a reason sent to the owner (409 `extension-too-late`, `already-extended`)',
    ExtendRequestSchema,
    (context, id, body) => requests.extend(context, id, body.reason),
  );
  staffAction(
    'complete',
    'Staff: complete (access/portability attach the export; erasure erases the account; rectification applies name/phone)',
    CompleteRequestSchema,
    (context, id, body) => requests.complete(context, id, body.note),
  );
  staffAction(
    'deny',
    'Staff: refuse, with reasons; the owner is told of their right to complain and to a judicial remedy',
    DenyRequestSchema,
    (context, id, body) => requests.deny(context, id, body.reason),
  );
};
