import { createPublicKey } from 'node:crypto';

const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** Strict base64url (RFC 4648 §5) decoding; Buffer.from() silently skips bad characters. */
export function decodeBase64Url(value: string): Buffer | null {
  if (!BASE64URL.test(value)) return null;
  const bare = value.replace(/=+$/, '');
  // A single leftover character cannot encode a whole byte.
  if (bare.length % 4 === 1) return null;
  return Buffer.from(bare, 'base64url');
}

/** A 65-byte uncompressed point (0x04 ‖ X ‖ Y) on P-256, base64url. */
export function isValidP256dh(value: string): boolean {
  if (typeof value !== 'string' || value.length > 100) return false;
  const bytes = decodeBase64Url(value);
  if (!bytes || bytes.length !== 65 || bytes[0] !== 0x04) return false;
  try {
    // OpenSSL refuses coordinates that are not on the curve (or the point at infinity).
    createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: bytes.subarray(1, 33).toString('base64url'),
        y: bytes.subarray(33, 65).toString('base64url'),
      },
      format: 'jwk',
    });
    return true;
  } catch {
    return false;
  }
}

/** RFC 8291 §3.2: the authentication secret is 16 bytes, base64url. */
export function isValidAuthSecret(value: string): boolean {
  if (typeof value !== 'string' || value.length > 32) return false;
  return decodeBase64Url(value)?.length === 16;
}
