import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  DeviceListSchema,
  InboxItemListSchema,
  PushPayloadSchema,
  UpdateDetailSchema,
} from '../../../src/contract/push.ts';
import { DataExportSchema } from '../../../src/contract/requests.ts';
import { createPushSender } from '../../../server/push/push-sender.ts';
import {
  startPushService,
  type LocalPushService,
  type TestSubscriber,
} from '../../support/push-service.ts';
import { as, signIn, type SignedIn } from '../../support/sessions.ts';
import {
  fileRequest,
  FRONT_DESK,
  lastMailTo,
  staffActionOk,
  stepUp,
} from '../requests/request-helpers.ts';
import { createPushTestApp, type PushTestApp } from './push-test-app.ts';

/*
 * Push as part of a privacy request, through the wiring in server/app.ts: the owner's devices
 * and received updates in their data export, a push notice for each status change of their
 * request (decrypted by the local push service), and an erasure that leaves no device, no
 * endpoint and no trace of the owner anywhere in the database.
 */

const EMAIL = 'maria.pushzyx@example.com';
const PHONE = '+15550107531';
const NAME = 'Maria Pushzyxwv';

let service: LocalPushService;
let t: PushTestApp;
let owner: SignedIn;
let staff: SignedIn;
let device: TestSubscriber & { deviceId: number };

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
        timeoutMs: 2000,
      }),
    env: { PUSH_ALLOWED_ORIGINS: service.origin },
  });
  owner = await signIn(t, EMAIL);
  const profile = await as(t, owner).patch('/api/me/profile', { name: NAME, phone: PHONE });
  expect(profile.statusCode, profile.body).toBe(200);
  staff = await signIn(t, FRONT_DESK);
  device = await subscribe(owner);
});
afterEach(() => t.close());

/** A device on the local push service, subscribed as `who` (or anonymously) to clinic news. */
async function subscribe(who?: SignedIn): Promise<TestSubscriber & { deviceId: number }> {
  const subscriber = service.createSubscriber();
  const body = { subscription: subscriber.subscription, categories: ['clinic-news'] };
  const response = who
    ? await as(t, who).post('/api/clinics/dr-kim/push/subscriptions', body)
    : await t.app.inject({
        method: 'POST',
        url: '/api/clinics/dr-kim/push/subscriptions',
        payload: body,
      });
  expect(response.statusCode, response.body).toBe(201);
  return { ...subscriber, deviceId: response.json().id as number };
}

async function postNews(title: string): Promise<number> {
  const response = await as(t, staff).post('/api/clinics/dr-kim/updates', {
    title,
    body: 'Walk in any morning this week.',
    category: 'clinic-news',
  });
  expect(response.statusCode, response.body).toBe(202);
  return response.json().id as number;
}

/** What arrived at the device, decrypted, as the service worker would read it. */
const payloadsAt = (subscriber: TestSubscriber) =>
  service.received(subscriber.id).map((r) => PushPayloadSchema.parse(JSON.parse(r.payload)));

async function inboxOf(who: SignedIn) {
  const response = await as(t, who).get('/api/me/updates');
  expect(response.statusCode, response.body).toBe(200);
  return InboxItemListSchema.parse(response.json());
}

interface Hit {
  table: string;
  column: string;
  needle: string;
  value: string;
}

/** Every table and column of the database, read as text (as test/server/requests/erasure.test.ts). */
async function searchWholeDatabase(needles: readonly string[]): Promise<Hit[]> {
  const db = t.database.kysely;
  const columns: Array<{ table: string; column: string }> = [];
  if (t.database.dialect === 'sqlite') {
    const tables = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
    for (const { name } of tables.rows) {
      const info = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(
        db,
      );
      for (const c of info.rows) columns.push({ table: name, column: c.name });
    }
  } else {
    const info = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = ${t.database.schema ?? 'public'}`.execute(db);
    for (const c of info.rows) columns.push({ table: c.table_name, column: c.column_name });
  }
  expect(columns.map((c) => c.table)).toEqual(
    expect.arrayContaining(['push_subscriptions', 'push_updates', 'push_deliveries', 'push_inbox']),
  );
  const hits: Hit[] = [];
  for (const { table, column } of columns) {
    const rows = await sql<{ value: string | null }>`
      select cast(${sql.ref(column)} as text) as value from ${sql.table(table)}`.execute(db);
    for (const { value } of rows.rows) {
      if (value === null) continue;
      const lower = value.toLowerCase();
      for (const needle of needles) {
        if (lower.includes(needle.toLowerCase())) hits.push({ table, column, needle, value });
      }
    }
  }
  return hits;
}

describe('push in a privacy request', () => {
  test("the data export holds the owner's subscribed device and the updates in their inbox", async () => {
    const newsId = await postNews('Flu shots are in');
    await t.app.pushOutbox.drain();
    expect(payloadsAt(device).map((p) => p.updateId)).toEqual([newsId]);
    expect((await inboxOf(owner)).map((i) => i.id)).toEqual([newsId]);
    // Another owner's device and inbox are theirs alone.
    const other = await signIn(t, 'someone.else@example.com');
    const otherDevice = await subscribe(other);

    await stepUp(t, owner);
    const response = await as(t, owner).get('/api/me/export');
    expect(response.statusCode, response.body).toBe(200);
    const data = DataExportSchema.parse(response.json());
    expect(data.sections.pushDevices).toEqual([
      expect.objectContaining({
        id: device.deviceId,
        endpoint: device.subscription.endpoint,
        pushService: expect.any(String),
        label: expect.any(String),
        createdAt: '2026-11-23T17:00:00.000Z',
      }),
    ]);
    expect(data.sections.updatesReceived).toEqual([
      {
        id: newsId,
        clinic: 'dr-kim',
        title: 'Flu shots are in',
        body: 'Walk in any morning this week.',
        url: null,
        category: 'clinic-news',
        sentAt: '2026-11-23T17:00:00.000Z',
      },
    ]);
    // The subscription's keys are the browser's credentials, not data about the owner.
    expect(response.body).not.toContain(device.subscription.keys.auth);
    expect(response.body).not.toContain(device.subscription.keys.p256dh);
    expect(response.body).not.toContain(otherDevice.subscription.endpoint);
  });

  test('when staff extend the request, the owner’s phone gets the notice as a push and it is in the inbox', async () => {
    const request = await fileRequest(t, owner, { type: 'portability' });
    await staffActionOk(t, staff, request.id, 'extend', {
      reason: 'The records are in an archive that takes weeks to restore.',
    });
    await t.app.pushOutbox.drain();

    const extended = payloadsAt(device).find((p) => p.title === 'Privacy request extended');
    expect(extended, JSON.stringify(payloadsAt(device))).toEqual({
      updateId: expect.any(Number),
      clinic: 'dr-kim',
      title: 'Privacy request extended',
      body: expect.stringContaining(request.reference),
      url: `/c/dr-kim/account/privacy/requests/${request.id}`,
      category: 'service',
      sentAt: '2026-11-23T17:00:00.000Z',
    });
    const [received] = service.received(device.id).filter((r) => r.payload.includes('extended'));
    expect(received?.jwt.claims.sub).toBe('mailto:privacy@dr-kim.example');
    expect(received?.headers.urgency).toBe('high');

    const inbox = await inboxOf(owner);
    expect(inbox).toContainEqual({
      id: extended?.updateId,
      clinic: 'dr-kim',
      title: 'Privacy request extended',
      body: extended?.body,
      url: extended?.url,
      category: 'service',
      sentAt: '2026-11-23T17:00:00.000Z',
    });
    // Every status change so far reached the phone, and each is in the inbox once.
    expect(
      payloadsAt(device)
        .map((p) => p.updateId)
        .sort(),
    ).toEqual(inbox.map((i) => i.id).sort());
    // A notice to one owner is not a clinic update: staff do not see it among theirs.
    const peek = await as(t, staff).get(`/api/clinics/dr-kim/updates/${extended?.updateId}`);
    expect(peek.statusCode).toBe(404);
  });

  test('after an erasure the owner’s devices are gone, later updates skip them, and nothing of them is left', async () => {
    const tablet = await subscribe(owner);
    const visitor = await subscribe();
    const newsId = await postNews('Flu shots are in');
    await t.app.pushOutbox.drain();
    expect(payloadsAt(device).map((p) => p.updateId)).toEqual([newsId]);
    const endpoints = [device.subscription.endpoint, tablet.subscription.endpoint];
    const needles = [EMAIL, PHONE, PHONE.slice(2), NAME, 'Pushzyxwv', ...endpoints];
    // The search can see each of them before the erasure.
    const before = new Set((await searchWholeDatabase(needles)).map((h) => h.needle));
    expect([...before].sort()).toEqual([...needles].sort());

    await stepUp(t, owner);
    const erasure = await fileRequest(t, owner, { type: 'erasure' });
    t.clock.advance(86_400_000);
    // A day on, the front desk signs in again: a staff session ends after 12 idle hours.
    staff = await signIn(t, FRONT_DESK);
    await staffActionOk(t, staff, erasure.id, 'complete', { note: 'Account deleted.' });
    await lastMailTo(t, EMAIL, /is complete/);
    await t.app.pushOutbox.drain();

    const devices = await t.database.kysely
      .selectFrom('push_subscriptions')
      .select(['id', 'user_id'])
      .orderBy('id')
      .execute();
    expect(devices).toEqual([{ id: visitor.deviceId, user_id: null }]);
    expect((await as(t, owner).get('/api/me/devices')).statusCode).toBe(401);
    // The first update still counts what happened, without pointing at the devices.
    const first = UpdateDetailSchema.parse(
      (await as(t, staff).get(`/api/clinics/dr-kim/updates/${newsId}`)).json(),
    );
    expect(first).toMatchObject({ status: 'done', delivered: 3, targeted: 3 });

    const attemptsBefore = [device, tablet].map((d) => service.attempts(d.id).length);
    const laterId = await postNews('Closed on Thursday');
    await t.app.pushOutbox.drain();
    expect(payloadsAt(visitor).map((p) => p.updateId)).toEqual([newsId, laterId]);
    expect([device, tablet].map((d) => service.attempts(d.id).length)).toEqual(attemptsBefore);
    expect(payloadsAt(device).some((p) => p.updateId === laterId)).toBe(false);
    expect(payloadsAt(tablet).some((p) => p.updateId === laterId)).toBe(false);
    const later = UpdateDetailSchema.parse(
      (await as(t, staff).get(`/api/clinics/dr-kim/updates/${laterId}`)).json(),
    );
    expect(later).toMatchObject({ status: 'done', targeted: 1, delivered: 1 });

    expect(await searchWholeDatabase(needles)).toEqual([]);
    // Signing in again with the address starts afresh: no devices, an empty inbox.
    const again = await signIn(t, EMAIL);
    expect(DeviceListSchema.parse((await as(t, again).get('/api/me/devices')).json())).toEqual([]);
    expect(await inboxOf(again)).toEqual([]);
  });
});
