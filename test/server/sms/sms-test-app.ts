import crypto from 'node:crypto';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { ManualClock } from '../../../server/clock.ts';
import { loadConfig } from '../../../server/config.ts';
import type { Mailer } from '../../../server/mail/mailer.ts';
import { seedDemoClinic } from '../../../server/seed/demo-clinic.ts';
import type { SmsGateway, SmsMessage } from '../../../server/sms/sms-gateway.ts';
import { createTestDatabase } from '../../support/test-database.ts';
import type { SentMail, TestApp } from '../../support/test-app.ts';

export const SMS_SECRET = 'test-sms-webhook-secret-0123456789';

export interface SmsTestApp extends TestApp {
  /** What the SMS gateway was given (after `app.smsOutbox.drain()`). */
  sentSms: SmsMessage[];
  /** POSTs a text from the gateway, signed unless `signature` says otherwise. */
  inbound(
    body: { from: string; text: string; clinic?: string; to?: string },
    options?: { signature?: string | null },
  ): Promise<LightMyRequestResponse>;
}

/** `createTestApp` (test/support/test-app.ts), plus an SMS gateway that keeps what it is given. */
export async function createSmsTestApp(
  options: { secret?: string | null; gateway?: SmsGateway } = {},
): Promise<SmsTestApp> {
  const clock = new ManualClock('2026-11-23T17:00:00.000Z');
  const database = await createTestDatabase();
  await seedDemoClinic(database, clock);
  const secret = options.secret === undefined ? SMS_SECRET : options.secret;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: path.join('.tmp', 'unused'),
    WEB_ROOT: path.join('.tmp', 'no-web-root'),
    ...(secret ? { SMS_WEBHOOK_SECRET: secret } : {}),
  });
  const sentMail: SentMail[] = [];
  const mailer: Mailer = {
    async send(message) {
      sentMail.push(message);
    },
  };
  const sentSms: SmsMessage[] = [];
  const smsGateway: SmsGateway = options.gateway ?? {
    async send(message) {
      sentSms.push(message);
    },
  };
  const app = await buildApp({ config, database, clock, mailer, smsGateway });
  await app.ready();
  return {
    app,
    database,
    clock,
    config,
    sentMail,
    sentSms,
    inbound(body, inboundOptions = {}) {
      const payload = JSON.stringify({ clinic: 'dr-kim', ...body });
      const signature =
        inboundOptions.signature === undefined
          ? `sha256=${crypto.createHmac('sha256', SMS_SECRET).update(payload).digest('hex')}`
          : inboundOptions.signature;
      return app.inject({
        method: 'POST',
        url: '/api/sms/inbound',
        payload,
        headers: {
          'content-type': 'application/json',
          ...(signature === null ? {} : { 'x-pawtal-signature': signature }),
        },
      });
    },
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}
