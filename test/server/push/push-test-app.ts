import crypto from 'node:crypto';
import path from 'node:path';
import { buildApp } from '../../../server/app.ts';
import { ManualClock } from '../../../server/clock.ts';
import { loadConfig } from '../../../server/config.ts';
import type { Mailer } from '../../../server/mail/mailer.ts';
import type {
  PushMessage,
  PushOutcome,
  PushSender,
  VapidKeys,
} from '../../../server/push/push-sender.ts';
import type { PushSenderFactory } from '../../../server/push/push-wiring.ts';
import { seedDemoClinic } from '../../../server/seed/demo-clinic.ts';
import { createTestDatabase } from '../../support/test-database.ts';
import type { SentMail, TestApp } from '../../support/test-app.ts';

/** The origin of a private push service the tests allow (PUSH_ALLOWED_ORIGINS). */
export const TEST_PUSH_ORIGIN = 'https://push.test.example:8443';

export interface PushTestApp extends TestApp {
  /** The VAPID keys the app's sender was made with. */
  vapid(): VapidKeys | undefined;
}

/**
 * Like test/support/test-app.ts, with a push sender of the test's choosing: a fake that
 * answers as told, or the real one trusting the local push service's CA.
 */
export async function createPushTestApp(options: {
  sender: PushSender | PushSenderFactory;
  env?: Record<string, string>;
  now?: string;
  outbox?: { concurrency?: number; leaseMs?: number; fanoutPageSize?: number };
}): Promise<PushTestApp> {
  const clock = new ManualClock(options.now ?? '2026-11-23T17:00:00.000Z');
  const database = await createTestDatabase();
  await seedDemoClinic(database, clock);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: path.join('.tmp', 'unused'),
    WEB_ROOT: path.join('.tmp', 'no-web-root'),
    PUSH_ALLOWED_ORIGINS: TEST_PUSH_ORIGIN,
    ...options.env,
  });
  const sentMail: SentMail[] = [];
  const mailer: Mailer = {
    async send(message) {
      sentMail.push(message);
    },
  };
  let vapid: VapidKeys | undefined;
  const factory: PushSenderFactory = (keys) => {
    vapid = keys;
    return typeof options.sender === 'function' ? options.sender(keys) : options.sender;
  };
  const app = await buildApp({
    config,
    database,
    clock,
    mailer,
    pushSender: factory,
    ...(options.outbox ? { pushOutbox: options.outbox } : {}),
  });
  await app.ready();
  return {
    app,
    database,
    clock,
    config,
    sentMail,
    vapid: () => vapid,
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}

/** A browser's subscription keys: a real P-256 public key and a 16-byte secret. */
export function browserKeys(): { p256dh: string; auth: string } {
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    p256dh: ecdh.getPublicKey().toString('base64url'),
    auth: crypto.randomBytes(16).toString('base64url'),
  };
}

let endpointCounter = 0;

/** A fresh endpoint on the test push service's allowed origin. */
export function testEndpoint(origin = TEST_PUSH_ORIGIN): string {
  endpointCounter += 1;
  return `${origin}/push/${crypto.randomBytes(8).toString('hex')}-${endpointCounter}`;
}

export function subscriptionBody(
  endpoint: string = testEndpoint(),
  categories?: string[],
  keys = browserKeys(),
) {
  return {
    subscription: { endpoint, keys, expirationTime: null },
    ...(categories ? { categories } : {}),
  };
}

/** A sender that records every message and answers as the test scripts it, per endpoint. */
export function createFakeSender() {
  const sent: PushMessage[] = [];
  const scripts = new Map<string, PushOutcome[]>();
  let fallback: PushOutcome = { kind: 'delivered', status: 201 };
  const sender: PushSender & {
    sent: PushMessage[];
    answer(endpoint: string, ...outcomes: PushOutcome[]): void;
    answerAll(outcome: PushOutcome): void;
    to(endpoint: string): PushMessage[];
    isClosed: boolean;
  } = {
    sent,
    isClosed: false,
    async send(message) {
      sent.push(message);
      return scripts.get(message.target.endpoint)?.shift() ?? fallback;
    },
    async close() {
      sender.isClosed = true;
    },
    answer(endpoint, ...outcomes) {
      scripts.set(endpoint, [...(scripts.get(endpoint) ?? []), ...outcomes]);
    },
    answerAll(outcome) {
      fallback = outcome;
    },
    to(endpoint) {
      return sent.filter((m) => m.target.endpoint === endpoint);
    },
  };
  return sender;
}

export type FakeSender = ReturnType<typeof createFakeSender>;
