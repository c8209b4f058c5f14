import type { ECDH } from 'node:crypto';

export declare const RECORD_SIZE: number;
export declare const MAX_PAYLOAD_BYTES: number;
export declare function encryptedLength(payloadBytes: number): number;
export declare function encryptAes128gcm(
  payload: Uint8Array,
  p256dh: Uint8Array,
  auth: Uint8Array,
  fixed?: { ecdh: ECDH; salt: Buffer },
): Buffer;
