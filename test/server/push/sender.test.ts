import { createECDH, createPublicKey, verify } from 'node:crypto';
import https from 'node:https';
import webpush from 'web-push';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  checkEndpointAtSubscribe,
  createPushSender,
  isValidAuthSecret,
  isValidP256dh,
  type PushMessage,
  type PushSender,
  type VapidKeys,
} from '../../../server/push/push-sender.ts';
import { isRefusedAddress } from '../../../server/push/sender/address-policy.ts';
import { encryptAes128gcm, MAX_PAYLOAD_BYTES } from '../../../server/push/sender/aes128gcm.mjs';
import { createEncryptor, CryptoPool } from '../../../server/push/sender/crypto-pool.ts';
import { createFastPushSender } from '../../../server/push/sender/fast-sender.ts';
import { parseRetryAfter } from '../../../server/push/sender/retry-after.ts';
import { VapidTokenCache } from '../../../server/push/sender/vapid.ts';
import {
  decryptAes128gcm,
  startPushService,
  type LocalPushService,
  type TestSubscriber,
} from '../../support/push-service.ts';

const vapid: VapidKeys = {
  ...webpush.generateVAPIDKeys(),
  subject: 'mailto:ops@riverside-vets.example',
};
const payload = JSON.stringify({
  updateId: 'upd_1',
  clinic: 'riverside',
  title: 'Closed on Monday',
  body: 'We are closed on Monday for staff training. Emergencies: 555 0100.',
  category: 'clinic-news',
  sentAt: '2026-11-23T17:00:00.000Z',
});

let service: LocalPushService;
let sender: PushSender;

function message(subscriber: TestSubscriber, overrides: Partial<PushMessage> = {}): PushMessage {
  return {
    target: subscriber.subscription,
    payload,
    ttlSeconds: 86_400,
    urgency: 'normal',
    ...overrides,
  };
}

function decodeJwt(token: string): { header: unknown; claims: Record<string, unknown> } {
  const [header = '', claims = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as unknown,
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >,
  };
}

beforeAll(async () => {
  service = await startPushService();
  sender = createPushSender({
    vapid,
    allowedOrigins: [service.origin],
    ca: service.caPem,
    timeoutMs: 2_000,
  });
});

afterEach(() => service.reset());

afterAll(async () => {
  await sender.close();
  await service.close();
});

describe('aes128gcm encryption (RFC 8291)', () => {
  test('reproduces the RFC 8291 Appendix A message byte for byte', () => {
    const senderKeys = createECDH('prime256v1');
    senderKeys.setPrivateKey(
      Buffer.from('yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw', 'base64url'),
    );
    const body = encryptAes128gcm(
      Buffer.from('When I grow up, I want to be a watermelon'),
      Buffer.from(
        'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
        'base64url',
      ),
      Buffer.from('BTBZMqHH6r4Tts7J_aSIgg', 'base64url'),
      { ecdh: senderKeys, salt: Buffer.from('DGv6ra1nlYgDCS1FRnbzlw', 'base64url') },
    );
    expect(body.toString('base64url')).toBe(
      'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
    );
  });

  test('each message gets a fresh sender key and salt, and only its subscriber can read it', () => {
    const receiver = createECDH('prime256v1');
    const publicKey = receiver.generateKeys();
    const auth = Buffer.alloc(16, 7);
    const first = encryptAes128gcm(Buffer.from('hello'), publicKey, auth);
    const second = encryptAes128gcm(Buffer.from('hello'), publicKey, auth);
    expect(first.subarray(0, 16).equals(second.subarray(0, 16))).toBe(false);
    expect(first.subarray(21, 86).equals(second.subarray(21, 86))).toBe(false);
    // RFC 8188 header: rs = 4096, idlen = 65.
    expect(first.readUInt32BE(16)).toBe(4096);
    expect(first[20]).toBe(65);
    const keyPair = { ecdh: receiver, publicKey };
    expect(decryptAes128gcm(first, keyPair, auth).toString()).toBe('hello');
    expect(() => decryptAes128gcm(first, keyPair, Buffer.alloc(16, 8))).toThrow();
  });

  test('the push service decrypts what the sender sent, up to the 4096-byte limit', async () => {
    const subscriber = service.createSubscriber();
    const largest = 'é'.repeat(Math.floor(MAX_PAYLOAD_BYTES / 2));
    await expect(sender.send(message(subscriber))).resolves.toEqual({
      kind: 'delivered',
      status: 201,
    });
    await expect(sender.send(message(subscriber, { payload: largest }))).resolves.toEqual({
      kind: 'delivered',
      status: 201,
    });
    expect(service.received(subscriber.id).map((r) => r.payload)).toEqual([payload, largest]);
  });

  test.each([
    ['crypto threads (hosts with more than two cores)', () => new CryptoPool(2)],
    [
      'a crypto thread sharing with the main thread (two cores)',
      () => new CryptoPool(1, { mainThreadShares: true }),
    ],
  ])('%s encrypt the same, and refuse bad keys', async (_name, encryptor) => {
    const pooled = createFastPushSender(
      { vapid, allowedOrigins: [service.origin], ca: service.caPem },
      { encryptor: encryptor() },
    );
    try {
      const subscribers = service.createSubscribers(5);
      const outcomes = await Promise.all(subscribers.map((s) => pooled.send(message(s))));
      expect(outcomes.every((o) => o.kind === 'delivered')).toBe(true);
      expect(service.received().map((r) => r.payload)).toEqual(Array(5).fill(payload));
      const subscriber = service.createSubscriber();
      const broken = { ...subscriber.subscription, keys: { p256dh: 'AAAA', auth: 'AAAA' } };
      await expect(pooled.send(message(subscriber, { target: broken }))).resolves.toMatchObject({
        kind: 'rejected',
        reason: expect.stringMatching(/^invalid-keys: /) as unknown,
      });
    } finally {
      await pooled.close();
    }
  });

  test('the crypto has a worker thread per core but one, and at least one', async () => {
    for (const cores of [1, 2, 4]) {
      const pool = createEncryptor(cores);
      expect(pool).toBeInstanceOf(CryptoPool);
      await pool.close();
    }
  });

  test('a payload over the Web Push limit is refused without a request', async () => {
    const subscriber = service.createSubscriber();
    const outcome = await sender.send(
      message(subscriber, { payload: 'x'.repeat(MAX_PAYLOAD_BYTES + 1) }),
    );
    expect(outcome).toEqual({ kind: 'rejected', status: null, reason: 'payload-too-large' });
    expect(service.attempts()).toHaveLength(0);
  });

  test('keys that are not a point on P-256 are refused as invalid keys', async () => {
    const subscriber = service.createSubscriber();
    const broken = {
      ...subscriber.subscription,
      keys: { ...subscriber.subscription.keys, p256dh: Buffer.alloc(65, 1).toString('base64url') },
    };
    const outcome = await sender.send(message(subscriber, { target: broken }));
    expect(outcome).toMatchObject({ kind: 'rejected', status: null });
    expect(outcome.kind === 'rejected' && outcome.reason).toMatch(/^invalid-keys/);
  });

  test('one bad device in a batch does not stop the others', async () => {
    const subscribers = service.createSubscribers(40);
    const outcomes = await Promise.all(
      subscribers.map((s, i) =>
        sender.send(
          message(s, {
            payload: `update ${i}`,
            ...(i === 7
              ? { target: { ...s.subscription, keys: { ...s.subscription.keys, p256dh: 'AAAA' } } }
              : {}),
          }),
        ),
      ),
    );
    expect(outcomes.filter((o) => o.kind === 'delivered')).toHaveLength(39);
    expect(outcomes[7]?.kind).toBe('rejected');
    // Each device got its own message, not a neighbour's.
    for (const [i, s] of subscribers.entries()) {
      if (i !== 7) expect(service.received(s.id).map((r) => r.payload)).toEqual([`update ${i}`]);
    }
  });
});

describe('headers', () => {
  test('TTL, Urgency and Topic reach the push service', async () => {
    const subscriber = service.createSubscriber();
    await sender.send(
      message(subscriber, { ttlSeconds: 600, urgency: 'high', topic: 'clinic-closure_1' }),
    );
    await sender.send(message(subscriber, { ttlSeconds: 0, urgency: 'very-low' }));
    expect(service.received(subscriber.id).map((r) => r.headers)).toEqual([
      { ttl: 600, urgency: 'high', topic: 'clinic-closure_1' },
      { ttl: 0, urgency: 'very-low', topic: null },
    ]);
  });

  test('a topic longer than 32 characters or outside base64url is refused before sending', async () => {
    const subscriber = service.createSubscriber();
    for (const topic of ['a'.repeat(33), 'has space', 'plus+slash/', '']) {
      await expect(sender.send(message(subscriber, { topic }))).resolves.toEqual({
        kind: 'rejected',
        status: null,
        reason: 'invalid-topic',
      });
    }
    expect(service.attempts()).toHaveLength(0);
  });
});

describe('VAPID (RFC 8292)', () => {
  test('the JWT is ES256, signed by the deployment key, for the push service origin, within 24 h', async () => {
    const subscriber = service.createSubscriber();
    const before = Math.floor(Date.now() / 1000);
    await sender.send(message(subscriber));
    const [arrived] = service.received(subscriber.id);
    expect(arrived?.jwt.publicKey).toBe(vapid.publicKey);
    const { header, claims } = decodeJwt(arrived?.jwt.token ?? '');
    expect(header).toEqual({ typ: 'JWT', alg: 'ES256' });
    expect(claims.aud).toBe(service.origin);
    expect(claims.sub).toBe(vapid.subject);
    expect(claims.exp).toBeGreaterThan(before);
    expect(claims.exp).toBeLessThanOrEqual(before + 24 * 3600 + 5);
    // Verify independently of the push service.
    const [h, c, s] = (arrived?.jwt.token ?? '').split('.');
    const raw = Buffer.from(vapid.publicKey, 'base64url');
    const key = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: raw.subarray(1, 33).toString('base64url'),
        y: raw.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    });
    expect(
      verify(
        'sha256',
        Buffer.from(`${h}.${c}`),
        { key, dsaEncoding: 'ieee-p1363' },
        Buffer.from(s ?? '', 'base64url'),
      ),
    ).toBe(true);
  });

  test('one JWT serves every message to the same origin, and another origin gets its own', async () => {
    const other = await startPushService();
    const twoOrigins = createPushSender({
      vapid,
      allowedOrigins: [service.origin, other.origin],
      ca: service.caPem,
    });
    try {
      const a = service.createSubscriber();
      const b = service.createSubscriber();
      const c = other.createSubscriber();
      await Promise.all([
        twoOrigins.send(message(a)),
        twoOrigins.send(message(b)),
        twoOrigins.send(message(a)),
        twoOrigins.send(message(c)),
      ]);
      const tokens = new Set(service.received().map((r) => r.jwt.token));
      expect(service.received()).toHaveLength(3);
      expect(tokens.size).toBe(1);
      const [otherArrival] = other.received();
      expect(otherArrival?.jwt.claims.aud).toBe(other.origin);
      expect(tokens.has(otherArrival?.jwt.token ?? '')).toBe(false);
    } finally {
      await twoOrigins.close();
      await other.close();
    }
  });

  test('a cached JWT is replaced an hour before it expires', () => {
    let now = Date.parse('2026-11-23T17:00:00Z');
    const cache = new VapidTokenCache(vapid, () => now);
    const first = cache.authorization('https://fcm.googleapis.com');
    now += 10 * 3600 * 1000;
    expect(cache.authorization('https://fcm.googleapis.com')).toBe(first);
    now += 1.5 * 3600 * 1000;
    const second = cache.authorization('https://fcm.googleapis.com');
    expect(second).not.toBe(first);
    const token = /t=([^,]+),/.exec(second)?.[1] ?? '';
    expect(decodeJwt(token).claims.exp).toBe(Math.floor(now / 1000) + 12 * 3600);
    expect(second).toMatch(new RegExp(`, k=${vapid.publicKey}$`));
  });

  test('a subject that is not mailto: or https: is refused', () => {
    expect(() => new VapidTokenCache({ ...vapid, subject: 'ops@example.com' }, Date.now)).toThrow(
      /subject/,
    );
    expect(
      () => new VapidTokenCache({ ...vapid, subject: 'http://example.com' }, Date.now),
    ).toThrow(/subject/);
  });

  test('the push service refuses a JWT that is not for it or not signed by k', async () => {
    const subscriber = service.createSubscriber();
    const wrongAudience = new VapidTokenCache(vapid, Date.now).authorization(
      'https://fcm.googleapis.com',
    );
    const otherKey = webpush.generateVAPIDKeys();
    const forged = new VapidTokenCache(vapid, Date.now)
      .authorization(service.origin)
      .replace(/k=.*$/, `k=${otherKey.publicKey}`);
    const statuses = [];
    for (const authorization of [wrongAudience, forged, 'WebPush abc']) {
      statuses.push(await rawPost(subscriber.subscription.endpoint, authorization));
    }
    expect(statuses).toEqual([403, 403, 401]);
  });
});

function rawPost(endpoint: string, authorization: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = https.request(endpoint, {
      method: 'POST',
      ca: service.caPem,
      headers: { authorization, ttl: '60', 'content-encoding': 'aes128gcm' },
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end(Buffer.alloc(120));
  });
}

describe('answers from the push service', () => {
  test('404 and 410 mean the subscription is gone', async () => {
    const a = service.createSubscriber();
    const b = service.createSubscriber();
    service.answer({ status: 404 }, a.id);
    service.answer({ status: 410 }, b.id);
    await expect(sender.send(message(a))).resolves.toEqual({ kind: 'gone', status: 404 });
    await expect(sender.send(message(b))).resolves.toEqual({ kind: 'gone', status: 410 });
  });

  test('an endpoint the push service does not know is gone too', async () => {
    const subscriber = service.createSubscriber();
    const unknown = { ...subscriber.subscription, endpoint: `${service.origin}/push/nobody` };
    await expect(sender.send(message(subscriber, { target: unknown }))).resolves.toEqual({
      kind: 'gone',
      status: 404,
    });
  });

  test('413, 400 and other 4xx are permanent failures', async () => {
    const subscriber = service.createSubscriber();
    const outcomes = [];
    for (const status of [413, 400, 403]) {
      service.answer({ status, times: 1 }, subscriber.id);
      outcomes.push(await sender.send(message(subscriber)));
    }
    expect(outcomes).toEqual([
      { kind: 'rejected', status: 413, reason: 'payload-too-large' },
      { kind: 'rejected', status: 400, reason: 'push-service-refused-400: programmed 400' },
      { kind: 'rejected', status: 403, reason: 'push-service-refused-403: programmed 403' },
    ]);
  });

  test('429 and 5xx are retried, honouring Retry-After in seconds or as a date', async () => {
    const subscriber = service.createSubscriber();
    const outcomes = [];
    for (const [status, retryAfter] of [
      [429, '120'],
      [503, new Date(Date.now() + 90_000).toUTCString()],
      [500, undefined],
    ] as const) {
      service.answer({ status, times: 1, ...(retryAfter ? { retryAfter } : {}) }, subscriber.id);
      outcomes.push(await sender.send(message(subscriber)));
    }
    expect(outcomes[0]).toEqual({
      kind: 'retry',
      status: 429,
      retryAfterMs: 120_000,
      reason: 'too-many-requests: programmed 429',
    });
    expect(outcomes[1]).toMatchObject({ kind: 'retry', status: 503 });
    const dated = outcomes[1]?.kind === 'retry' ? (outcomes[1].retryAfterMs ?? 0) : 0;
    // HTTP-dates have whole seconds.
    expect(dated).toBeGreaterThan(85_000);
    expect(dated).toBeLessThanOrEqual(90_000);
    expect(outcomes[2]).toEqual({
      kind: 'retry',
      status: 500,
      retryAfterMs: null,
      reason: 'push-service-error: programmed 500',
    });
  });

  test('after N failures the push service accepts again', async () => {
    const subscriber = service.createSubscriber();
    service.answer({ status: 500, times: 2 }, subscriber.id);
    const kinds = [];
    for (let i = 0; i < 3; i++) kinds.push((await sender.send(message(subscriber))).kind);
    expect(kinds).toEqual(['retry', 'retry', 'delivered']);
    expect(service.received(subscriber.id)).toHaveLength(1);
  });

  test('a push service that answers too slowly is a retry, not a failure', async () => {
    const subscriber = service.createSubscriber();
    const impatient = createPushSender({
      vapid,
      allowedOrigins: [service.origin],
      ca: service.caPem,
      timeoutMs: 150,
    });
    try {
      service.answer({ delayMs: 1_000, times: 1 }, subscriber.id);
      await expect(impatient.send(message(subscriber))).resolves.toEqual({
        kind: 'retry',
        status: null,
        retryAfterMs: null,
        reason: 'timeout',
      });
      // The next request, on a fresh connection, goes through.
      await expect(impatient.send(message(subscriber))).resolves.toEqual({
        kind: 'delivered',
        status: 201,
      });
    } finally {
      await impatient.close();
    }
  });

  test('a redirect is never followed', async () => {
    const subscriber = service.createSubscriber();
    const target = service.createSubscriber();
    service.answer({ status: 307, location: target.subscription.endpoint }, subscriber.id);
    await expect(sender.send(message(subscriber))).resolves.toEqual({
      kind: 'rejected',
      status: 307,
      reason: 'redirect-refused',
    });
    expect(service.attempts(target.id)).toHaveLength(0);
  });

  test('no more than maxInFlight requests are open at once', async () => {
    const narrow = createPushSender({
      vapid,
      allowedOrigins: [service.origin],
      ca: service.caPem,
      maxInFlight: 2,
    });
    try {
      service.answer({ delayMs: 150 });
      const subscribers = service.createSubscribers(6);
      const started = Date.now();
      const outcomes = await Promise.all(subscribers.map((s) => narrow.send(message(s))));
      expect(outcomes.every((o) => o.kind === 'delivered')).toBe(true);
      // Three rounds of two: six at once would take one round.
      expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 150 - 20);
    } finally {
      await narrow.close();
    }
  });

  test('a closed sender sends nothing and asks for a retry', async () => {
    const closing = createPushSender({
      vapid,
      allowedOrigins: [service.origin],
      ca: service.caPem,
    });
    await closing.close();
    await expect(closing.send(message(service.createSubscriber()))).resolves.toEqual({
      kind: 'retry',
      status: null,
      retryAfterMs: null,
      reason: 'sender-closed',
    });
  });
});

describe('addresses refused at send time (SSRF)', () => {
  test('a host that is not an allowed origin and resolves to loopback is refused', async () => {
    const subscriber = service.createSubscriber();
    const viaName = {
      ...subscriber.subscription,
      endpoint: subscriber.subscription.endpoint.replace('127.0.0.1', 'localhost'),
    };
    const outcome = await sender.send(message(subscriber, { target: viaName }));
    expect(outcome).toMatchObject({ kind: 'rejected', status: null });
    expect(outcome.kind === 'rejected' && outcome.reason).toMatch(
      /^address-refused: localhost resolves to/,
    );
    expect(service.attempts()).toHaveLength(0);
  });

  test('a literal private address is refused unless its origin is allowed', async () => {
    const strict = createPushSender({ vapid, allowedOrigins: [], ca: service.caPem });
    try {
      const subscriber = service.createSubscriber();
      await expect(strict.send(message(subscriber))).resolves.toEqual({
        kind: 'rejected',
        status: null,
        reason: 'address-refused: 127.0.0.1',
      });
      const metadata = {
        ...subscriber.subscription,
        endpoint: 'https://169.254.169.254/latest/meta-data',
      };
      await expect(strict.send(message(subscriber, { target: metadata }))).resolves.toMatchObject({
        kind: 'rejected',
        reason: 'address-refused: 169.254.169.254',
      });
      expect(service.attempts()).toHaveLength(0);
    } finally {
      await strict.close();
    }
  });

  test('an http: endpoint is refused', async () => {
    const subscriber = service.createSubscriber();
    const plain = {
      ...subscriber.subscription,
      endpoint: 'http://fcm.googleapis.com/fcm/send/abc',
    };
    await expect(sender.send(message(subscriber, { target: plain }))).resolves.toEqual({
      kind: 'rejected',
      status: null,
      reason: 'endpoint-not-https',
    });
  });

  test.each([
    '127.0.0.1',
    '127.8.8.8',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1%eth0',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:8.8.8.8',
    '64:ff9b::a9fe:a9fe',
  ])('%s is a refused address', (address) => {
    expect(isRefusedAddress(address)).toBe(true);
  });

  test.each([
    '8.8.8.8',
    '142.250.185.10',
    '172.32.0.1',
    '100.128.0.1',
    '2607:f8b0:4004:c07::5f',
    '64:ff9b::808:808',
  ])('%s is a public address', (address) => {
    expect(isRefusedAddress(address)).toBe(false);
  });
});

describe('checkEndpointAtSubscribe', () => {
  const allowed = ['https://push.internal.example:8443', 'https://127.0.0.1:9999'];

  test.each([
    'https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b',
    'https://updates.push.services.mozilla.com/wpush/v2/gAAAAAB',
    'https://eu-west.push.services.mozilla.com/wpush/v2/gAAAAAB',
    'https://wns2-par02p.notify.windows.com/w/?token=BQYAAAD',
    'https://web.push.apple.com/QGuQyavXutnMH',
    'https://push.internal.example:8443/sub/1',
    'https://127.0.0.1:9999/push/s1',
  ])('accepts %s', (endpoint) => {
    expect(checkEndpointAtSubscribe(endpoint, allowed)).toEqual({ ok: true });
  });

  test.each([
    ['http://fcm.googleapis.com/fcm/send/x', 'endpoint-not-https'],
    ['https://user:secret@fcm.googleapis.com/fcm/send/x', 'endpoint-has-credentials'],
    ['https://fcm.googleapis.com:8443/fcm/send/x', 'endpoint-port-not-allowed'],
    ['https://push.internal.example/sub/1', 'endpoint-host-not-allowed'],
    ['https://127.0.0.1/push/s1', 'endpoint-ip-literal'],
    ['https://169.254.169.254/latest/meta-data', 'endpoint-ip-literal'],
    ['https://[::1]/push', 'endpoint-ip-literal'],
    ['https://localhost/push', 'endpoint-host-not-allowed'],
    ['https://fcm.googleapis.com.evil.example/fcm/send/x', 'endpoint-host-not-allowed'],
    ['https://notify.windows.com.evil.example/w', 'endpoint-host-not-allowed'],
    ['https://evilpush.services.mozilla.com/wpush', 'endpoint-host-not-allowed'],
    ['javascript:alert(1)', 'endpoint-not-https'],
    ['not a url', 'endpoint-not-a-url'],
    [`https://fcm.googleapis.com/${'a'.repeat(2100)}`, 'endpoint-too-long'],
  ])('refuses %s (%s)', (endpoint, reason) => {
    expect(checkEndpointAtSubscribe(endpoint, allowed)).toEqual({ ok: false, reason });
  });
});

describe('subscription key validators', () => {
  const goodKey = createECDH('prime256v1').generateKeys();

  test('p256dh must be a 65-byte uncompressed point on P-256', () => {
    expect(isValidP256dh(goodKey.toString('base64url'))).toBe(true);
    expect(isValidP256dh(`${goodKey.toString('base64url')}=`)).toBe(true);
    const compressed = createECDH('prime256v1');
    compressed.generateKeys();
    expect(isValidP256dh(compressed.getPublicKey('base64url', 'compressed'))).toBe(false);
    const offCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]);
    expect(isValidP256dh(offCurve.toString('base64url'))).toBe(false);
    expect(isValidP256dh(goodKey.subarray(0, 64).toString('base64url'))).toBe(false);
    // Standard base64 (with + or /) is refused; one without them is also valid base64url.
    const standard = goodKey.toString('base64');
    expect(isValidP256dh(standard)).toBe(!/[+/]/.test(standard));
    expect(isValidP256dh(goodKey.toString('base64url').replace(/^./, '+'))).toBe(false);
    expect(isValidP256dh(`${goodKey.toString('base64url').slice(0, -1)}!`)).toBe(false);
    expect(isValidP256dh('')).toBe(false);
  });

  test('auth must be 16 bytes of base64url', () => {
    expect(isValidAuthSecret(Buffer.alloc(16, 0xfb).toString('base64url'))).toBe(true);
    expect(isValidAuthSecret(Buffer.alloc(15, 1).toString('base64url'))).toBe(false);
    expect(isValidAuthSecret(Buffer.alloc(17, 1).toString('base64url'))).toBe(false);
    expect(isValidAuthSecret(Buffer.alloc(16, 0xfb).toString('base64'))).toBe(false);
    expect(isValidAuthSecret('BTBZMqHH6r4Tts7J_aSIg*')).toBe(false);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-23T17:00:00Z');

  test.each([
    ['30', 30_000],
    [' 0 ', 0],
    ['Mon, 23 Nov 2026 17:02:00 GMT', 120_000],
    ['Mon, 23 Nov 2026 16:00:00 GMT', 0],
    ['soon', null],
    ['-5', null],
    ['1.5', null],
    ['', null],
  ])('%j means %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
