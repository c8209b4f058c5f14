import { afterEach, describe, expect, test } from 'vitest';
import { UpdateDetailSchema } from '../../../src/contract/push.ts';
import { getOrCreateSecret } from '../../../server/lib/secrets.ts';
import { createPreferencesService } from '../../../server/preferences/preferences.service.ts';
import { createPushOutbox } from '../../../server/push/push-outbox.ts';
import { createPushOutboxRepository } from '../../../server/push/push-outbox.repository.ts';
import type { PushMessage, PushOutcome, PushSender } from '../../../server/push/push-sender.ts';
import { APP_ORIGIN, signIn, type SignedIn } from '../../support/sessions.ts';
import {
  createFakeSender,
  createPushTestApp,
  subscriptionBody,
  testEndpoint,
  type FakeSender,
  type PushTestApp,
} from './push-test-app.ts';

/*
 * The outbox's own mechanics, with a fake sender: fan-out in pages, bounded concurrency,
 * leases and claim tokens (a dead or late worker), several workers on one database, and stop.
 */

let t: PushTestApp;
afterEach(() => t.close());

async function setUp(
  options: { fanoutPageSize?: number; concurrency?: number; leaseMs?: number } = {},
  sender: PushSender = createFakeSender(),
) {
  t = await createPushTestApp({ sender, outbox: options });
  const staff = await signIn(t, 'frontdesk@dr-kim.example');
  return { staff, sender };
}

async function subscribeMany(count: number, who?: SignedIn): Promise<string[]> {
  const endpoints: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const endpoint = testEndpoint();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/clinics/dr-kim/push/subscriptions',
      payload: subscriptionBody(endpoint),
      headers: who ? { cookie: who.cookie, origin: APP_ORIGIN } : {},
    });
    expect(response.statusCode).toBe(201);
    endpoints.push(endpoint);
  }
  return endpoints;
}

async function post(staff: SignedIn, title = 'News'): Promise<number> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/clinics/dr-kim/updates',
    payload: { title, body: 'Body', category: 'clinic-news' },
    headers: { cookie: staff.cookie, origin: APP_ORIGIN },
  });
  expect(response.statusCode, response.body).toBe(202);
  return response.json().id as number;
}

async function detail(staff: SignedIn, id: number) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/clinics/dr-kim/updates/${id}`,
    headers: { cookie: staff.cookie },
  });
  return UpdateDetailSchema.parse(response.json());
}

/** A second worker on the same database, as another server instance would run. */
async function secondOutbox(sender: PushSender, leaseMs = 10_000) {
  const preferences = createPreferencesService({
    db: t.database.kysely,
    dialect: t.database.dialect,
    clock: t.clock,
    config: t.config,
    unsubscribeSecret: await getOrCreateSecret(t.database.kysely, 'unsubscribe'),
    onMailQueued: () => undefined,
  });
  return createPushOutbox({
    repository: createPushOutboxRepository(t.database.kysely, t.database.dialect),
    preferences,
    sender,
    clock: t.clock,
    leaseMs,
    fanoutPageSize: 4,
    concurrency: 3,
  });
}

describe('fan-out', () => {
  test('the audience is expanded page by page, and every device and inbox is reached once', async () => {
    const { staff, sender } = await setUp({ fanoutPageSize: 3 });
    const anonymous = await subscribeMany(7);
    const owners = [];
    for (let i = 0; i < 4; i += 1) owners.push(await signIn(t, `owner${i}@example.com`));
    const ownerDevices = await subscribeMany(2, owners[0]);
    const id = await post(staff);
    const result = await t.app.pushOutbox.drain();
    // 9 devices in pages of 3 (the last short page ends the devices), then the owners' inboxes.
    expect(result.pages).toBeGreaterThanOrEqual(5);
    expect(result.attempted).toBe(9);
    const fake = sender as FakeSender;
    expect(fake.sent.map((m) => m.target.endpoint).sort()).toEqual(
      [...anonymous, ...ownerDevices].sort(),
    );
    expect(await detail(staff, id)).toMatchObject({
      status: 'done',
      targeted: 9,
      delivered: 9,
      inboxRecipients: 4,
    });
    const update = await t.database.kysely
      .selectFrom('push_updates')
      .select(['fanout_state', 'fanout_locked_until', 'completed_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(update).toEqual({
      fanout_state: 'done',
      fanout_locked_until: null,
      completed_at: '2026-11-23T17:00:00.000Z',
    });
  });

  test('an update nobody can receive is done at once', async () => {
    const { staff } = await setUp();
    const id = await post(staff);
    await t.app.pushOutbox.drain();
    expect(await detail(staff, id)).toMatchObject({ status: 'done', targeted: 0, pending: 0 });
  });
});

describe('sending', () => {
  test('no more than the configured number of sends are in flight at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const sender: PushSender = {
      async send() {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return { kind: 'delivered', status: 201 };
      },
      async close() {},
    };
    const { staff } = await setUp({ concurrency: 4 }, sender);
    await subscribeMany(20);
    const id = await post(staff);
    await t.app.pushOutbox.drain();
    expect(peak).toBe(4);
    expect((await detail(staff, id)).delivered).toBe(20);
  });

  test('a sender that throws is treated like a network failure: retried', async () => {
    let calls = 0;
    const sender: PushSender = {
      async send() {
        calls += 1;
        if (calls === 1) throw new Error('socket hang up');
        return { kind: 'delivered', status: 201 };
      },
      async close() {},
    };
    const { staff } = await setUp({}, sender);
    await subscribeMany(1);
    const id = await post(staff);
    await t.app.pushOutbox.drain();
    expect(await detail(staff, id)).toMatchObject({ pending: 1 });
    t.clock.advance(5_000);
    await t.app.pushOutbox.drain();
    expect(await detail(staff, id)).toMatchObject({ delivered: 1, status: 'done' });
  });

  test('a device that is gone takes its other pending deliveries with it', async () => {
    const { staff, sender } = await setUp();
    const fake = sender as FakeSender;
    const [endpoint] = await subscribeMany(1);
    if (!endpoint) throw new Error('no endpoint');
    fake.answer(endpoint, { kind: 'retry', status: 503, retryAfterMs: null, reason: 'busy' });
    const first = await post(staff, 'First');
    await t.app.pushOutbox.drain();
    const second = await post(staff, 'Second');
    fake.answer(endpoint, { kind: 'gone', status: 410 });
    await t.app.pushOutbox.drain();
    expect(await detail(staff, second)).toMatchObject({ removed: 1, pending: 0, status: 'done' });
    expect(await detail(staff, first)).toMatchObject({ removed: 1, pending: 0, status: 'done' });
    t.clock.advance(3_600_000);
    await t.app.pushOutbox.drain();
    expect(fake.to(endpoint)).toHaveLength(2);
  });

  test('a device removed before its turn is not sent to, and counted as removed', async () => {
    const { staff, sender } = await setUp();
    const owner = await signIn(t, 'maria@example.com');
    const [mine] = await subscribeMany(1, owner);
    await subscribeMany(1);
    const id = await post(staff);
    // Expand without sending: the first drain is stopped right after the fan-out.
    const repo = createPushOutboxRepository(t.database.kysely, t.database.dialect);
    const job = await repo.claimFanout(t.clock.now(), 10_000);
    if (!job) throw new Error('no fan-out');
    const page = await repo.devicePage(job, 100);
    await repo.commitPage(
      job,
      { deliveries: page.map((d) => d.id), inboxUsers: [] },
      { state: 'done', cursor: 0 },
      t.clock.now(),
      10_000,
    );
    const devices = (
      await t.app.inject({
        method: 'GET',
        url: '/api/me/devices',
        headers: { cookie: owner.cookie },
      })
    ).json();
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/me/devices/${devices[0].id}`,
      headers: { cookie: owner.cookie, origin: APP_ORIGIN },
    });
    expect(removed.statusCode).toBe(204);
    await t.app.pushOutbox.drain();
    expect((sender as FakeSender).to(mine as string)).toEqual([]);
    expect(await detail(staff, id)).toMatchObject({
      targeted: 2,
      delivered: 1,
      removed: 1,
      status: 'done',
    });
  });
});

describe('leases and claims', () => {
  test('deliveries claimed by a worker that died are sent once its lease runs out', async () => {
    const { staff, sender } = await setUp({ leaseMs: 10_000 });
    const endpoints = await subscribeMany(5);
    const id = await post(staff);
    const repo = createPushOutboxRepository(t.database.kysely, t.database.dialect);
    // Expand, then claim two deliveries as a worker that is then killed.
    const job = await repo.claimFanout(t.clock.now(), 10_000);
    if (!job) throw new Error('no fan-out');
    const page = await repo.devicePage(job, 100);
    await repo.commitPage(
      job,
      { deliveries: page.map((d) => d.id), inboxUsers: [] },
      { state: 'done', cursor: 0 },
      t.clock.now(),
      10_000,
    );
    const dead = await repo.claimDue(t.clock.now(), 2, 10_000);
    expect(dead).toHaveLength(2);

    await t.app.pushOutbox.drain();
    const fake = sender as FakeSender;
    expect(fake.sent).toHaveLength(3);
    expect(await detail(staff, id)).toMatchObject({ pending: 2, delivered: 3, status: 'sending' });

    t.clock.advance(10_001);
    await t.app.pushOutbox.drain();
    expect(fake.sent.map((m) => m.target.endpoint).sort()).toEqual([...endpoints].sort());
    expect(await detail(staff, id)).toMatchObject({ pending: 0, delivered: 5, status: 'done' });
  });

  test('a late worker whose lease ran out cannot overwrite the result of the one that took over', async () => {
    const { staff } = await setUp();
    await subscribeMany(1);
    const id = await post(staff);
    const repo = createPushOutboxRepository(t.database.kysely, t.database.dialect);
    const job = await repo.claimFanout(t.clock.now(), 10_000);
    if (!job) throw new Error('no fan-out');
    const page = await repo.devicePage(job, 100);
    await repo.commitPage(
      job,
      { deliveries: page.map((d) => d.id), inboxUsers: [] },
      { state: 'done', cursor: 0 },
      t.clock.now(),
      10_000,
    );
    const [late] = await repo.claimDue(t.clock.now(), 1, 10_000);
    t.clock.advance(10_001);
    const [current] = await repo.claimDue(t.clock.now(), 1, 10_000);
    if (!late || !current) throw new Error('nothing claimed');
    expect(current.id).toBe(late.id);
    expect(current.claimToken).not.toBe(late.claimToken);
    await repo.record(
      [{ delivery: current, result: { kind: 'delivered', status: 201 } }],
      t.clock.now(),
    );
    await repo.record(
      [{ delivery: late, result: { kind: 'failed', status: 400, error: 'late' } }],
      t.clock.now(),
    );
    expect(await detail(staff, id)).toMatchObject({ delivered: 1, failed: 0, status: 'done' });
  });

  test('two workers on one database share the work and send each delivery once', async () => {
    const { staff, sender } = await setUp({ fanoutPageSize: 4, concurrency: 3 });
    const endpoints = await subscribeMany(30);
    const slow = (fake: FakeSender): PushSender => ({
      async send(message: PushMessage): Promise<PushOutcome> {
        await new Promise((resolve) => setTimeout(resolve, 2));
        return fake.send(message);
      },
      close: () => fake.close(),
    });
    const otherSender = createFakeSender();
    const other = await secondOutbox(slow(otherSender));
    const id = await post(staff);
    // The app's own outbox through a slowed copy of its sender, side by side with the other.
    const mine = await secondOutbox(slow(sender as FakeSender));
    await Promise.all([mine.drain(), other.drain(), t.app.pushOutbox.drain()]);
    const all = [...(sender as FakeSender).sent, ...otherSender.sent].map((m) => m.target.endpoint);
    expect(all.sort()).toEqual([...endpoints].sort());
    expect(await detail(staff, id)).toMatchObject({ delivered: 30, targeted: 30, status: 'done' });
  });
});

describe('stopping', () => {
  test('stop() lets the sends in flight finish and records them, and claims nothing more', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = 0;
    const sender: PushSender = {
      async send() {
        started += 1;
        await gate;
        return { kind: 'delivered', status: 201 };
      },
      async close() {},
    };
    const { staff } = await setUp({ concurrency: 2 }, sender);
    await subscribeMany(6);
    const id = await post(staff);
    t.app.pushOutbox.start();
    for (let i = 0; i < 200 && started < 2; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(started).toBe(2);
    const stopped = t.app.pushOutbox.stop();
    release();
    await stopped;
    // The first claim took 2 (a batch is the concurrency): both are sent and recorded; the
    // other 4 were never claimed, and wait for the next start.
    expect(await detail(staff, id)).toMatchObject({ delivered: 2, pending: 4, status: 'sending' });
    const leased = await t.database.kysely
      .selectFrom('push_deliveries')
      .select('id')
      .where('claim_token', 'is not', null)
      .execute();
    expect(leased).toEqual([]);
    expect(started).toBe(2);
  });
});
