import { isIP } from 'node:net';
import { createSecureContext, rootCertificates } from 'node:tls';
import type { PushMessage, PushOutcome, PushSender, PushSenderOptions } from '../push-sender.ts';
import { ADDRESS_REFUSED, createGuardedLookup, isRefusedAddress } from './address-policy.ts';
import { createEncryptor, type Encryptor } from './crypto-pool.ts';
import { MAX_PAYLOAD_BYTES } from './aes128gcm.mjs';
import { bareHostname, normalizeOrigins } from './endpoint-policy.ts';
import type { HttpAnswer } from './http-answer-parser.ts';
import { OriginClient, TimeoutError } from './origin-client.ts';
import { parseRetryAfter } from './retry-after.ts';
import { VapidTokenCache } from './vapid.ts';

const DEFAULT_MAX_IN_FLIGHT = 64;
const DEFAULT_TIMEOUT_MS = 10_000;
const IDLE_SOCKET_MS = 30_000;
/** RFC 8030 §5.4: a topic is at most 32 characters of the base64url alphabet. */
const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;
const URGENCIES = new Set(['very-low', 'low', 'normal', 'high']);
/** Enough of an error answer to say why in the delivery record. */
const MAX_REASON_BYTES = 512;

export interface FastSenderInternals {
  /** By default createEncryptor's choice for the host; tests and the bench may pass their own. */
  encryptor?: Encryptor;
}

class Semaphore {
  #free: number;
  readonly #waiting: Array<() => void> = [];
  constructor(size: number) {
    this.#free = size;
  }
  acquire(): Promise<void> | undefined {
    if (this.#free > 0) {
      this.#free -= 1;
      return undefined;
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free += 1;
  }
}

interface Origin {
  client: OriginClient;
  isAllowed: boolean;
}

function rejected(reason: string, status: number | null = null): PushOutcome {
  return { kind: 'rejected', status, reason };
}

/**
 * A whole HTTP/1.1 request, head and body in one buffer so that it leaves in one TLS record.
 * Every value is safe on the wire: the path comes out of the URL parser percent-encoded, the
 * Authorization header is base64url, TTL an integer, urgency and topic were checked.
 */
function requestBytes(url: URL, headers: string, body: Buffer): Buffer {
  const head =
    `POST ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n${headers}` +
    `Content-Length: ${body.length}\r\n\r\n`;
  const bytes = Buffer.allocUnsafe(head.length + body.length);
  bytes.write(head, 0, 'latin1');
  body.copy(bytes, head.length);
  return bytes;
}

/**
 * The pipeline per message: validate → encrypt (see createEncryptor) → wait for one of
 * `maxInFlight` HTTP slots → POST on a keep-alive connection to the origin → map the answer.
 * Callers may keep many more sends pending than `maxInFlight`: up to 4 × maxInFlight are
 * encrypted ahead so HTTP slots never wait for crypto.
 */
export function createFastPushSender(
  options: PushSenderOptions,
  internals: FastSenderInternals = {},
): PushSender {
  const now = options.now ?? Date.now;
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new Error('maxInFlight must be ≥ 1');
  const vapid = new VapidTokenCache(options.vapid, now);
  const allowedOrigins = normalizeOrigins(options.allowedOrigins);
  // One SecureContext for every connection: made per connection, the trust store would be
  // parsed again each time. `ca` replaces Node's trust store, so the public roots are kept
  // beside the extra one; without `ca`, the default store (with NODE_EXTRA_CA_CERTS) is used.
  const secureContext = createSecureContext(
    options.ca === undefined ? {} : { ca: [...rootCertificates, options.ca.toString()] },
  );
  const encryptor = internals.encryptor ?? createEncryptor();
  const http = new Semaphore(maxInFlight);
  const ahead = new Semaphore(maxInFlight * 4);
  const origins = new Map<string, Origin>();
  let closed = false;

  function originFor(url: URL): Origin {
    let origin = origins.get(url.origin);
    if (!origin) {
      const isAllowed = allowedOrigins.has(url.origin);
      origin = {
        isAllowed,
        client: new OriginClient({
          hostname: bareHostname(url),
          port: url.port === '' ? 443 : Number(url.port),
          secureContext,
          // Resolve at connect time and refuse internal addresses (SSRF),
          // unless the operator allowed this origin.
          lookup: isAllowed ? undefined : createGuardedLookup(),
          idleTimeoutMs: IDLE_SOCKET_MS,
          maxReasonBytes: MAX_REASON_BYTES,
        }),
      };
      origins.set(url.origin, origin);
    }
    return origin;
  }

  function outcomeOf(answer: HttpAnswer): PushOutcome {
    const { status } = answer;
    const detail = (fallback: string) =>
      answer.reason ? `${fallback}: ${answer.reason}` : fallback;
    if (status >= 200 && status < 300) return { kind: 'delivered', status };
    if (status === 404 || status === 410) return { kind: 'gone', status };
    if (status === 429 || status >= 500) {
      return {
        kind: 'retry',
        status,
        retryAfterMs: parseRetryAfter(answer.retryAfter, now()),
        reason: detail(status === 429 ? 'too-many-requests' : 'push-service-error'),
      };
    }
    // RFC 8030 says nothing of redirects, and following one would let an
    // endpoint bounce the server to any URL (SSRF).
    if (status >= 300 && status < 400) return rejected('redirect-refused', status);
    if (status === 413) return rejected('payload-too-large', status);
    return rejected(detail(`push-service-refused-${status}`), status);
  }

  async function send(message: PushMessage): Promise<PushOutcome> {
    if (closed) return { kind: 'retry', status: null, retryAfterMs: null, reason: 'sender-closed' };
    const { target, payload, ttlSeconds, urgency, topic } = message;
    let url: URL;
    try {
      url = new URL(target.endpoint);
    } catch {
      return rejected('endpoint-not-a-url');
    }
    // The host allowlist and ports were checked at subscribe time
    // (checkEndpointAtSubscribe); what can change since — where the name
    // points — is checked below, as the connection is made.
    if (url.protocol !== 'https:') return rejected('endpoint-not-https');
    if (url.username !== '' || url.password !== '') return rejected('endpoint-has-credentials');
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 0) return rejected('invalid-ttl');
    if (!URGENCIES.has(urgency)) return rejected('invalid-urgency');
    if (topic !== undefined && !TOPIC.test(topic)) return rejected('invalid-topic');
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) return rejected('payload-too-large');

    const origin = originFor(url);
    // Literal addresses skip `lookup`, so they are checked here.
    const host = bareHostname(url);
    if (!origin.isAllowed && isIP(host) !== 0 && isRefusedAddress(host)) {
      return rejected(`address-refused: ${host}`);
    }

    const waitAhead = ahead.acquire();
    if (waitAhead) await waitAhead;
    try {
      let body: Buffer;
      try {
        body = await encryptor.encrypt({
          payload,
          p256dh: target.keys.p256dh,
          auth: target.keys.auth,
        });
      } catch (error) {
        if (closed)
          return { kind: 'retry', status: null, retryAfterMs: null, reason: 'sender-closed' };
        return rejected(`invalid-keys: ${error instanceof Error ? error.message : String(error)}`);
      }
      const request = requestBytes(
        url,
        `Authorization: ${vapid.authorization(url.origin)}\r\nTTL: ${ttlSeconds}\r\n` +
          `Urgency: ${urgency}\r\n${topic === undefined ? '' : `Topic: ${topic}\r\n`}` +
          'Content-Encoding: aes128gcm\r\nContent-Type: application/octet-stream\r\n',
        body,
      );

      const waitHttp = http.acquire();
      if (waitHttp) await waitHttp;
      try {
        return outcomeOf(await origin.client.send(request, timeoutMs));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const text = error instanceof Error ? error.message : String(error);
        if (code === ADDRESS_REFUSED) return rejected(`address-refused: ${text}`);
        if (error instanceof TimeoutError) {
          return { kind: 'retry', status: null, retryAfterMs: null, reason: 'timeout' };
        }
        return {
          kind: 'retry',
          status: null,
          retryAfterMs: null,
          reason: `network: ${code ?? text}`,
        };
      } finally {
        http.release();
      }
    } finally {
      ahead.release();
    }
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    for (const origin of origins.values()) origin.client.close();
    origins.clear();
    await encryptor.close();
  }

  return { send, close };
}
