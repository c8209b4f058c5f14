import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { SlugSchema } from '../../src/contract/common.ts';
import {
  ConsentEventListSchema,
  PreferenceMatrixSchema,
  PreferenceUpdateSchema,
} from '../../src/contract/preferences.ts';
import type { AuthContext, AuthService } from '../auth/auth.service.ts';
import { requireOwner, requireStaff } from '../auth/session.ts';
import { errorResponses } from '../http/responses.ts';
import type { OwnerRef, PreferencesService } from './preferences.service.ts';

const ownerOf = (context: AuthContext): OwnerRef => ({
  id: context.user.id,
  clinicId: context.clinic.id,
});

/** The owner's communication preferences and consent history, and the clinic's export of it. */
export const preferencesRoutes: FastifyPluginAsyncZod<{
  preferences: PreferencesService;
  auth: AuthService;
}> = async (app, { preferences, auth }) => {
  // Personal data: never kept by a browser or proxy cache (the app keeps its own copy).
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/me/preferences',
    {
      schema: {
        tags: ['preferences'],
        summary: 'What you receive: every category × channel, with the locked ones and why',
        response: { 200: PreferenceMatrixSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => preferences.matrix(ownerOf(await requireOwner(request, auth))),
  );

  app.put(
    '/api/me/preferences',
    {
      schema: {
        tags: ['preferences'],
        summary:
          'Change some cells, all or nothing (a locked cell → 409 `locked`); each change is recorded',
        body: PreferenceUpdateSchema,
        response: { 200: PreferenceMatrixSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request) => {
      const context = await requireOwner(request, auth);
      return preferences.update(ownerOf(context), request.body.changes);
    },
  );

  app.get(
    '/api/me/consent-events',
    {
      schema: {
        tags: ['preferences'],
        summary: 'Your consent history, newest first: each change, old → new, how and when',
        response: { 200: ConsentEventListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => preferences.consentEvents(ownerOf(await requireOwner(request, auth))),
  );

  app.post(
    '/api/me/gpc',
    {
      schema: {
        tags: ['preferences'],
        summary:
          'Your browser sends Global Privacy Control: partner offers off on every channel (idempotent)',
        response: { 204: z.null(), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      await preferences.honourGpc(ownerOf(await requireOwner(request, auth)));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/clinics/:clinic/consent-events.csv',
    {
      schema: {
        tags: ['preferences'],
        summary: "Staff: the clinic's whole consent record as CSV, oldest first",
        params: z.object({ clinic: SlugSchema }),
        // The CSV text (text/csv), one line per event after the header line.
        response: { 200: z.string(), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const context = await requireStaff(request, auth, request.params.clinic);
      // A clinic can have a great many events: they are read and sent page by page. Fastify
      // sends a stream as it is, without the serializer, so the 200 schema only documents it.
      const csv = Readable.from(preferences.consentEventsCsv(context.clinic.id));
      const day = auth.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="consent-events-${context.clinic.slug}-${day}.csv"`,
        )
        .send(csv as unknown as string);
    },
  );
};
