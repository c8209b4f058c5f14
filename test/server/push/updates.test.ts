import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  InboxItemListSchema,
  MAX_PUSH_PAYLOAD_BYTES,
  PushPayloadSchema,
  UpdateDetailSchema,
  UpdateProgressSchema,
  UpdateSummaryListSchema,
} from '../../../src/contract/push.ts';
import { systemClock } from '../../../server/clock.ts';
import {
  erasePushData,
  exportDevices,
  exportUpdatesReceived,
  pushExportSections,
} from '../../../server/push/push-data.ts';
import { runApiKey } from '../../../server/scripts/api-key.ts';
import { APP_ORIGIN, addSecondClinic, as, signIn, type SignedIn } from '../../support/sessions.ts';
import {
  createFakeSender,
  createPushTestApp,
  subscriptionBody,
  testEndpoint,
  type FakeSender,
  type PushTestApp,
} from './push-test-app.ts';

let t: PushTestApp;
let sender: FakeSender;
let staff: SignedIn;

beforeEach(async () => {
  sender = createFakeSender();
  t = await createPushTestApp({ sender });
  staff = await signIn(t, 'frontdesk@dr-kim.example');
});
afterEach(() => t.close());

const news = {
  title: 'Closed on Thursday',
  body: 'We are closed for Thanksgiving.',
  category: 'clinic-news',
};

const postUpdate = (body: unknown, headers: Record<string, string>, clinic = 'dr-kim') =>
  t.app.inject({
    method: 'POST',
    url: `/api/clinics/${clinic}/updates`,
    payload: body as object,
    headers,
  });

const asStaff = (who: SignedIn = staff) => ({ cookie: who.cookie, origin: APP_ORIGIN });
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function subscribe(body: ReturnType<typeof subscriptionBody>, who?: SignedIn) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/clinics/dr-kim/push/subscriptions',
    payload: body,
    headers: who ? { cookie: who.cookie, origin: APP_ORIGIN } : {},
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as number;
}

async function progressOf(id: number, headers: Record<string, string> = asStaff()) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/clinics/dr-kim/updates/${id}`,
    headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return UpdateDetailSchema.parse(response.json());
}

const endpointsSent = (updateId: number) =>
  sender.sent
    .filter((m) => PushPayloadSchema.parse(JSON.parse(m.payload)).updateId === updateId)
    .map((m) => m.target.endpoint)
    .sort();

describe('who may send an update', () => {
  test('staff of the clinic send one and get 202 with its id', async () => {
    const response = await postUpdate(news, asStaff());
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toEqual({ id: expect.any(Number) });
  });

  test('a clinic system with an API key sends and reads, and only the key’s hash is stored', async () => {
    const { key } = await runApiKey(['--', 'dr-kim'], { database: t.database, clock: t.clock });
    const sent = await postUpdate(news, bearer(key));
    expect(sent.statusCode, sent.body).toBe(202);
    const progress = UpdateProgressSchema.parse(await progressOf(sent.json().id, bearer(key)));
    expect(progress.id).toBe(sent.json().id);
    const listed = await t.app.inject({
      method: 'GET',
      url: '/api/clinics/dr-kim/updates',
      headers: bearer(key),
    });
    expect(listed.statusCode).toBe(200);
    const rows = await t.database.kysely.selectFrom('api_keys').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(key);
    expect(rows[0]?.last_used_at).toBe('2026-11-23T17:00:00.000Z');
    const summary = UpdateSummaryListSchema.parse(listed.json())[0];
    expect(summary?.sentBy).toMatch(/^api-key:pawtal_/);
  });

  test('a key of another clinic, a wrong key and a revoked key are refused', async () => {
    const north = await addSecondClinic(t);
    const { key: northKey } = await runApiKey([north.slug], {
      database: t.database,
      clock: t.clock,
    });
    const crossed = await postUpdate(news, bearer(northKey));
    expect(crossed.statusCode).toBe(403);
    expect(crossed.json().code).toBe('wrong-clinic');

    const { key } = await runApiKey(['dr-kim'], { database: t.database, clock: t.clock });
    const sent = await postUpdate(news, bearer(key));
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/clinics/dr-kim/updates/${sent.json().id}`,
      headers: bearer(northKey),
    });
    expect(read.statusCode).toBe(403);

    const wrong = await postUpdate(news, bearer(`${key.slice(0, -2)}xx`));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('invalid-api-key');
    const notBearer = await postUpdate(news, { authorization: `Basic ${key}` });
    expect(notBearer.statusCode).toBe(401);

    await t.database.kysely
      .updateTable('api_keys')
      .set({ revoked_at: t.clock.now().toISOString() })
      .execute();
    expect((await postUpdate(news, bearer(key))).statusCode).toBe(401);
  });

  test('without a key or a session, as an owner, or as staff of another clinic: refused', async () => {
    expect((await postUpdate(news, {})).statusCode).toBe(401);
    const owner = await signIn(t, 'maria@example.com');
    const asOwner = await postUpdate(news, asStaff(owner));
    expect(asOwner.statusCode).toBe(403);
    expect(asOwner.json().code).toBe('staff-only');
    const north = await addSecondClinic(t);
    const northStaff = await signIn(t, north.staffEmail, { clinic: north.slug });
    expect((await postUpdate(news, asStaff(northStaff))).statusCode).toBe(403);
    const sent = await postUpdate(news, asStaff());
    const peek = await t.app.inject({
      method: 'GET',
      url: `/api/clinics/dr-kim/updates/${sent.json().id}`,
      headers: asStaff(northStaff),
    });
    expect(peek.statusCode).toBe(403);
    // Staff of the other clinic asking under their own slug: no such update there.
    const underTheirs = await t.app.inject({
      method: 'GET',
      url: `/api/clinics/${north.slug}/updates/${sent.json().id}`,
      headers: asStaff(northStaff),
    });
    expect(underTheirs.statusCode).toBe(404);
  });

  test('the api-key command refuses an unknown clinic', async () => {
    await expect(
      runApiKey(['no-such-clinic'], { database: t.database, clock: systemClock }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(runApiKey([], { database: t.database, clock: systemClock })).rejects.toThrow(
      /Name the clinic/,
    );
  });
});

describe('what an update may say', () => {
  test('a payload over the Web Push limit is refused with 413 payload-too-large, one byte past the edge', async () => {
    const sentAt = t.clock.now().toISOString();
    const base = JSON.stringify({
      updateId: Number.MAX_SAFE_INTEGER,
      clinic: 'dr-kim',
      title: 'T',
      body: '',
      category: 'clinic-news',
      sentAt,
    });
    const room = MAX_PUSH_PAYLOAD_BYTES - Buffer.byteLength(base);
    // Two UTF-8 bytes a character: the limit is in bytes, not characters.
    const body = 'é'.repeat(Math.floor(room / 2)) + (room % 2 === 1 ? 'a' : '');
    const atLimit = await postUpdate({ title: 'T', body, category: 'clinic-news' }, asStaff());
    expect(atLimit.statusCode, atLimit.body).toBe(202);
    const over = await postUpdate(
      { title: 'T', body: `${body}a`, category: 'clinic-news' },
      asStaff(),
    );
    expect(over.statusCode).toBe(413);
    expect(over.json()).toMatchObject({
      code: 'payload-too-large',
      bytes: MAX_PUSH_PAYLOAD_BYTES + 1,
      limit: 3993,
    });
    // The check allows for the encryption: 86 header bytes, 1 delimiter, 16 tag.
    expect(MAX_PUSH_PAYLOAD_BYTES + 86 + 1 + 16).toBe(4096);
  });

  test('a clinic system sending a body too large for Web Push gets 413, not a validation error', async () => {
    const { key } = await runApiKey(['dr-kim'], { database: t.database, clock: t.clock });
    const sentAt = t.clock.now().toISOString();
    const base = JSON.stringify({
      updateId: Number.MAX_SAFE_INTEGER,
      clinic: 'dr-kim',
      title: 'T',
      body: '',
      category: 'clinic-news',
      sentAt,
    });
    // Plain ASCII: more characters than any field limit shorter than the Web Push limit.
    const body = 'a'.repeat(MAX_PUSH_PAYLOAD_BYTES - Buffer.byteLength(base));
    expect(body.length).toBeGreaterThan(3000);
    const atLimit = await postUpdate({ title: 'T', body, category: 'clinic-news' }, bearer(key));
    expect(atLimit.statusCode, atLimit.body).toBe(202);
    const over = await postUpdate(
      { title: 'T', body: `${body}a`, category: 'clinic-news' },
      bearer(key),
    );
    expect(over.statusCode, over.body).toBe(413);
    expect(over.json()).toMatchObject({
      code: 'payload-too-large',
      bytes: MAX_PUSH_PAYLOAD_BYTES + 1,
    });
    // A title too large for Web Push is the same case.
    const longTitle = await postUpdate(
      { title: 'T'.repeat(5000), body: 'b', category: 'clinic-news' },
      bearer(key),
    );
    expect(longTitle.statusCode, longTitle.body).toBe(413);
    expect(longTitle.json().code).toBe('payload-too-large');
    // Far past any sane size (but under the server's body limit): still 413, never a 400.
    for (const huge of [
      { title: 'T', body: 'x'.repeat(100_000), category: 'clinic-news' },
      { title: 'T'.repeat(100_000), body: 'b', category: 'clinic-news' },
    ]) {
      const response = await postUpdate(huge, bearer(key));
      expect(response.statusCode, response.body).toBe(413);
      expect(response.json().code).toBe('payload-too-large');
      // Who may send is still settled first.
      expect((await postUpdate(huge, {})).statusCode).toBe(401);
    }
    // A short title is still a rule of its own when the payload fits.
    const wordy = await postUpdate({ ...news, title: 'T'.repeat(121) }, bearer(key));
    expect(wordy.statusCode, wordy.body).toBe(400);
    expect(wordy.json().code).toBe('invalid-request');
    expect((await postUpdate({ ...news, title: 'T'.repeat(120) }, bearer(key))).statusCode).toBe(
      202,
    );
  });

  test('the link must stay inside the clinic app', async () => {
    for (const url of [
      'https://evil.example/c/dr-kim/',
      '//evil.example/c/dr-kim/',
      '/c/north-paws/news',
      '/c/dr-kimmy/',
      'javascript:alert(1)',
      '/c/dr-kim/../../api/me',
    ]) {
      const response = await postUpdate({ ...news, url }, asStaff());
      expect(response.statusCode, url).toBe(400);
      expect(response.json().code, url).toBe('url-outside-clinic');
    }
    const ok = await postUpdate({ ...news, url: '/c/dr-kim/updates?from=push#top' }, asStaff());
    expect(ok.statusCode).toBe(202);
    const bare = await postUpdate({ ...news, url: '/c/dr-kim' }, asStaff());
    const detail = await progressOf(bare.json().id);
    expect(detail.url).toBe('/c/dr-kim/');
  });

  test('service messages are not broadcast, and bad fields are 400', async () => {
    const service = await postUpdate({ ...news, category: 'service' }, asStaff());
    expect(service.statusCode).toBe(400);
    expect(service.json().code).toBe('category-not-allowed');
    expect((await postUpdate({ ...news, title: '' }, asStaff())).json().code).toBe(
      'invalid-request',
    );
    expect((await postUpdate({ ...news, urgency: 'now' }, asStaff())).statusCode).toBe(400);
    expect((await postUpdate({ ...news, ttl: -1 }, asStaff())).statusCode).toBe(400);
    expect((await postUpdate({ ...news, category: 'gossip' }, asStaff())).statusCode).toBe(400);
  });
});

describe('the audience', () => {
  interface World {
    anonNews: string;
    anonBoth: string;
    anonMarketing: string;
    maria: SignedIn;
    mariaPhone: string;
    mariaTablet: string;
    noPush: SignedIn;
    noPushPhone: string;
    restricted: SignedIn;
    restrictedPhone: string;
    erased: SignedIn;
    erasedPhone: string;
    nothing: SignedIn;
    northPhone: string;
  }

  async function world(): Promise<World> {
    const w = {} as World;
    w.anonNews = testEndpoint();
    await subscribe(subscriptionBody(w.anonNews));
    w.anonBoth = testEndpoint();
    await subscribe(subscriptionBody(w.anonBoth, ['clinic-news', 'marketing']));
    w.anonMarketing = testEndpoint();
    await subscribe(subscriptionBody(w.anonMarketing, ['marketing']));

    // Clinic news is on for push by the clinic's default; marketing is opted into.
    w.maria = await signIn(t, 'maria@example.com');
    w.mariaPhone = testEndpoint();
    await subscribe(subscriptionBody(w.mariaPhone, ['clinic-news', 'marketing']), w.maria);
    w.mariaTablet = testEndpoint();
    await subscribe(subscriptionBody(w.mariaTablet), w.maria);

    // Clinic news off for push, still on by email: no push, but the inbox.
    w.noPush = await signIn(t, 'nopush@example.com');
    w.noPushPhone = testEndpoint();
    await subscribe(subscriptionBody(w.noPushPhone), w.noPush);
    expect(
      (
        await as(t, w.noPush).put('/api/me/preferences', {
          changes: [{ category: 'clinic-news', channel: 'push', enabled: false }],
        })
      ).statusCode,
    ).toBe(200);

    // A restriction of processing stands: service messages only.
    w.restricted = await signIn(t, 'restricted@example.com');
    w.restrictedPhone = testEndpoint();
    await subscribe(
      subscriptionBody(w.restrictedPhone, ['clinic-news', 'marketing']),
      w.restricted,
    );
    await t.database.kysely
      .updateTable('preference_states')
      .set({ restricted_at: t.clock.now().toISOString() })
      .where('user_id', '=', w.restricted.userId)
      .execute();

    // An erased account keeps nothing coming, even if a device row were left behind.
    w.erased = await signIn(t, 'erased@example.com');
    w.erasedPhone = testEndpoint();
    await subscribe(subscriptionBody(w.erasedPhone), w.erased);
    await t.database.kysely
      .updateTable('users')
      .set({ status: 'erased' })
      .where('id', '=', w.erased.userId)
      .execute();

    // Clinic news off on every channel: nothing at all.
    w.nothing = await signIn(t, 'nothing@example.com');
    await as(t, w.nothing).put('/api/me/preferences', {
      changes: ['email', 'sms', 'push'].map((channel) => ({
        category: 'clinic-news',
        channel,
        enabled: false,
      })),
    });

    const north = await addSecondClinic(t);
    w.northPhone = testEndpoint();
    const northResponse = await t.app.inject({
      method: 'POST',
      url: `/api/clinics/${north.slug}/push/subscriptions`,
      payload: subscriptionBody(w.northPhone, ['clinic-news', 'marketing']),
    });
    expect(northResponse.statusCode).toBe(201);
    return w;
  }

  const inboxOf = async (who: SignedIn) =>
    InboxItemListSchema.parse((await as(t, who).get('/api/me/updates')).json());

  test('clinic news reaches the devices that have it on for push, and nobody else', async () => {
    const w = await world();
    const sent = await postUpdate({ ...news, url: '/c/dr-kim/news/1' }, asStaff());
    const id = sent.json().id as number;
    expect(await progressOf(id)).toMatchObject({ status: 'queued', targeted: 0, pending: 0 });

    await t.app.pushOutbox.drain();
    expect(endpointsSent(id)).toEqual([w.anonBoth, w.anonNews, w.mariaPhone, w.mariaTablet].sort());
    const progress = await progressOf(id);
    expect(progress).toMatchObject({
      id,
      status: 'done',
      targeted: 4,
      delivered: 4,
      failed: 0,
      removed: 0,
      pending: 0,
      completedAt: '2026-11-23T17:00:00.000Z',
      outcomes: [{ outcome: 'delivered', statusCode: 201, count: 4 }],
    });

    const [message] = sender.to(w.mariaPhone);
    expect(JSON.parse(message?.payload ?? '')).toEqual({
      updateId: id,
      clinic: 'dr-kim',
      title: news.title,
      body: news.body,
      url: '/c/dr-kim/news/1',
      category: 'clinic-news',
      sentAt: '2026-11-23T17:00:00.000Z',
    });
    expect(message).toMatchObject({ ttlSeconds: 86_400, urgency: 'normal' });
  });

  test('every owner with the category on for any channel finds it in the inbox, with or without push', async () => {
    const w = await world();
    const id = (await postUpdate(news, asStaff())).json().id as number;
    await t.app.pushOutbox.drain();
    const expected = [
      {
        id,
        clinic: 'dr-kim',
        title: news.title,
        body: news.body,
        url: null,
        category: 'clinic-news',
        sentAt: '2026-11-23T17:00:00.000Z',
      },
    ];
    expect(await inboxOf(w.maria)).toEqual(expected);
    expect(await inboxOf(w.noPush)).toEqual(expected);
    expect(await inboxOf(w.restricted)).toEqual([]);
    expect(await inboxOf(w.nothing)).toEqual([]);
    expect((await progressOf(id)).inboxRecipients).toBe(2);
  });

  test('marketing reaches only those who opted in, anonymous or not', async () => {
    const w = await world();
    const id = (
      await postUpdate({ ...news, title: 'Dental month', category: 'marketing' }, asStaff())
    ).json().id as number;
    await t.app.pushOutbox.drain();
    expect(endpointsSent(id)).toEqual(
      [w.anonBoth, w.anonMarketing, w.mariaPhone, w.mariaTablet].sort(),
    );
    expect((await inboxOf(w.noPush)).map((i) => i.id)).not.toContain(id);
    expect((await inboxOf(w.maria)).map((i) => i.id)).toContain(id);
  });

  test('a category only owners can have (reminders) reaches no anonymous device', async () => {
    const w = await world();
    const id = (await postUpdate({ ...news, category: 'reminders' }, asStaff())).json()
      .id as number;
    await t.app.pushOutbox.drain();
    // Reminders are on for push by the clinic's default.
    expect(endpointsSent(id)).toEqual([w.mariaPhone, w.mariaTablet, w.noPushPhone].sort());
  });

  test('devices that subscribe after the update was posted are not in its audience', async () => {
    await subscribe(subscriptionBody());
    const id = (await postUpdate(news, asStaff())).json().id as number;
    const late = testEndpoint();
    await subscribe(subscriptionBody(late));
    await t.app.pushOutbox.drain();
    expect(endpointsSent(id)).not.toContain(late);
    expect((await progressOf(id)).targeted).toBe(1);
  });

  test('the staff list shows updates newest first, and an owner’s notice is not among them', async () => {
    const first = (await postUpdate(news, asStaff())).json().id as number;
    const second = (await postUpdate({ ...news, title: 'Second' }, asStaff())).json().id as number;
    const owner = await signIn(t, 'maria@example.com');
    const notice = await t.app.updates.notifyOwner(owner.userId, {
      title: 'Your request',
      body: 'Done.',
      category: 'service',
    });
    const list = UpdateSummaryListSchema.parse(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/clinics/dr-kim/updates',
          headers: asStaff(),
        })
      ).json(),
    );
    expect(list.map((u) => u.id)).toEqual([second, first]);
    expect(list[0]).toMatchObject({ title: 'Second', sentBy: 'staff:frontdesk@dr-kim.example' });
    const peek = await t.app.inject({
      method: 'GET',
      url: `/api/clinics/dr-kim/updates/${notice}`,
      headers: asStaff(),
    });
    expect(peek.statusCode).toBe(404);
  });
});

describe('notices to one owner (the requests module’s seam)', () => {
  test('a service notice reaches every device of the owner and their inbox, even under a restriction', async () => {
    const owner = await signIn(t, 'maria@example.com');
    const phone = testEndpoint();
    const tablet = testEndpoint();
    await subscribe(subscriptionBody(phone), owner);
    await subscribe(subscriptionBody(tablet), owner);
    const stranger = testEndpoint();
    await subscribe(subscriptionBody(stranger));
    await t.database.kysely
      .updateTable('preference_states')
      .set({ restricted_at: t.clock.now().toISOString() })
      .where('user_id', '=', owner.userId)
      .execute();

    const id = await t.database.kysely.transaction().execute((trx) =>
      t.app.updates.notifyOwner(
        owner.userId,
        {
          title: 'Request completed',
          body: 'Your export is ready.',
          url: '/c/dr-kim/requests/7',
          category: 'service',
        },
        { trx },
      ),
    );
    expect(id).toEqual(expect.any(Number));
    await t.app.pushOutbox.drain();
    expect(endpointsSent(id as number)).toEqual([phone, tablet].sort());
    const inbox = InboxItemListSchema.parse((await as(t, owner).get('/api/me/updates')).json());
    expect(inbox).toEqual([
      expect.objectContaining({ id, title: 'Request completed', url: '/c/dr-kim/requests/7' }),
    ]);
  });

  test('an erased or unknown account gets nothing', async () => {
    const owner = await signIn(t, 'maria@example.com');
    await t.database.kysely
      .updateTable('users')
      .set({ status: 'erased' })
      .where('id', '=', owner.userId)
      .execute();
    expect(
      await t.app.updates.notifyOwner(owner.userId, { title: 'x', body: 'y', category: 'service' }),
    ).toBeNull();
    expect(
      await t.app.updates.notifyOwner(999_999, { title: 'x', body: 'y', category: 'service' }),
    ).toBeNull();
  });
});

describe('erasure and export seams', () => {
  test('erasing removes the devices, the inbox and the notices; pending deliveries end as removed', async () => {
    const owner = await signIn(t, 'maria@example.com');
    const phone = testEndpoint();
    await subscribe(subscriptionBody(phone), owner);
    const id = (await postUpdate(news, asStaff())).json().id as number;
    await t.app.pushOutbox.drain();
    const second = (await postUpdate({ ...news, title: 'Second' }, asStaff())).json().id as number;
    // Expand without sending: the delivery to the phone is pending when the erasure runs.
    sender.answerAll({ kind: 'retry', status: 503, retryAfterMs: 60_000, reason: 'busy' });
    await t.app.pushOutbox.drain();
    await t.app.updates.notifyOwner(owner.userId, {
      title: 'Notice',
      body: 'b',
      category: 'service',
    });

    const exported = [];
    for await (const row of exportUpdatesReceived(t.database.kysely, owner.userId))
      exported.push(row);
    expect(exported.map((r) => r.title)).toEqual([news.title, 'Second', 'Notice']);
    const devices = [];
    for await (const row of exportDevices(t.database.kysely, owner.userId)) devices.push(row);
    expect(devices).toEqual([
      expect.objectContaining({ endpoint: phone, label: 'Unknown device' }),
    ]);
    const sections = pushExportSections(t.database.kysely);
    expect(await Promise.all(sections.map((s) => s.count(owner.userId)))).toEqual([1, 3]);

    const erased = await t.database.kysely
      .transaction()
      .execute((trx) => erasePushData(trx, owner.userId, t.clock.now()));
    expect(erased).toEqual({ devices: 1, inboxEntries: 3, notices: 1 });
    expect(await t.database.kysely.selectFrom('push_subscriptions').selectAll().execute()).toEqual(
      [],
    );
    expect((await progressOf(id)).delivered).toBe(1);
    expect(await progressOf(second)).toMatchObject({
      status: 'done',
      removed: 1,
      pending: 0,
      targeted: 1,
    });
  });
});
