import zlib from 'node:zlib';
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { HealthSchema } from '../src/contract/health.ts';
import { accountsRoutes } from './accounts/accounts.routes.ts';
import { createAccountsService } from './accounts/accounts.service.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { createAuthService } from './auth/auth.service.ts';
import { registerSessions } from './auth/session.ts';
import { clinicsRoutes } from './clinics/clinics.routes.ts';
import { createClinicsRepository } from './clinics/clinics.repository.ts';
import { createClinicsService } from './clinics/clinics.service.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { getOrCreateSecret } from './lib/secrets.ts';
import { createMailOutbox, type MailOutbox } from './mail/mail-outbox.ts';
import { createMailRepository } from './mail/mail.repository.ts';
import { createConsoleMailer, createSmtpMailer, type Mailer } from './mail/mailer.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { policiesRoutes } from './policies/policies.routes.ts';
import { createPoliciesRepository } from './policies/policies.repository.ts';
import { createPoliciesService } from './policies/policies.service.ts';
import { registerGpcSignal } from './preferences/gpc-signal.ts';
import { preferencesRoutes } from './preferences/preferences.routes.ts';
import { createPreferencesService } from './preferences/preferences.service.ts';
import { unsubscribeRoutes } from './preferences/unsubscribe.routes.ts';
import { pushErasureStep, pushExportSections, pushOwnerNotifier } from './push/push-data.ts';
import { registerPush, type PushSenderFactory } from './push/push-wiring.ts';
import { createRateLimiter } from './rate-limit/rate-limiter.ts';
import { coreExportSections } from './requests/export-sections.ts';
import { createPrivacyRegistry, type PrivacyRegistry } from './requests/privacy-registry.ts';
import { requestsRoutes } from './requests/requests.routes.ts';
import { createRequestsService } from './requests/requests.service.ts';
import { publicOrigin } from './preferences/public-origin.ts';
import { createConsoleSmsGateway, type SmsGateway } from './sms/sms-gateway.ts';
import { smsOwnerNotifier } from './sms/sms-owner-notifier.ts';
import { createSmsOutbox } from './sms/sms-outbox.ts';
import { smsRoutes } from './sms/sms.routes.ts';
import { createSmsRepository } from './sms/sms.repository.ts';
import { createSmsService } from './sms/sms.service.ts';
import { appVersion } from './version.ts';
import { webRoutes } from './web/web.routes.ts';

export interface AppDependencies {
  config: Config;
  database: Database;
  clock: Clock;
  logger?: FastifyServerOptions['logger'];
  https?: { cert: Buffer; key: Buffer };
  /** Default: SMTP when SMTP_URL is set, else the terminal. */
  mailer?: Mailer;
  /** Default: texts are printed to the terminal. */
  smsGateway?: SmsGateway;
  /** Default: the real Web Push sender. Tests pass a fake, or one trusting a test CA. */
  pushSender?: PushSenderFactory;
  /** Push outbox tuning (tests, benchmark). */
  pushOutbox?: { concurrency?: number; leaseMs?: number; fanoutPageSize?: number };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** main.ts starts it; tests call `drain()` to send what is queued, now. */
    mailOutbox: MailOutbox;
    /**
     * Where modules add their part of privacy requests: export sections, erasure steps and
     * owner notifiers (server/requests/privacy-registry.ts). Register while building the app.
     */
    privacyRegistry: PrivacyRegistry;
  }
}

/**
 * The whole server, wired, but never listening: tests call `app.inject()`, main.ts listens.
 * The database is migrated and seeded by the caller.
 */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, database, clock } = deps;
  const app = Fastify({
    logger: deps.logger ?? false,
    // One line per request drowns the mail and codes `npm start` prints; debug brings it back.
    logController: new LogController({
      disableRequestLogging: !['debug', 'trace'].includes(config.logLevel),
    }),
    trustProxy: Boolean(config.publicUrl),
    // Policy texts are the largest bodies a client sends (a few hundred KB at most).
    bodyLimit: 1024 * 1024,
    ...(deps.https ? { https: deps.https } : {}),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  const isHttps = Boolean(deps.https) || config.publicUrl?.startsWith('https:') === true;
  await registerSecurityHeaders(app, { isHttps });
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    // Quality 11 (the default) costs far more CPU than it saves bytes on dynamic JSON;
    // static assets are compressed at build time at full quality instead.
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'pawtal',
        description:
          "pawtal's public HTTP surface, for clinic systems and integrations. Errors are `{ code, message }`.",
        version: appVersion,
      },
      tags: [
        { name: 'health', description: 'Liveness' },
        { name: 'clinics', description: 'Clinic profiles' },
        { name: 'policies', description: 'Privacy policies, their archive and diffs' },
        { name: 'auth', description: 'Sign-in by one-time code, sessions, step-up' },
        { name: 'account', description: "The signed-in person's own account" },
        {
          name: 'preferences',
          description: 'Communication preferences, consent record, unsubscribe',
        },
        { name: 'sms', description: 'Texts from owners, through the SMS gateway' },
        {
          name: 'requests',
          description: 'Privacy requests: receipts, deadlines, verification, staff actions, export',
        },
        { name: 'push', description: 'Push subscriptions of devices, and notification actions' },
        { name: 'updates', description: 'Clinic updates, their delivery, and the owner’s inbox' },
      ],
    },
    transform: jsonSchemaTransform,
  });

  const clinicsRepository = createClinicsRepository(database.kysely);
  const clinics = createClinicsService(clinicsRepository);
  const firstClinic = await clinicsRepository.first();
  const mailOutbox = createMailOutbox({
    repository: createMailRepository(database.kysely, database.dialect),
    mailer:
      deps.mailer ?? (config.smtpUrl ? createSmtpMailer(config.smtpUrl) : createConsoleMailer()),
    clock,
    from:
      config.mailFrom ??
      (firstClinic
        ? `"${firstClinic.name.replace(/"/g, '')}" <${firstClinic.contactEmail}>`
        : 'pawtal <no-reply@pawtal.invalid>'),
    log: app.log,
  });
  app.decorate('mailOutbox', mailOutbox);
  const privacyRegistry = createPrivacyRegistry();
  app.decorate('privacyRegistry', privacyRegistry);
  app.addHook('onClose', () => mailOutbox.stop());

  const auth = createAuthService({
    db: database.kysely,
    dialect: database.dialect,
    clock,
    clinics,
    rateLimiter: createRateLimiter(database.kysely, clock),
    codeSecret: await getOrCreateSecret(database.kysely, 'one-time-codes'),
    onMailQueued: () => mailOutbox.nudge(),
  });
  await registerSessions(app, { auth, config });
  const policies = createPoliciesService({
    clinics,
    repository: createPoliciesRepository(database.kysely),
    clock,
  });

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Whether the server and its database answer',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_request, reply) => {
      let ok = true;
      try {
        await sql`select 1`.execute(database.kysely);
      } catch (error) {
        app.log.error({ err: error }, 'health check: database unreachable');
        ok = false;
      }
      reply.header('cache-control', 'no-store');
      return reply.code(ok ? 200 : 503).send({ ok, db: database.dialect, version: appVersion });
    },
  );

  await app.register(clinicsRoutes, { clinics });
  await app.register(authRoutes, { auth });
  const accounts = createAccountsService({
    db: database.kysely,
    dialect: database.dialect,
    clock,
    auth,
    rateLimiter: createRateLimiter(database.kysely, clock),
    onMailQueued: () => mailOutbox.nudge(),
  });
  await app.register(accountsRoutes, { accounts, auth });
  const preferences = createPreferencesService({
    db: database.kysely,
    dialect: database.dialect,
    clock,
    config,
    unsubscribeSecret: await getOrCreateSecret(database.kysely, 'unsubscribe'),
    onMailQueued: () => mailOutbox.nudge(),
  });
  registerGpcSignal(app, { auth, preferences });
  await app.register(preferencesRoutes, { preferences, auth });
  await app.register(unsubscribeRoutes, { preferences });
  await registerPush(app, {
    config,
    database,
    clock,
    clinics,
    preferences,
    auth,
    firstClinicContactEmail: firstClinic?.contactEmail,
    createSender: deps.pushSender,
    outbox: deps.pushOutbox,
  });
  // Push's part in a privacy request: the owner's devices and updates in their data export,
  // their devices and inbox removed by an erasure, and each notice about a request as a push.
  for (const section of pushExportSections(database.kysely)) {
    privacyRegistry.registerExportSection(section);
  }
  privacyRegistry.registerErasureStep(pushErasureStep);
  privacyRegistry.onOwnerNotice(pushOwnerNotifier(app.updates));
  const smsOutbox = createSmsOutbox({
    repository: createSmsRepository(database.kysely, database.dialect),
    gateway: deps.smsGateway ?? createConsoleSmsGateway(),
    clock,
    log: app.log,
  });
  app.decorate('smsOutbox', smsOutbox);
  // Started with the server rather than by main.ts; tests, which never listen, drain it.
  app.addHook('onListen', async () => smsOutbox.start());
  app.addHook('onClose', () => smsOutbox.stop());
  // A privacy request's news by text too, when the owner's service texts are on.
  privacyRegistry.onOwnerNotice(
    smsOwnerNotifier({
      db: database.kysely,
      dialect: database.dialect,
      clock,
      preferences,
      origin: () => publicOrigin(config),
      onQueued: () => smsOutbox.nudge(),
    }),
  );
  const sms = createSmsService({
    db: database.kysely,
    dialect: database.dialect,
    clock,
    clinics,
    preferences,
    webhookSecret: config.smsWebhookSecret,
    onSmsQueued: () => smsOutbox.nudge(),
  });
  await app.register(smsRoutes, { sms });
  const requests = createRequestsService({
    db: database.kysely,
    dialect: database.dialect,
    clock,
    clinics,
    auth,
    preferences,
    rateLimiter: createRateLimiter(database.kysely, clock),
    codeSecret: await getOrCreateSecret(database.kysely, 'request-codes'),
    registry: privacyRegistry,
    coreExportSections: coreExportSections(database.kysely, preferences),
    origin: () => publicOrigin(config),
    onMailQueued: () => mailOutbox.nudge(),
    onSmsQueued: () => smsOutbox.nudge(),
    logError: (error, message) => app.log.error({ err: error }, message),
  });
  await app.register(requestsRoutes, { requests, auth });
  await app.register(policiesRoutes, { policies });

  app.get('/api/docs', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').send(app.swagger()),
  );

  await app.register(webRoutes, {
    webRoot: config.webRoot,
    defaultClinic: config.defaultClinic,
    clinics,
  });

  return app;
}
