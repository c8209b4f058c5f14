import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { PushPayloadSchema, UpdateDetailSchema } from '../../../src/contract/push.ts';
import { createPushSender } from '../../../server/push/push-sender.ts';
import { APP_ORIGIN, signIn, type SignedIn } from '../../support/sessions.ts';
import {
  startPushService,
  type LocalPushService,
  type TestSubscriber,
} from '../../support/push-service.ts';
import { createPushTestApp, type PushTestApp } from './push-test-app.ts';

/*
 * The outbox and the real sender against the local push service (HTTPS, VAPID checked, bodies
 * decrypted): what each answer of a push service does to a delivery, a device and the counters.
 */

let service: LocalPushService;
let t: PushTestApp;
let staff: SignedIn;

beforeAll(async () => {
  service = await startPushService();
});
afterAll(() => service.close());

beforeEach(async () => {
  service.reset();
  t = await createPushTestApp({
    sender: (vapid) =>
      createPushSender({
        vapid,
        allowedOrigins: [service.origin],
        ca: service.caPem,
        timeoutMs: 500,
      }),
    env: { PUSH_ALLOWED_ORIGINS: service.origin },
  });
  staff = await signIn(t, 'frontdesk@dr-kim.example');
});
afterEach(() => t.close());

async function subscribe(count: number): Promise<Array<TestSubscriber & { deviceId: number }>> {
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const subscriber = service.createSubscriber();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/clinics/dr-kim/push/subscriptions',
      payload: { subscription: subscriber.subscription, categories: ['clinic-news'] },
    });
    expect(response.statusCode, response.body).toBe(201);
    out.push({ ...subscriber, deviceId: response.json().id as number });
  }
  return out;
}

async function postNews(extra: Record<string, unknown> = {}): Promise<number> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/clinics/dr-kim/updates',
    payload: {
      title: 'Flu shots',
      body: 'Walk in any morning.',
      category: 'clinic-news',
      ...extra,
    },
    headers: { cookie: staff.cookie, origin: APP_ORIGIN },
  });
  expect(response.statusCode, response.body).toBe(202);
  return response.json().id as number;
}

async function detail(id: number) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/clinics/dr-kim/updates/${id}`,
    headers: { cookie: staff.cookie },
  });
  return UpdateDetailSchema.parse(response.json());
}

const deliveryOf = (updateId: number) =>
  t.database.kysely
    .selectFrom('push_deliveries')
    .selectAll()
    .where('update_id', '=', updateId)
    .orderBy('id')
    .execute();

const deviceExists = async (id: number) =>
  (await t.database.kysely
    .selectFrom('push_subscriptions')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst()) !== undefined;

describe('answers of the push service', () => {
  test('201: delivered, encrypted for the device, signed with the deployment key', async () => {
    const [device] = await subscribe(1);
    if (!device) throw new Error('no device');
    const id = await postNews({ url: '/c/dr-kim/news', urgency: 'low', ttl: 3600 });
    await t.app.pushOutbox.drain();

    const [received] = service.received(device.id);
    expect(PushPayloadSchema.parse(JSON.parse(received?.payload ?? ''))).toEqual({
      updateId: id,
      clinic: 'dr-kim',
      title: 'Flu shots',
      body: 'Walk in any morning.',
      url: '/c/dr-kim/news',
      category: 'clinic-news',
      sentAt: '2026-11-23T17:00:00.000Z',
    });
    expect(received?.headers).toMatchObject({ ttl: 3600, urgency: 'low', topic: `update-${id}` });
    const publicKey = (
      await t.app.inject({ method: 'GET', url: '/api/push/vapid-public-key' })
    ).json().publicKey as string;
    expect(received?.jwt.publicKey).toBe(publicKey);
    expect(received?.jwt.claims.sub).toBe('mailto:privacy@dr-kim.example');

    expect(await detail(id)).toMatchObject({
      status: 'done',
      targeted: 1,
      delivered: 1,
      outcomes: [{ outcome: 'delivered', statusCode: 201, count: 1 }],
    });
    const [row] = await deliveryOf(id);
    expect(row).toMatchObject({
      status: 'delivered',
      status_code: 201,
      attempts: 1,
      error: null,
      last_attempt_at: '2026-11-23T17:00:00.000Z',
      finished_at: '2026-11-23T17:00:00.000Z',
      locked_until: null,
      claim_token: null,
    });
  });

  test('404 and 410: the subscription is removed and counted as removed; the rest still get it', async () => {
    const [gone404, gone410, alive] = await subscribe(3);
    if (!gone404 || !gone410 || !alive) throw new Error('no devices');
    service.answer({ status: 404 }, gone404.id);
    service.answer({ status: 410 }, gone410.id);
    const id = await postNews();
    await t.app.pushOutbox.drain();
    expect(await detail(id)).toMatchObject({
      status: 'done',
      targeted: 3,
      delivered: 1,
      removed: 2,
      failed: 0,
      pending: 0,
    });
    expect(await deviceExists(gone404.deviceId)).toBe(false);
    expect(await deviceExists(gone410.deviceId)).toBe(false);
    expect(await deviceExists(alive.deviceId)).toBe(true);

    const next = await postNews({ title: 'Again' });
    await t.app.pushOutbox.drain();
    expect(await detail(next)).toMatchObject({ targeted: 1, delivered: 1 });
  });

  test('413 and 400: failed for good, with the status recorded; the device stays', async () => {
    const [tooLarge, bad] = await subscribe(2);
    if (!tooLarge || !bad) throw new Error('no devices');
    service.answer({ status: 413 }, tooLarge.id);
    service.answer({ status: 400 }, bad.id);
    const id = await postNews();
    await t.app.pushOutbox.drain();
    expect(await detail(id)).toMatchObject({
      status: 'done',
      targeted: 2,
      failed: 2,
      outcomes: [
        { outcome: 'failed', statusCode: 400, count: 1 },
        { outcome: 'failed', statusCode: 413, count: 1 },
      ],
    });
    const rows = await deliveryOf(id);
    expect(rows.map((r) => [r.status_code, r.attempts, typeof r.error])).toEqual([
      [413, 1, 'string'],
      [400, 1, 'string'],
    ]);
    expect(await deviceExists(tooLarge.deviceId)).toBe(true);
    t.clock.advance(3_600_000);
    await t.app.pushOutbox.drain();
    expect(service.attempts(tooLarge.id)).toHaveLength(1);
  });

  test('429 with Retry-After: not retried before the time asked, then delivered', async () => {
    const [device] = await subscribe(1);
    if (!device) throw new Error('no device');
    service.answer({ status: 429, retryAfter: '120', times: 1 }, device.id);
    const id = await postNews();
    await t.app.pushOutbox.drain();
    expect(await detail(id)).toMatchObject({ status: 'sending', pending: 1, delivered: 0 });
    const [waiting] = await deliveryOf(id);
    expect(waiting).toMatchObject({
      status: 'pending',
      status_code: 429,
      attempts: 1,
      next_attempt_at: '2026-11-23T17:02:00.000Z',
    });

    t.clock.advance(60_000);
    await t.app.pushOutbox.drain();
    expect(service.attempts(device.id)).toHaveLength(1);

    t.clock.advance(60_000);
    await t.app.pushOutbox.drain();
    expect(await detail(id)).toMatchObject({ status: 'done', delivered: 1, pending: 0 });
    expect((await deliveryOf(id))[0]).toMatchObject({ attempts: 2, status_code: 201 });
  });

  test('500 then success: retried after the backoff', async () => {
    const [device] = await subscribe(1);
    if (!device) throw new Error('no device');
    service.answer({ status: 500, times: 1 }, device.id);
    const id = await postNews();
    await t.app.pushOutbox.drain();
    expect((await detail(id)).pending).toBe(1);
    t.clock.advance(4_999);
    await t.app.pushOutbox.drain();
    expect(service.attempts(device.id)).toHaveLength(1);
    t.clock.advance(1);
    await t.app.pushOutbox.drain();
    expect(await detail(id)).toMatchObject({ status: 'done', delivered: 1 });
    expect(service.received(device.id)).toHaveLength(1);
  });

  test('5xx every time: retried up to the limit, then failed', async () => {
    const [device] = await subscribe(1);
    if (!device) throw new Error('no device');
    service.answer({ status: 503, times: 100 }, device.id);
    const id = await postNews();
    for (let i = 0; i < 10; i += 1) {
      await t.app.pushOutbox.drain();
      t.clock.advance(3_600_000);
    }
    expect(service.attempts(device.id)).toHaveLength(6);
    expect(await detail(id)).toMatchObject({ status: 'done', failed: 1, pending: 0 });
    expect((await deliveryOf(id))[0]?.error).toMatch(/^Gave up after 6 attempts/);
  });

  test('a timeout is retried, and a delivery is not retried past its TTL', async () => {
    const [slow, slowShortTtl] = await subscribe(2);
    if (!slow || !slowShortTtl) throw new Error('no devices');
    service.answer({ delayMs: 1_500, times: 1 }, slow.id);
    const id = await postNews();
    await t.app.pushOutbox.drain();
    const [timedOut] = await deliveryOf(id);
    expect(timedOut).toMatchObject({ status: 'pending', status_code: null, attempts: 1 });
    t.clock.advance(5_000);
    await t.app.pushOutbox.drain();
    expect(await detail(id)).toMatchObject({ delivered: 2, status: 'done' });

    service.answer({ delayMs: 1_500, times: 1 }, slowShortTtl.id);
    const short = await postNews({ title: 'Soon', ttl: 3 });
    await t.app.pushOutbox.drain();
    const row = (await deliveryOf(short)).find((r) => r.status !== 'delivered');
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.error).toMatch(/^Expired/);
  });

  test('an endpoint that reaches a private address at send time is refused, without a request', async () => {
    // Inserted directly, as if allowed once and no longer: subscribe-time checks would refuse it.
    const subscriber = service.createSubscriber();
    const sneaky = subscriber.subscription.endpoint.replace('127.0.0.1', 'localhost');
    const now = t.clock.now().toISOString();
    const clinic = await t.database.kysely
      .selectFrom('clinics')
      .select('id')
      .where('slug', '=', 'dr-kim')
      .executeTakeFirstOrThrow();
    const inserted = await t.database.kysely
      .insertInto('push_subscriptions')
      .values({
        clinic_id: clinic.id,
        user_id: null,
        endpoint: sneaky,
        p256dh: subscriber.subscription.keys.p256dh,
        auth: subscriber.subscription.keys.auth,
        vapid_public_key: 'x',
        label: 'x',
        push_service: 'Other',
        created_at: now,
        updated_at: now,
        last_delivered_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.kysely
      .insertInto('push_subscription_categories')
      .values({ subscription_id: inserted.id, category: 'clinic-news' })
      .execute();
    const id = await postNews();
    await t.app.pushOutbox.drain();
    expect(await detail(id)).toMatchObject({ failed: 1, delivered: 0 });
    expect(service.attempts(subscriber.id)).toEqual([]);
  });
});

describe('progress', () => {
  test('the counters add up exactly across a mix of answers, at every step', async () => {
    const devices = await subscribe(8);
    const [a, b, c, d, e] = devices;
    if (!a || !b || !c || !d || !e) throw new Error('no devices');
    service.answer({ status: 410 }, a.id);
    service.answer({ status: 413 }, b.id);
    service.answer({ status: 429, retryAfter: '30', times: 1 }, c.id);
    service.answer({ status: 500, times: 1 }, d.id);
    service.answer({ status: 500, times: 100 }, e.id);
    const id = await postNews();
    expect(await detail(id)).toMatchObject({ status: 'queued', targeted: 0 });

    await t.app.pushOutbox.drain();
    const first = await detail(id);
    expect(first).toMatchObject({
      status: 'sending',
      targeted: 8,
      delivered: 3,
      removed: 1,
      failed: 1,
      pending: 3,
    });
    t.clock.advance(30_000);
    await t.app.pushOutbox.drain();
    expect(await detail(id)).toMatchObject({ delivered: 5, pending: 1, targeted: 8 });
    for (let i = 0; i < 8; i += 1) {
      t.clock.advance(3_600_000);
      await t.app.pushOutbox.drain();
    }
    const last = await detail(id);
    expect(last).toMatchObject({
      status: 'done',
      targeted: 8,
      delivered: 5,
      removed: 1,
      failed: 2,
      pending: 0,
    });
    expect(last.delivered + last.failed + last.removed + last.pending).toBe(last.targeted);
    // Per device: a slow answer of an earlier test may still land in the shared service.
    expect(devices.map((device) => service.received(device.id).length)).toEqual([
      0, 0, 1, 1, 0, 1, 1, 1,
    ]);
  });
});
