import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import {
  AgeConfirmationSchema,
  SessionListSchema,
  SignInCodeRequestSchema,
  SignInResultSchema,
  SignInVerifyRequestSchema,
  StepUpRequestSchema,
  UserSchema,
} from '../../src/contract/auth.ts';
import { errorResponses } from '../http/responses.ts';
import { toPublicUser, type AuthService } from './auth.service.ts';
import {
  clearSessionCookie,
  requireAccount,
  requireAuth,
  sessionToken,
  setSessionCookie,
} from './session.ts';

const Accepted = z.object({ message: z.string() });

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService }> = async (app, { auth }) => {
  app.post(
    '/api/auth/code',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Mail a one-time sign-in code (the same answer whether or not the address is known)',
        body: SignInCodeRequestSchema,
        response: { 202: Accepted, ...errorResponses(400, 404, 429) },
      },
    },
    async (request, reply) => {
      await auth.requestSignInCode({ ...request.body, ip: request.ip });
      return reply.code(202).send({
        message: 'If this address can sign in here, a code is on its way. It works for 10 minutes.',
      });
    },
  );

  app.post(
    '/api/auth/verify',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with the code: starts a session (cookie)',
        body: SignInVerifyRequestSchema,
        response: { 200: SignInResultSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const result = await auth.verifySignIn({
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        previousSessionToken: sessionToken(request),
      });
      setSessionCookie(request, reply, result.token, result.session.expiresAt);
      reply.header('cache-control', 'no-store');
      return { user: result.user };
    },
  );

  app.post(
    '/api/auth/sign-out',
    { schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null() } } },
    async (request, reply) => {
      const context = await requireAuth(request, auth).catch(() => null);
      if (context) await auth.signOut(context.session.id);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/sign-out-others',
    {
      schema: {
        tags: ['auth'],
        summary: "End every other session of this account (the owner's other devices)",
        response: { 200: z.object({ ended: z.number() }), ...errorResponses(401) },
      },
    },
    async (request) => {
      const context = await requireAuth(request, auth);
      return { ended: await auth.signOutOthers(context) };
    },
  );

  app.post(
    '/api/auth/step-up/code',
    {
      schema: {
        tags: ['auth'],
        summary: 'Mail a fresh code to confirm a sensitive step (export, deletion)',
        response: { 202: Accepted, ...errorResponses(401, 429) },
      },
    },
    async (request, reply) => {
      const context = await requireAuth(request, auth);
      await auth.requestStepUpCode(context, request.ip);
      return reply.code(202).send({ message: 'A code is on its way to your email address.' });
    },
  );

  app.post(
    '/api/auth/step-up',
    {
      schema: {
        tags: ['auth'],
        summary: 'Confirm the fresh code: the session is stepped up for 10 minutes',
        body: StepUpRequestSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const context = await requireAuth(request, auth);
      await auth.verifyStepUp(context, request.body.code, request.ip);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      schema: {
        tags: ['account'],
        summary: 'The signed-in owner or staff member',
        response: { 200: UserSchema, ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const context = await requireAuth(request, auth);
      reply.header('cache-control', 'no-store');
      return toPublicUser(context.user, context.clinic.slug, context.session, auth.now());
    },
  );

  app.post(
    '/api/me/age-confirmation',
    {
      schema: {
        tags: ['account'],
        summary: 'Confirm being 16 or older (false ends the sign-up and keeps only the refusal)',
        body: AgeConfirmationSchema,
        response: { 204: z.null(), ...errorResponses(401, 409) },
      },
    },
    async (request, reply) => {
      const context = await requireAuth(request, auth);
      const outcome = await auth.confirmAge(context, request.body.sixteenOrOlder);
      if (outcome === 'refused') clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me/sessions',
    {
      schema: {
        tags: ['account'],
        summary: 'Where this account is signed in',
        response: { 200: SessionListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const context = await requireAccount(request, auth);
      const sessions = await auth.listSessions(context);
      return sessions.map((s) => ({
        id: s.id,
        isCurrent: s.id === context.session.id,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        userAgent: s.userAgent,
      }));
    },
  );

  app.delete(
    '/api/me/sessions/:id',
    {
      schema: {
        tags: ['account'],
        summary: 'Sign out one device',
        params: z.object({ id: z.string().check(z.minLength(1), z.maxLength(100)) }),
        response: { 204: z.null(), ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const context = await requireAccount(request, auth);
      await auth.endSession(context, request.params.id);
      if (request.params.id === context.session.id) clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );
};
