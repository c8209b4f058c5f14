import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { decodeBase64Url } from './keys.ts';

/** RFC 8292 §2: exp must be no more than 24 hours ahead; 12 h leaves room for clock skew. */
const TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** A cached token is replaced this long before it expires, so no request carries a nearly dead one. */
const REFRESH_BEFORE_MS = 60 * 60 * 1000;

export interface VapidCredentials {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export function vapidSigningKey(publicKey: string, privateKey: string): KeyObject {
  const pub = decodeBase64Url(publicKey);
  const priv = decodeBase64Url(privateKey);
  if (!pub || pub.length !== 65 || pub[0] !== 0x04) {
    throw new Error('VAPID public key must be a base64url 65-byte uncompressed P-256 point');
  }
  if (!priv || priv.length !== 32) {
    throw new Error('VAPID private key must be a base64url 32-byte P-256 scalar');
  }
  return createPrivateKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      d: priv.toString('base64url'),
      x: pub.subarray(1, 33).toString('base64url'),
      y: pub.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
}

function validateSubject(subject: string): void {
  let url: URL;
  try {
    url = new URL(subject);
  } catch {
    throw new Error('VAPID subject must be a mailto: or https: URL');
  }
  if (url.protocol !== 'mailto:' && url.protocol !== 'https:') {
    throw new Error('VAPID subject must be a mailto: or https: URL');
  }
}

const JWT_HEADER = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'ES256' })).toString('base64url');

/**
 * VAPID Authorization headers cached per push-service origin (the JWT `aud`).
 * web-push signs a new ES256 JWT for every message (~0.5 ms); a fan-out to one
 * push service needs one token per 11 hours.
 */
export class VapidTokenCache {
  readonly #key: KeyObject;
  readonly #publicKey: string;
  readonly #subject: string;
  readonly #now: () => number;
  readonly #cache = new Map<string, { header: string; refreshAt: number }>();

  constructor(credentials: VapidCredentials, now: () => number) {
    validateSubject(credentials.subject);
    this.#key = vapidSigningKey(credentials.publicKey, credentials.privateKey);
    this.#publicKey = credentials.publicKey.replace(/=+$/, '');
    this.#subject = credentials.subject;
    this.#now = now;
  }

  /** `vapid t=<jwt>, k=<public key>` (RFC 8292 §3) for a push-service origin. */
  authorization(audience: string): string {
    const now = this.#now();
    const cached = this.#cache.get(audience);
    if (cached && now < cached.refreshAt) return cached.header;
    const exp = Math.floor((now + TOKEN_LIFETIME_MS) / 1000);
    const claims = Buffer.from(JSON.stringify({ aud: audience, exp, sub: this.#subject })).toString(
      'base64url',
    );
    const unsigned = `${JWT_HEADER}.${claims}`;
    // JWS (RFC 7518 §3.4) wants the raw r‖s signature, not DER.
    const signature = sign('sha256', Buffer.from(unsigned), {
      key: this.#key,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64url');
    const header = `vapid t=${unsigned}.${signature}, k=${this.#publicKey}`;
    this.#cache.set(audience, { header, refreshAt: exp * 1000 - REFRESH_BEFORE_MS });
    return header;
  }
}
