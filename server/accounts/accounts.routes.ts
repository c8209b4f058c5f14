import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import {
  AccountEventListSchema,
  EmailChangeRequestSchema,
  EmailChangeVerifySchema,
  PetInputSchema,
  PetListSchema,
  PetSchema,
  PetUpdateSchema,
  ProfileUpdateSchema,
} from '../../src/contract/account.ts';
import { UserSchema } from '../../src/contract/auth.ts';
import { PositiveIntParamSchema } from '../../src/contract/common.ts';
import { toPublicUser, type AuthContext, type AuthService } from '../auth/auth.service.ts';
import { requireOwner } from '../auth/session.ts';
import { errorResponses } from '../http/responses.ts';
import type { AccountsService } from './accounts.service.ts';

const Accepted = z.object({ message: z.string() });
const PetParams = z.object({ id: PositiveIntParamSchema });

/** The owner's own profile, pets and activity: every route is for a signed-in, age-confirmed owner. */
export const accountsRoutes: FastifyPluginAsyncZod<{
  accounts: AccountsService;
  auth: AuthService;
}> = async (app, { accounts, auth }) => {
  // Personal data: never kept by a browser or proxy cache (the app keeps its own copy).
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  const publicUser = (context: AuthContext, user: AuthContext['user']) =>
    toPublicUser(user, context.clinic.slug, context.session, auth.now());

  app.patch(
    '/api/me/profile',
    {
      schema: {
        tags: ['account'],
        summary: 'Correct your name or phone number (recorded in your activity)',
        body: ProfileUpdateSchema,
        response: { 200: UserSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const context = await requireOwner(request, auth);
      return publicUser(context, await accounts.updateProfile(context, request.body));
    },
  );

  app.post(
    '/api/me/email-change',
    {
      schema: {
        tags: ['account'],
        summary: 'Change your email address: a code is mailed to the new address',
        body: EmailChangeRequestSchema,
        response: { 202: Accepted, ...errorResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      const context = await requireOwner(request, auth);
      await accounts.requestEmailChange(context, request.body.email, request.ip);
      return reply.code(202).send({
        message: 'A code is on its way to the new address. It works for 10 minutes.',
      });
    },
  );

  app.post(
    '/api/me/email-change/verify',
    {
      schema: {
        tags: ['account'],
        summary: 'Confirm the new email address with the code (the old address is told)',
        body: EmailChangeVerifySchema,
        response: { 200: UserSchema, ...errorResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request) => {
      const context = await requireOwner(request, auth);
      const user = await accounts.verifyEmailChange(context, request.body.code, request.ip);
      return publicUser(context, user);
    },
  );

  app.get(
    '/api/me/pets',
    {
      schema: {
        tags: ['account'],
        summary: 'Your pets',
        response: { 200: PetListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => accounts.listPets(await requireOwner(request, auth)),
  );

  app.post(
    '/api/me/pets',
    {
      schema: {
        tags: ['account'],
        summary: 'Add a pet',
        body: PetInputSchema,
        response: { 201: PetSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const context = await requireOwner(request, auth);
      return reply.code(201).send(await accounts.addPet(context, request.body));
    },
  );

  app.patch(
    '/api/me/pets/:id',
    {
      schema: {
        tags: ['account'],
        summary: "Correct a pet's name, species or birth date",
        params: PetParams,
        body: PetUpdateSchema,
        response: { 200: PetSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const context = await requireOwner(request, auth);
      return accounts.updatePet(context, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/me/pets/:id',
    {
      schema: {
        tags: ['account'],
        summary: 'Remove a pet',
        params: PetParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const context = await requireOwner(request, auth);
      await accounts.removePet(context, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me/activity',
    {
      schema: {
        tags: ['account'],
        summary: 'Your account activity: every correction with old and new values, newest first',
        response: { 200: AccountEventListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => accounts.activity(await requireOwner(request, auth)),
  );
};
