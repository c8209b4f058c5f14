/**
 * The Web Push sender: RFC 8291 (aes128gcm message encryption) and RFC 8292
 * (VAPID), built for fan-out. The outbox worker calls `send()` once per
 * delivery and maps the outcome onto the delivery row; it never sees HTTP.
 */
export { createFastPushSender as createPushSender } from './sender/fast-sender.ts';
export { checkEndpointAtSubscribe } from './sender/endpoint-policy.ts';
export { isValidAuthSecret, isValidP256dh } from './sender/keys.ts';

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
