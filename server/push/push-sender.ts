/**
 * The Web Push sender: RFC 8291 (aes128gcm message encryption) and RFC 8292
 * (VAPID), built for fan-out. The outbox worker calls `send()` once per
 * delivery and maps the outcome onto the delivery row; it never sees HTTP.
 */
import { createFastPushSender } from './sender/fast-sender.ts';
import { checkEndpoint } from './sender/endpoint-policy.ts';
import { isValidAuthSecretValue, isValidP256dhValue } from './sender/keys.ts';

export interface PushTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface PushMessage {
  target: PushTarget;
  payload: string;
  ttlSeconds: number;
  urgency: 'very-low' | 'low' | 'normal' | 'high';
  topic?: string;
}

export type PushOutcome =
  | { kind: 'delivered'; status: number }
  // 404/410: the subscription is gone and must be removed.
  | { kind: 'gone'; status: number }
  // 400/413/other 4xx, or refused at send time (private address, redirect).
  | { kind: 'rejected'; status: number | null; reason: string }
  // 429/5xx/timeout/network.
  | { kind: 'retry'; status: number | null; retryAfterMs: number | null; reason: string };

/** Base64url raw keys, as web-push's generateVAPIDKeys() makes them. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export interface PushSender {
  send(message: PushMessage): Promise<PushOutcome>;
  close(): Promise<void>;
}

export interface PushSenderOptions {
  vapid: VapidKeys;
  /** PUSH_ALLOWED_ORIGINS: origins that may be private/loopback or use literal IPs. */
  allowedOrigins: readonly string[];
  /** Requests in flight at once across all origins (default 64). */
  maxInFlight?: number;
  /** Per request, from dispatch to the answer's status line (default 10 s). */
  timeoutMs?: number;
  /** Extra trust anchor(s) for the push services' TLS (tests). */
  ca?: string | Buffer;
  /** Milliseconds since the epoch; drives VAPID expiry and Retry-After dates. */
  now?: () => number;
}

export function createPushSender(options: PushSenderOptions): PushSender {
  return createFastPushSender(options);
}

/** A 65-byte uncompressed point (0x04 ‖ X ‖ Y) on P-256, base64url. */
export function isValidP256dh(value: string): boolean {
  return isValidP256dhValue(value);
}

/** RFC 8291 §3.2: the authentication secret is 16 bytes, base64url. */
export function isValidAuthSecret(value: string): boolean {
  return isValidAuthSecretValue(value);
}

/**
 * Subscribe-time check of a client-chosen endpoint (SSRF): https only, a known
 * push service or an allowed origin, no credentials, default port and no
 * literal IP unless the origin is allowed. No DNS here; addresses are checked
 * when the sender connects.
 */
export function checkEndpointAtSubscribe(
  endpoint: string,
  allowedOrigins: readonly string[],
): { ok: true } | { ok: false; reason: string } {
  return checkEndpoint(endpoint, allowedOrigins);
}
