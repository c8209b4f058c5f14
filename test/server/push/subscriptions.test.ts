import crypto from 'node:crypto';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  ConsentEventListSchema,
  PreferenceMatrixSchema,
} from '../../../src/contract/preferences.ts';
import {
  DeviceListSchema,
  PushUnsubscribeResultSchema,
  VapidPublicKeySchema,
} from '../../../src/contract/push.ts';
import { resolveVapidKeys } from '../../../server/push/vapid.ts';
import { checkVapidSubject } from '../../../server/push/vapid-config.ts';
import { APP_ORIGIN, addSecondClinic, as, signIn, type SignedIn } from '../../support/sessions.ts';
import {
  browserKeys,
  createFakeSender,
  createPushTestApp,
  subscriptionBody,
  testEndpoint,
  type FakeSender,
  type PushTestApp,
} from './push-test-app.ts';

const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

let t: PushTestApp;
let sender: FakeSender;

beforeEach(async () => {
  sender = createFakeSender();
  t = await createPushTestApp({ sender });
});
afterEach(() => t.close());

/** An anonymous subscribe, as the service worker or the app does it without a session. */
const subscribeAnonymously = (body: unknown, clinic = 'dr-kim', headers = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/clinics/${clinic}/push/subscriptions`,
    payload: body as object,
    headers,
  });

const subscribeAs = (who: SignedIn, body: unknown, userAgent = ANDROID_CHROME) =>
  t.app.inject({
    method: 'POST',
    url: '/api/clinics/dr-kim/push/subscriptions',
    payload: body as object,
    headers: { cookie: who.cookie, origin: APP_ORIGIN, 'user-agent': userAgent },
  });

async function anonymousCategories(id: number): Promise<string[]> {
  const rows = await t.database.kysely
    .selectFrom('push_subscription_categories')
    .select('category')
    .where('subscription_id', '=', id)
    .orderBy('category')
    .execute();
  return rows.map((r) => r.category);
}

async function pushCell(who: SignedIn, category: string) {
  const matrix = PreferenceMatrixSchema.parse((await as(t, who).get('/api/me/preferences')).json());
  return matrix.matrix.find((c) => c.category === category && c.channel === 'push');
}

describe('the VAPID key', () => {
  test('the public key is a P-256 point the browser can subscribe with, the same on every call', async () => {
    const first = VapidPublicKeySchema.parse(
      (await t.app.inject({ method: 'GET', url: '/api/push/vapid-public-key' })).json(),
    );
    const bytes = Buffer.from(first.publicKey, 'base64url');
    expect(bytes).toHaveLength(65);
    expect(bytes[0]).toBe(0x04);
    const second = await t.app.inject({ method: 'GET', url: '/api/push/vapid-public-key' });
    expect(second.json().publicKey).toBe(first.publicKey);
  });

  test('the generated pair is kept in the database, and the subject defaults to the first clinic', async () => {
    const publicKey = (
      await t.app.inject({ method: 'GET', url: '/api/push/vapid-public-key' })
    ).json().publicKey as string;
    const stored = await t.database.kysely
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'vapid:keys')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.value).publicKey).toBe(publicKey);
    // The sender is made on first use with the same pair and the default subject.
    await subscribeAnonymously(subscriptionBody());
    const owner = await signIn(t, 'maria@example.com');
    const device = await subscribeAs(owner, subscriptionBody());
    await as(t, owner).post(`/api/me/devices/${device.json().id}/test`);
    await t.app.pushOutbox.drain();
    expect(t.vapid()).toMatchObject({ publicKey, subject: 'mailto:privacy@dr-kim.example' });
  });

  test('VAPID_SUBJECT wins, and a localhost contact address never becomes the subject (Apple refuses it)', async () => {
    const config = { vapidKeys: undefined, vapidSubject: undefined };
    const keys = await resolveVapidKeys(t.database.kysely, config, 'privacy@dr-kim.example');
    expect(keys.subject).toBe('mailto:privacy@dr-kim.example');
    const chosen = await resolveVapidKeys(
      t.database.kysely,
      { ...config, vapidSubject: 'https://clinic.example/contact' },
      'privacy@dr-kim.example',
    );
    expect(chosen).toEqual({ ...keys, subject: 'https://clinic.example/contact' });
    for (const contact of ['admin@localhost', 'desk@clinic.localhost', undefined]) {
      const fallback = await resolveVapidKeys(t.database.kysely, config, contact);
      expect(fallback.subject, contact).toMatch(/^mailto:/);
      expect(checkVapidSubject(fallback.subject), contact).toBeNull();
    }
  });

  test('each subscription remembers the public key it was made with', async () => {
    const publicKey = (
      await t.app.inject({ method: 'GET', url: '/api/push/vapid-public-key' })
    ).json().publicKey as string;
    const created = await subscribeAnonymously(subscriptionBody());
    const row = await t.database.kysely
      .selectFrom('push_subscriptions')
      .select('vapid_public_key')
      .where('id', '=', created.json().id)
      .executeTakeFirstOrThrow();
    expect(row.vapid_public_key).toBe(publicKey);
  });
});

describe('subscribing without an account', () => {
  test('a visitor subscribes to clinic news by default', async () => {
    const created = await subscribeAnonymously(subscriptionBody());
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    expect(await anonymousCategories(id)).toEqual(['clinic-news']);
  });

  test('marketing only when explicitly chosen, and re-subscribing replaces the choice without a second row', async () => {
    const endpoint = testEndpoint();
    const first = await subscribeAnonymously(
      subscriptionBody(endpoint, ['clinic-news', 'marketing']),
    );
    expect(first.statusCode).toBe(201);
    const id = first.json().id as number;
    expect(await anonymousCategories(id)).toEqual(['clinic-news', 'marketing']);

    const newKeys = browserKeys();
    const again = await subscribeAnonymously(subscriptionBody(endpoint, ['clinic-news'], newKeys));
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(id);
    expect(await anonymousCategories(id)).toEqual(['clinic-news']);
    const rows = await t.database.kysely
      .selectFrom('push_subscriptions')
      .select(['p256dh', 'auth'])
      .where('endpoint', '=', endpoint)
      .execute();
    expect(rows).toEqual([{ p256dh: newKeys.p256dh, auth: newKeys.auth }]);
  });

  test("a visitor cannot subscribe to an owner's categories, nor to nothing", async () => {
    const reminders = await subscribeAnonymously(subscriptionBody(testEndpoint(), ['reminders']));
    expect(reminders.statusCode).toBe(400);
    expect(reminders.json()).toMatchObject({ code: 'category-not-public', category: 'reminders' });
    const service = await subscribeAnonymously(subscriptionBody(testEndpoint(), ['service']));
    expect(service.json().code).toBe('category-not-public');
    const nothing = await subscribeAnonymously(subscriptionBody(testEndpoint(), []));
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().code).toBe('no-categories');
    expect(await t.database.kysely.selectFrom('push_subscriptions').selectAll().execute()).toEqual(
      [],
    );
  });

  test('subscribing is rate-limited per address, as it needs no session', async () => {
    for (let i = 0; i < 60; i += 1) {
      expect((await subscribeAnonymously(subscriptionBody())).statusCode).toBe(201);
    }
    const limited = await subscribeAnonymously(subscriptionBody());
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate-limited');
    expect(limited.headers['retry-after']).toBe('600');
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/clinics/dr-kim/push/subscriptions',
      payload: subscriptionBody(),
      remoteAddress: '203.0.113.9',
    });
    expect(elsewhere.statusCode).toBe(201);
    t.clock.advance(600_001);
    expect((await subscribeAnonymously(subscriptionBody())).statusCode).toBe(201);
  });

  test('an unknown clinic is 404', async () => {
    const response = await subscribeAnonymously(subscriptionBody(), 'no-such-clinic');
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('not-found');
  });
});

describe('endpoint checks at subscribe time (SSRF)', () => {
  const refused: Array<[string, string, string]> = [
    ['plain http', 'http://fcm.googleapis.com/fcm/send/abc', 'endpoint-not-https'],
    ['a loopback address', 'https://127.0.0.1/push/abc', 'endpoint-ip-literal'],
    ['loopback written as a number', 'https://2130706433/push/abc', 'endpoint-ip-literal'],
    [
      'the cloud metadata address',
      'https://169.254.169.254/latest/meta-data',
      'endpoint-ip-literal',
    ],
    ['an IPv6 loopback', 'https://[::1]/push/abc', 'endpoint-ip-literal'],
    ['a private address', 'https://10.0.0.7/push/abc', 'endpoint-ip-literal'],
    ['an unknown host', 'https://push.evil.example/abc', 'endpoint-host-not-allowed'],
    [
      'a look-alike host',
      'https://fcm.googleapis.com.evil.example/abc',
      'endpoint-host-not-allowed',
    ],
    ['localhost', 'https://localhost/push/abc', 'endpoint-host-not-allowed'],
    [
      'credentials in the URL',
      'https://user:secret@fcm.googleapis.com/fcm/send/abc',
      'endpoint-has-credentials',
    ],
    [
      'an odd port on a known host',
      'https://fcm.googleapis.com:8443/fcm/send/abc',
      'endpoint-port-not-allowed',
    ],
    [
      'an allowed host on another port',
      'https://push.test.example:9443/push/abc',
      'endpoint-port-not-allowed',
    ],
    ['not a URL at all', 'fcm.googleapis.com/fcm/send/abc', 'endpoint-not-a-url'],
    ['an empty endpoint', '', 'endpoint-not-a-url'],
    [
      'an endpoint longer than any push service gives',
      `https://fcm.googleapis.com/fcm/send/${'a'.repeat(3000)}`,
      'endpoint-too-long',
    ],
    ['a file URL', 'file:///etc/passwd', 'endpoint-not-https'],
  ];

  test.each(refused)('%s is refused', async (_what, endpoint, reason) => {
    const response = await subscribeAnonymously(subscriptionBody(endpoint));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: 'endpoint-not-allowed', reason });
    expect(response.json().message).toEqual(expect.any(String));
  });

  test('nothing is stored for a refused endpoint, and nothing is sent to it', async () => {
    await subscribeAnonymously(subscriptionBody('https://169.254.169.254/latest/meta-data'));
    const count = await t.database.kysely
      .selectFrom('push_subscriptions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  const accepted = [
    'https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b',
    'https://fcm.googleapis.com:443/fcm/send/with-default-port',
    'https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk',
    'https://wns2-par02p.notify.windows.com/w/?token=BQYAAAD',
    'https://web.push.apple.com/QGuQyavXutnMbBd8b',
    'https://push.test.example:8443/push/allowed-by-config',
  ];

  test.each(accepted)('%s is accepted without any DNS lookup', async (endpoint) => {
    const response = await subscribeAnonymously(subscriptionBody(endpoint));
    expect(response.statusCode, response.body).toBe(201);
  });

  test('subscribing never asks DNS, even for a push host that does not resolve', async () => {
    const lookups: string[] = [];
    const saved = { lookup: dns.lookup, promisesLookup: dns.promises.lookup };
    dns.lookup = ((host: string) => {
      lookups.push(host);
      throw new Error('no DNS at subscribe time');
    }) as unknown as typeof dns.lookup;
    dns.promises.lookup = (async (host: string) => {
      lookups.push(host);
      throw new Error('no DNS at subscribe time');
    }) as typeof dns.promises.lookup;
    syncBuiltinESMExports();
    try {
      for (const endpoint of [
        'https://fcm.googleapis.com/fcm/send/no-dns-here',
        'https://wns2-zz9-does-not-exist.notify.windows.com/w/?token=abc',
      ]) {
        const response = await subscribeAnonymously(subscriptionBody(endpoint));
        expect(response.statusCode, response.body).toBe(201);
      }
    } finally {
      dns.lookup = saved.lookup;
      dns.promises.lookup = saved.promisesLookup;
      syncBuiltinESMExports();
    }
    expect(lookups).toEqual([]);
  });

  test('a literal loopback address is accepted only when its origin is explicitly allowed', async () => {
    const local = await createPushTestApp({
      sender: createFakeSender(),
      env: { PUSH_ALLOWED_ORIGINS: 'https://127.0.0.1:8443' },
    });
    try {
      const allowed = await local.app.inject({
        method: 'POST',
        url: '/api/clinics/dr-kim/push/subscriptions',
        payload: subscriptionBody('https://127.0.0.1:8443/push/abc'),
      });
      expect(allowed.statusCode, allowed.body).toBe(201);
      const otherPort = await local.app.inject({
        method: 'POST',
        url: '/api/clinics/dr-kim/push/subscriptions',
        payload: subscriptionBody('https://127.0.0.1:8444/push/abc'),
      });
      expect(otherPort.json()).toMatchObject({ code: 'endpoint-not-allowed' });
    } finally {
      await local.close();
    }
  });
});

describe('key checks', () => {
  const good = browserKeys();
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.generateKeys();
  const offCurve = Buffer.from(ecdh.getPublicKey());
  offCurve[64] = (offCurve[64] ?? 0) ^ 0x01;
  const cases: Array<[string, { p256dh: string; auth: string }, string]> = [
    ['a 64-byte p256dh', { ...good, p256dh: offCurve.subarray(1).toString('base64url') }, 'p256dh'],
    [
      'a point that is not on the curve',
      { ...good, p256dh: offCurve.toString('base64url') },
      'p256dh',
    ],
    [
      'a compressed point',
      { ...good, p256dh: ecdh.getPublicKey(null, 'compressed').toString('base64url') },
      'p256dh',
    ],
    ['p256dh that is not base64url', { ...good, p256dh: 'not base64url!' }, 'p256dh'],
    ['an empty p256dh', { ...good, p256dh: '' }, 'p256dh'],
    ['an over-long p256dh', { ...good, p256dh: good.p256dh.repeat(5) }, 'p256dh'],
    ['an over-long auth secret', { ...good, auth: good.auth.repeat(10) }, 'auth'],
    [
      'a 15-byte auth secret',
      { ...good, auth: crypto.randomBytes(15).toString('base64url') },
      'auth',
    ],
    [
      'a 17-byte auth secret',
      { ...good, auth: crypto.randomBytes(17).toString('base64url') },
      'auth',
    ],
  ];

  test.each(cases)('%s is refused with invalid-keys', async (_what, keys, key) => {
    const response = await subscribeAnonymously({
      subscription: { endpoint: testEndpoint(), keys },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid-keys', key });
  });
});

describe("an owner's devices", () => {
  let owner: SignedIn;
  beforeEach(async () => {
    owner = await signIn(t, 'maria@example.com');
  });

  test("a signed-in owner's device is linked to them and listed with a readable label", async () => {
    const endpoint = testEndpoint();
    const created = await subscribeAs(owner, subscriptionBody(endpoint));
    expect(created.statusCode, created.body).toBe(201);
    const devices = DeviceListSchema.parse((await as(t, owner).get('/api/me/devices')).json());
    expect(devices).toEqual([
      {
        id: created.json().id,
        label: 'Chrome on Android',
        pushService: 'Other',
        endpoint,
        createdAt: '2026-11-23T17:00:00.000Z',
        lastDeliveredAt: null,
      },
    ]);
    const second = await subscribeAs(owner, subscriptionBody(), IPHONE_SAFARI);
    const labels = DeviceListSchema.parse((await as(t, owner).get('/api/me/devices')).json()).map(
      (d) => d.label,
    );
    expect(labels).toEqual(['Chrome on Android', 'Safari on iPhone']);
    expect(second.json().id).not.toBe(created.json().id);
  });

  test("categories chosen at subscribe time switch push on in the owner's preferences, as consent events from the app", async () => {
    expect((await pushCell(owner, 'marketing'))?.enabled).toBe(false);
    const before = ConsentEventListSchema.parse(
      (await as(t, owner).get('/api/me/consent-events')).json(),
    ).length;
    await subscribeAs(owner, subscriptionBody(testEndpoint(), ['clinic-news', 'marketing']));
    expect((await pushCell(owner, 'marketing'))?.enabled).toBe(true);
    const events = ConsentEventListSchema.parse(
      (await as(t, owner).get('/api/me/consent-events')).json(),
    );
    // clinic-news was already on for push (the clinic's default): no event for a no-op.
    expect(events.length - before).toBe(1);
    expect(events[0]).toMatchObject({
      category: 'marketing',
      channel: 'push',
      enabled: true,
      previous: false,
      source: 'app',
    });
    // The owner's device has no categories of its own: the preferences govern it.
    const rows = await t.database.kysely
      .selectFrom('push_subscription_categories')
      .selectAll()
      .execute();
    expect(rows).toEqual([]);
  });

  test('subscribing never switches a category off: a re-subscription keeps what the owner chose', async () => {
    const endpoint = testEndpoint();
    await subscribeAs(owner, subscriptionBody(endpoint, ['clinic-news', 'marketing']));
    const again = await subscribeAs(owner, subscriptionBody(endpoint, ['clinic-news']));
    expect(again.statusCode).toBe(201);
    expect((await pushCell(owner, 'marketing'))?.enabled).toBe(true);
  });

  test('a visitor who signs in and subscribes again claims the same device', async () => {
    const endpoint = testEndpoint();
    const anonymous = await subscribeAnonymously(
      subscriptionBody(endpoint, ['clinic-news', 'marketing']),
    );
    const claimed = await subscribeAs(owner, subscriptionBody(endpoint));
    expect(claimed.json().id).toBe(anonymous.json().id);
    expect(await anonymousCategories(claimed.json().id)).toEqual([]);
    const devices = DeviceListSchema.parse((await as(t, owner).get('/api/me/devices')).json());
    expect(devices.map((d) => d.id)).toEqual([claimed.json().id]);
  });

  test('an owner signed in to another clinic cannot subscribe at this one', async () => {
    const north = await addSecondClinic(t);
    const other = await signIn(t, 'nora@example.com', { clinic: north.slug });
    const response = await subscribeAs(other, subscriptionBody());
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('wrong-clinic');
  });

  test('an owner who has not confirmed their age cannot link a device', async () => {
    const young = await signIn(t, 'new@example.com', { confirmAge: false });
    const response = await subscribeAs(young, subscriptionBody());
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('age-confirmation-required');
  });

  test("an owner removes their own device, and nobody else's", async () => {
    const mine = (await subscribeAs(owner, subscriptionBody())).json().id as number;
    const other = await signIn(t, 'olga@example.com');
    const theirs = (await subscribeAs(other, subscriptionBody())).json().id as number;

    const notMine = await as(t, owner).delete(`/api/clinics/dr-kim/push/subscriptions/${theirs}`);
    expect(notMine.statusCode).toBe(404);
    const viaMe = await as(t, owner).delete(`/api/me/devices/${theirs}`);
    expect(viaMe.statusCode).toBe(404);
    const staff = await signIn(t, 'frontdesk@dr-kim.example');
    expect(
      (await as(t, staff).delete(`/api/clinics/dr-kim/push/subscriptions/${theirs}`)).statusCode,
    ).toBe(404);

    const removed = await as(t, owner).delete(`/api/clinics/dr-kim/push/subscriptions/${mine}`);
    expect(removed.statusCode).toBe(204);
    expect(DeviceListSchema.parse((await as(t, other).get('/api/me/devices')).json())).toHaveLength(
      1,
    );
    expect(DeviceListSchema.parse((await as(t, owner).get('/api/me/devices')).json())).toEqual([]);

    const again = (await subscribeAs(owner, subscriptionBody())).json().id as number;
    expect((await as(t, owner).delete(`/api/me/devices/${again}`)).statusCode).toBe(204);
    expect((await as(t, owner).delete(`/api/me/devices/${again}`)).statusCode).toBe(404);
  });

  test('a send-me-a-test notification reaches that one device and is rate-limited', async () => {
    const endpoint = testEndpoint();
    const id = (await subscribeAs(owner, subscriptionBody(endpoint))).json().id as number;
    const sent = await as(t, owner).post(`/api/me/devices/${id}/test`);
    expect(sent.statusCode, sent.body).toBe(202);
    await t.app.pushOutbox.drain();
    const [message] = sender.to(endpoint);
    expect(JSON.parse(message?.payload ?? '{}')).toMatchObject({
      updateId: sent.json().id,
      clinic: 'dr-kim',
      title: 'Test notification',
      category: 'service',
    });
    expect((await as(t, owner).get('/api/me/updates')).json()).toEqual([]);
    const devices = DeviceListSchema.parse((await as(t, owner).get('/api/me/devices')).json());
    expect(devices[0]?.lastDeliveredAt).toBe('2026-11-23T17:00:00.000Z');

    expect((await as(t, owner).post(`/api/me/devices/${id}/test`)).statusCode).toBe(202);
    expect((await as(t, owner).post(`/api/me/devices/${id}/test`)).statusCode).toBe(202);
    const limited = await as(t, owner).post(`/api/me/devices/${id}/test`);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate-limited');

    const other = await signIn(t, 'olga@example.com');
    expect((await as(t, other).post(`/api/me/devices/${id}/test`)).statusCode).toBe(404);
  });
});

describe('a device without a session proves itself with its endpoint', () => {
  test('an anonymous device unsubscribes with its endpoint, and not without it', async () => {
    const endpoint = testEndpoint();
    const id = (await subscribeAnonymously(subscriptionBody(endpoint))).json().id as number;
    const url = `/api/clinics/dr-kim/push/subscriptions/${id}`;
    expect((await t.app.inject({ method: 'DELETE', url })).statusCode).toBe(404);
    const wrong = await t.app.inject({
      method: 'DELETE',
      url,
      payload: { endpoint: testEndpoint() },
    });
    expect(wrong.statusCode).toBe(404);
    const elsewhere = await t.app.inject({
      method: 'DELETE',
      url: `/api/clinics/north-paws/push/subscriptions/${id}`,
      payload: { endpoint },
    });
    expect(elsewhere.statusCode).toBe(404);
    const right = await t.app.inject({ method: 'DELETE', url, payload: { endpoint } });
    expect(right.statusCode).toBe(204);
    expect(await t.database.kysely.selectFrom('push_subscriptions').selectAll().execute()).toEqual(
      [],
    );
  });
});

describe("a notification's Unsubscribe action", () => {
  const unsubscribe = (endpoint: string, category: string, clinic = 'dr-kim') =>
    t.app.inject({
      method: 'POST',
      url: '/api/push/unsubscribe',
      payload: { endpoint, category, clinic },
    });

  test('it changes only the choice at the clinic that sent the notification', async () => {
    await addSecondClinic(t);
    const atKim = await signIn(t, 'maria@example.com');
    const atNorth = await signIn(t, 'maria@example.com', { clinic: 'north-paws' });
    // One browser, one endpoint, subscribed at both clinics.
    const endpoint = testEndpoint();
    await subscribeAs(atKim, subscriptionBody(endpoint, ['clinic-news', 'marketing']));
    const north = await as(t, atNorth).post(
      '/api/clinics/north-paws/push/subscriptions',
      subscriptionBody(endpoint, ['clinic-news', 'marketing']),
    );
    expect(north.statusCode, north.body).toBe(201);

    const response = await unsubscribe(endpoint, 'marketing', 'north-paws');
    expect(response.statusCode, response.body).toBe(200);
    expect((await pushCell(atNorth, 'marketing'))?.enabled).toBe(false);
    expect((await pushCell(atKim, 'marketing'))?.enabled).toBe(true);
  });

  test("on an owner's device it turns that category off for push, recorded as a push-action consent change", async () => {
    const owner = await signIn(t, 'maria@example.com');
    const endpoint = testEndpoint();
    await subscribeAs(owner, subscriptionBody(endpoint, ['clinic-news', 'marketing']));
    const response = await unsubscribe(endpoint, 'marketing');
    expect(response.statusCode, response.body).toBe(200);
    expect(PushUnsubscribeResultSchema.parse(response.json())).toEqual({
      category: 'marketing',
      channel: 'push',
      enabled: false,
      changed: true,
    });
    expect((await pushCell(owner, 'marketing'))?.enabled).toBe(false);
    const history = (await as(t, owner).get('/api/me/consent-events')).json() as unknown[];
    // ../shared/API.md "Consent events": exactly this shape, as the wire carries it.
    expect(history[0]).toEqual({
      id: expect.any(Number),
      category: 'marketing',
      channel: 'push',
      enabled: false,
      previous: true,
      source: 'push-action',
      at: t.clock.now().toISOString(),
      policyVersion: 1,
    });
    const [latest] = ConsentEventListSchema.parse(history);
    expect(latest).toMatchObject({
      category: 'marketing',
      channel: 'push',
      enabled: false,
      previous: true,
      source: 'push-action',
      policyVersion: 1,
    });
    // Email marketing is a separate choice and stays as it was.
    const matrix = PreferenceMatrixSchema.parse(
      (await as(t, owner).get('/api/me/preferences')).json(),
    );
    expect(
      matrix.matrix.find((c) => c.category === 'clinic-news' && c.channel === 'push')?.enabled,
    ).toBe(true);

    const again = await unsubscribe(endpoint, 'marketing');
    expect(again.json().changed).toBe(false);
    const events = ConsentEventListSchema.parse(
      (await as(t, owner).get('/api/me/consent-events')).json(),
    );
    expect(events.filter((e) => e.source === 'push-action')).toHaveLength(1);
  });

  test('service messages cannot be turned off from a notification', async () => {
    const owner = await signIn(t, 'maria@example.com');
    const endpoint = testEndpoint();
    await subscribeAs(owner, subscriptionBody(endpoint));
    const response = await unsubscribe(endpoint, 'service');
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('locked');
  });

  test('on an anonymous device it removes the category from that device', async () => {
    const endpoint = testEndpoint();
    const id = (
      await subscribeAnonymously(subscriptionBody(endpoint, ['clinic-news', 'marketing']))
    ).json().id as number;
    const response = await unsubscribe(endpoint, 'marketing');
    expect(response.json()).toMatchObject({ changed: true });
    expect(await anonymousCategories(id)).toEqual(['clinic-news']);
    expect((await unsubscribe(endpoint, 'marketing')).json().changed).toBe(false);
  });

  test('an endpoint nobody subscribed is 404', async () => {
    const response = await unsubscribe(testEndpoint(), 'marketing');
    expect(response.statusCode).toBe(404);
  });
});

test("an owner's device subscribed again without categories switches nothing back on", async () => {
  const owner = await signIn(t, 'maria@example.com');
  await subscribeAs(owner, subscriptionBody(testEndpoint(), ['clinic-news']));
  const off = await as(t, owner).put('/api/me/preferences', {
    changes: [{ category: 'clinic-news', channel: 'push', enabled: false }],
  });
  expect(off.statusCode, off.body).toBe(200);
  const before = ConsentEventListSchema.parse(
    (await as(t, owner).get('/api/me/consent-events')).json(),
  );

  // The browser rotated the subscription; the service worker sends the new one, no categories.
  const again = await subscribeAs(owner, subscriptionBody());
  expect(again.statusCode, again.body).toBe(201);
  expect((await pushCell(owner, 'clinic-news'))?.enabled).toBe(false);
  const after = ConsentEventListSchema.parse(
    (await as(t, owner).get('/api/me/consent-events')).json(),
  );
  expect(after).toEqual(before);
});
