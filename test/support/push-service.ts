/**
 * A local Web Push service for tests and the push benchmark: HTTPS on
 * 127.0.0.1 with its own test CA, checking each request the way FCM or
 * autopush would — the VAPID JWT (RFC 8292) and the aes128gcm body (RFC 8291,
 * decrypted with the subscriber's private key) — and recording what arrived.
 * Tests can program its answers (404, 410, 413, 429 + Retry-After, 500, slow,
 * N failures then success).
 */
import { execFileSync } from 'node:child_process';
import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  randomBytes,
  verify,
  type ECDH,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PushSubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface TestSubscriber {
  id: string;
  subscription: PushSubscriptionJson;
}

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
  [claim: string]: unknown;
}

export interface ReceivedPush {
  subscriberId: string;
  /** The decrypted payload. Empty when the service runs with `recordPayloads: false`. */
  payload: string;
  headers: { ttl: number; urgency: string | null; topic: string | null };
  /** The JWT's claims and the `k=` public key it was verified with. */
  jwt: { claims: VapidClaims; publicKey: string; token: string };
  receivedAt: number;
}

/** One request as it was answered, accepted or not. */
export interface PushAttempt {
  subscriberId: string | null;
  status: number;
  error: string | null;
  at: number;
}

/**
 * What to answer instead of 201. `times` limits the plan to the next N matching
 * requests (then the service accepts again): "N failures then success".
 */
export interface AnswerPlan {
  status?: number;
  /** Retry-After header (seconds or an HTTP-date). */
  retryAfter?: string;
  /** Location header, for redirects. */
  location?: string;
  /** Answer only after this delay (after the request has been verified). */
  delayMs?: number;
  times?: number;
}

export interface PushServiceOptions {
  /**
   * Trust a JWT whose exact Authorization header already verified once, and
   * check only its expiry again. For the benchmark: a real push service caches
   * too, and re-verifying ES256 per message would make the service the bottleneck.
   * Every body is still decrypted and authenticated.
   */
  trustSeenTokens?: boolean;
  /** Keep decrypted payloads and headers for `received()` (default true). */
  recordPayloads?: boolean;
  /**
   * Subscribers share this many P-256 key pairs (each still has its own auth
   * secret and id). Default: one key pair per subscriber. The benchmark uses a
   * pool so 100,000 subscribers do not cost 100,000 key generations.
   */
  keyPairPool?: number;
  /** Milliseconds since the epoch, for `exp` checks. */
  now?: () => number;
}

export interface LocalPushService {
  origin: string;
  /** The test CA, for an injected `ca` option. */
  caPem: string;
  /** The same CA as a file, for NODE_EXTRA_CA_CERTS in child processes. */
  caPath: string;
  createSubscriber(): TestSubscriber;
  /** Many subscribers at once (the benchmark). */
  createSubscribers(count: number): TestSubscriber[];
  /** Accepted (2xx) messages, optionally for one subscriber. */
  received(subscriberId?: string): ReceivedPush[];
  /** Every request with its answer, accepted or not. */
  attempts(subscriberId?: string): PushAttempt[];
  /** Number of accepted messages (also counted when payloads are not recorded). */
  deliveredCount(): number;
  /** Resolves once `count` messages in all have been accepted. */
  waitForCount(count: number, timeoutMs?: number): Promise<void>;
  /** Program the answers for one subscriber, or for all (`subscriberId` omitted). */
  answer(plan: AnswerPlan, subscriberId?: string): void;
  /** Back to accepting everything, and forget what was received. */
  reset(): void;
  close(): Promise<void>;
}

// --- TLS: a test CA and a leaf for 127.0.0.1 and localhost, made once per process ---

export interface TestTls {
  caPem: string;
  caPath: string;
  key: string;
  cert: string;
}

let tls: TestTls | undefined;

/** The test CA, and a leaf it signed for 127.0.0.1 and localhost (for hand-written servers). */
export function testTls(): TestTls {
  if (tls) return tls;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pawtal-push-ca-'));
  const file = (name: string) => path.join(dir, name);
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run([
    'req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2',
    '-subj', '/CN=pawtal test push CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]); // prettier-ignore
  run(['req', '-new', ...ec, '-keyout', file('leaf.key'), '-out', file('leaf.csr'), '-subj', '/CN=localhost']); // prettier-ignore
  fs.writeFileSync(
    file('leaf.ext'),
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ].join('\n'),
  );
  run([
    'x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'),
    '-CAcreateserial', '-out', file('leaf.pem'), '-days', '2', '-extfile', file('leaf.ext'),
  ]); // prettier-ignore
  tls = {
    caPem: fs.readFileSync(file('ca.pem'), 'utf8'),
    caPath: file('ca.pem'),
    key: fs.readFileSync(file('leaf.key'), 'utf8'),
    cert: fs.readFileSync(file('leaf.pem'), 'utf8'),
  };
  return tls;
}

// --- RFC 8291 decryption ---

const KEY_INFO_PREFIX = Buffer.from('WebPush: info\0');
const CEK_INFO = Buffer.from('Content-Encoding: aes128gcm\0');
const NONCE_INFO = Buffer.from('Content-Encoding: nonce\0');

interface KeyPair {
  ecdh: ECDH;
  publicKey: Buffer;
}

/** Decrypts one aes128gcm message (RFC 8188 §2, RFC 8291 §3.4); throws when it cannot. */
export function decryptAes128gcm(body: Buffer, keyPair: KeyPair, auth: Buffer): Buffer {
  if (body.length < 21) throw new Error('body shorter than the aes128gcm header');
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20] ?? 0;
  if (idLength !== 65) throw new Error('keyid is not a 65-byte P-256 public key');
  const headerLength = 21 + idLength;
  const senderPublic = body.subarray(21, headerLength);
  const record = body.subarray(headerLength);
  // RFC 8291 §4: a push message is a single record.
  if (recordSize < 18 || record.length > recordSize) throw new Error('more than one record');
  if (record.length < 17) throw new Error('record too short');
  const shared = keyPair.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([KEY_INFO_PREFIX, keyPair.publicKey, senderPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, CEK_INFO, 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, NONCE_INFO, 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([
    decipher.update(record.subarray(0, record.length - 16)),
    decipher.final(),
  ]);
  // RFC 8188 §2: strip zero padding back to the delimiter; 0x02 marks the last record.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (end < 0 || padded[end] !== 0x02) throw new Error('missing last-record delimiter');
  return padded.subarray(0, end);
}

// --- RFC 8292 VAPID verification ---

class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

const MAX_EXP_AHEAD_S = 24 * 60 * 60;
/** Tolerated clock difference between the sender and this service. */
const CLOCK_SKEW_S = 60;

function parseAuthorization(header: string | undefined): { token: string; publicKey: string } {
  if (!header) throw new AuthError(401, 'missing Authorization');
  const match = /^vapid\s+(.+)$/i.exec(header.trim());
  if (!match?.[1]) throw new AuthError(401, 'Authorization scheme is not vapid');
  const params = new Map<string, string>();
  for (const part of match[1].split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const token = params.get('t');
  const publicKey = params.get('k');
  if (!token || !publicKey) throw new AuthError(401, 'vapid needs t= and k=');
  return { token, publicKey };
}

function verifyVapid(token: string, publicKeyText: string): VapidClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new AuthError(401, 'JWT is not three parts');
  const [headerPart = '', claimsPart = '', signaturePart = ''] = parts;
  let header: { alg?: unknown; typ?: unknown };
  let claims: Partial<VapidClaims>;
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as typeof header;
    claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    throw new AuthError(401, 'JWT is not JSON');
  }
  if (header.alg !== 'ES256') throw new AuthError(401, 'JWT alg is not ES256');
  const raw = Buffer.from(publicKeyText, 'base64url');
  if (raw.length !== 65 || raw[0] !== 4) throw new AuthError(401, 'k is not a P-256 public key');
  let key: KeyObject;
  try {
    key = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: raw.subarray(1, 33).toString('base64url'),
        y: raw.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    });
  } catch {
    throw new AuthError(401, 'k is not on P-256');
  }
  const isSigned = verify(
    'sha256',
    Buffer.from(`${headerPart}.${claimsPart}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signaturePart, 'base64url'),
  );
  if (!isSigned) throw new AuthError(403, 'JWT signature does not verify with k');
  if (typeof claims.aud !== 'string' || typeof claims.sub !== 'string') {
    throw new AuthError(403, 'JWT lacks aud or sub');
  }
  if (typeof claims.exp !== 'number') throw new AuthError(403, 'JWT lacks exp');
  if (!/^(mailto:|https:)/.test(claims.sub))
    throw new AuthError(403, 'sub is not mailto: or https:');
  return claims as VapidClaims;
}

function checkClaims(claims: VapidClaims, origin: string, nowMs: number): void {
  const now = Math.floor(nowMs / 1000);
  if (claims.aud !== origin) throw new AuthError(403, `aud ${claims.aud} is not ${origin}`);
  if (claims.exp <= now - CLOCK_SKEW_S) throw new AuthError(403, 'JWT expired');
  if (claims.exp > now + MAX_EXP_AHEAD_S + CLOCK_SKEW_S) {
    throw new AuthError(403, 'JWT exp more than 24 hours ahead');
  }
}

// --- The service ---

interface Subscriber {
  id: string;
  keyPair: KeyPair;
  auth: Buffer;
}

interface ActivePlan extends AnswerPlan {
  remaining: number;
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(length > limit ? null : Buffer.concat(chunks, length)));
    request.on('error', reject);
  });
}

/** RFC 8030 §7.2: push services accept at least 4096 bytes; this one accepts no more. */
const MAX_BODY_BYTES = 4096;

export async function startPushService(
  options: PushServiceOptions = {},
): Promise<LocalPushService> {
  const { caPem, caPath, key, cert } = testTls();
  const now = options.now ?? Date.now;
  const recordPayloads = options.recordPayloads ?? true;
  const subscribers = new Map<string, Subscriber>();
  const keyPool: KeyPair[] = [];
  const seenTokens = new Map<string, { claims: VapidClaims; token: string; publicKey: string }>();
  let received: ReceivedPush[] = [];
  let attempts: PushAttempt[] = [];
  let delivered = 0;
  let waiters: Array<{ count: number; resolve: () => void }> = [];
  let globalPlan: ActivePlan | undefined;
  const plans = new Map<string, ActivePlan>();
  let origin = '';
  let nextId = 1;

  function newKeyPair(): KeyPair {
    const ecdh = createECDH('prime256v1');
    return { ecdh, publicKey: ecdh.generateKeys() };
  }

  function keyPairFor(index: number): KeyPair {
    if (!options.keyPairPool) return newKeyPair();
    const slot = index % options.keyPairPool;
    let pair = keyPool[slot];
    if (!pair) {
      pair = newKeyPair();
      keyPool[slot] = pair;
    }
    return pair;
  }

  function createSubscriber(): TestSubscriber {
    const index = nextId++;
    const id = `s${index}-${randomBytes(4).toString('hex')}`;
    const subscriber: Subscriber = { id, keyPair: keyPairFor(index), auth: randomBytes(16) };
    subscribers.set(id, subscriber);
    return {
      id,
      subscription: {
        endpoint: `${origin}/push/${id}`,
        keys: {
          p256dh: subscriber.keyPair.publicKey.toString('base64url'),
          auth: subscriber.auth.toString('base64url'),
        },
      },
    };
  }

  function takePlan(subscriberId: string | null): AnswerPlan | undefined {
    const own = subscriberId ? plans.get(subscriberId) : undefined;
    const plan = own ?? globalPlan;
    if (!plan) return undefined;
    plan.remaining -= 1;
    if (plan.remaining <= 0) {
      if (own && subscriberId) plans.delete(subscriberId);
      else globalPlan = undefined;
    }
    return plan;
  }

  function accept(entry: ReceivedPush): void {
    delivered += 1;
    if (recordPayloads) received.push(entry);
    if (waiters.length > 0) {
      const ready = waiters.filter((w) => delivered >= w.count);
      waiters = waiters.filter((w) => delivered < w.count);
      for (const w of ready) w.resolve();
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let subscriberId: string | null = null;
    const finish = (status: number, error: string | null, headers: Record<string, string> = {}) => {
      attempts.push({ subscriberId, status, error, at: now() });
      response.writeHead(status, { 'content-type': 'text/plain', ...headers });
      response.end(error ?? '');
    };
    const match = /^\/push\/([\w-]+)$/.exec(request.url ?? '');
    const body = await readBody(request, MAX_BODY_BYTES);
    if (request.method !== 'POST' || !match?.[1]) return finish(404, 'no such push resource');
    const subscriber = subscribers.get(match[1]);
    if (!subscriber) return finish(404, 'unknown subscription');
    subscriberId = subscriber.id;

    let jwt: ReceivedPush['jwt'];
    try {
      const authorization = request.headers.authorization;
      const cached =
        options.trustSeenTokens && authorization ? seenTokens.get(authorization) : undefined;
      if (cached) jwt = cached;
      else {
        const { token, publicKey } = parseAuthorization(authorization);
        jwt = { claims: verifyVapid(token, publicKey), token, publicKey };
        if (options.trustSeenTokens && authorization) seenTokens.set(authorization, jwt);
      }
      checkClaims(jwt.claims, origin, now());
    } catch (error) {
      if (error instanceof AuthError) return finish(error.status, error.message);
      throw error;
    }

    // RFC 8030 §5.2: TTL is required.
    const ttlHeader = request.headers.ttl;
    if (typeof ttlHeader !== 'string' || !/^\d+$/.test(ttlHeader))
      return finish(400, 'missing TTL');
    if (request.headers['content-encoding'] !== 'aes128gcm') {
      return finish(415, 'Content-Encoding must be aes128gcm');
    }
    const plan = takePlan(subscriberId);
    if (plan?.delayMs) await new Promise((resolve) => setTimeout(resolve, plan.delayMs));
    if (plan?.status !== undefined) {
      return finish(plan.status, `programmed ${plan.status}`, {
        ...(plan.retryAfter === undefined ? {} : { 'retry-after': plan.retryAfter }),
        ...(plan.location === undefined ? {} : { location: plan.location }),
      });
    }
    if (!body) return finish(413, 'payload too large');

    let payload: Buffer;
    try {
      payload = decryptAes128gcm(body, subscriber.keyPair, subscriber.auth);
    } catch (error) {
      return finish(
        400,
        `cannot decrypt: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const urgency = request.headers.urgency;
    const topic = request.headers.topic;
    accept({
      subscriberId,
      payload: recordPayloads ? payload.toString('utf8') : '',
      headers: {
        ttl: Number(ttlHeader),
        urgency: typeof urgency === 'string' ? urgency : null,
        topic: typeof topic === 'string' ? topic : null,
      },
      jwt,
      receivedAt: now(),
    });
    finish(201, null, { location: `${origin}/message/${delivered}` });
  }

  const server = https.createServer(
    { key, cert, keepAliveTimeout: 30_000 },
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) {
          response.writeHead(500);
          response.end(error instanceof Error ? error.message : 'internal error');
        }
      });
    },
  );
  // Senders keep many sockets open; the default (unlimited) is what we want,
  // but make sure a slow answer is not cut by the request timeout.
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    caPem,
    caPath,
    createSubscriber,
    createSubscribers(count) {
      return Array.from({ length: count }, () => createSubscriber());
    },
    received(subscriberId) {
      return subscriberId ? received.filter((r) => r.subscriberId === subscriberId) : [...received];
    },
    attempts(subscriberId) {
      return subscriberId ? attempts.filter((a) => a.subscriberId === subscriberId) : [...attempts];
    },
    deliveredCount: () => delivered,
    waitForCount(count, timeoutMs = 10_000) {
      if (delivered >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const waiter = { count, resolve: () => (clearTimeout(timer), resolve()) };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(
            new Error(`push service received ${delivered} of ${count} within ${timeoutMs} ms`),
          );
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    answer(plan, subscriberId) {
      const active: ActivePlan = { ...plan, remaining: plan.times ?? Number.POSITIVE_INFINITY };
      if (subscriberId) plans.set(subscriberId, active);
      else globalPlan = active;
    },
    reset() {
      plans.clear();
      globalPlan = undefined;
      received = [];
      attempts = [];
      delivered = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
