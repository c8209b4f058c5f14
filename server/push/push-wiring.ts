import type { FastifyInstance } from 'fastify';
import type { AuthService } from '../auth/auth.service.ts';
import type { ClinicsService } from '../clinics/clinics.service.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { PreferencesService } from '../preferences/preferences.service.ts';
import { createRateLimiter } from '../rate-limit/rate-limiter.ts';
import { createApiKeysRepository } from '../updates/api-keys.ts';
import { updatesRoutes } from '../updates/updates.routes.ts';
import { createUpdatesService, type UpdatesService } from '../updates/updates.service.ts';
import { createPushOutbox, type PushOutbox } from './push-outbox.ts';
import { createPushOutboxRepository } from './push-outbox.repository.ts';
import { createPushSender, type PushSender, type VapidKeys } from './push-sender.ts';
import { pushRoutes } from './push.routes.ts';
import { createPushService } from './push.service.ts';
import { resolveVapidKeys } from './vapid.ts';

export type PushSenderFactory = (vapid: VapidKeys) => PushSender;

declare module 'fastify' {
  interface FastifyInstance {
    /** main.ts starts it; tests call `drain()` to expand and send what is queued, now. */
    pushOutbox: PushOutbox;
    /**
     * Clinic updates, and `notifyOwner(userId, notice, { trx })` for a notice to one owner
     * (their devices and inbox) through the same outbox.
     */
    updates: UpdatesService;
  }
}

export interface PushWiringDeps {
  config: Config;
  database: Database;
  clock: Clock;
  clinics: ClinicsService;
  preferences: PreferencesService;
  auth: AuthService;
  firstClinicContactEmail: string | undefined;
  /** Default: the real sender, trusting the system CAs (and NODE_EXTRA_CA_CERTS). */
  createSender?: PushSenderFactory | undefined;
  /** Outbox tuning, for tests and the benchmark. */
  outbox?: { concurrency?: number; leaseMs?: number; fanoutPageSize?: number } | undefined;
}

/**
 * Push and clinic updates, wired: the VAPID keys, the sender (created on first use, so an app
 * that never sends starts no crypto threads), the outbox, the services and their routes.
 */
export async function registerPush(app: FastifyInstance, deps: PushWiringDeps) {
  const { config, database, clock } = deps;
  const vapid = await resolveVapidKeys(database.kysely, config, deps.firstClinicContactEmail);
  const makeSender: PushSenderFactory =
    deps.createSender ??
    ((keys) => createPushSender({ vapid: keys, allowedOrigins: config.pushAllowedOrigins }));
  let realSender: PushSender | undefined;
  const sender: PushSender = {
    send: (message) => (realSender ??= makeSender(vapid)).send(message),
    close: async () => realSender?.close(),
  };

  const pushOutbox = createPushOutbox({
    repository: createPushOutboxRepository(database.kysely, database.dialect),
    preferences: deps.preferences,
    sender,
    clock,
    log: app.log,
    ...deps.outbox,
  });
  const updates = createUpdatesService({
    db: database.kysely,
    clock,
    preferences: deps.preferences,
    onQueued: () => pushOutbox.nudge(),
  });
  const push = createPushService({
    db: database.kysely,
    clock,
    clinics: deps.clinics,
    preferences: deps.preferences,
    updates,
    rateLimiter: createRateLimiter(database.kysely, clock),
    vapidPublicKey: vapid.publicKey,
    allowedOrigins: config.pushAllowedOrigins,
  });

  app.decorate('pushOutbox', pushOutbox);
  app.decorate('updates', updates);
  app.addHook('onClose', async () => {
    await pushOutbox.stop();
    await sender.close();
  });
  await app.register(pushRoutes, { push, auth: deps.auth });
  await app.register(updatesRoutes, {
    updates,
    auth: deps.auth,
    clinics: deps.clinics,
    apiKeys: createApiKeysRepository(database.kysely),
    clock,
  });
  return { updates, pushOutbox, vapid };
}
