// @ts-check
/**
 * Worker-thread side of the crypto pool (crypto-pool.ts): encrypts batches of
 * messages. Plain JavaScript so the thread needs no TypeScript loader.
 */
import { Buffer } from 'node:buffer';
import { parentPort } from 'node:worker_threads';
import { encryptAes128gcm } from './aes128gcm.mjs';

/** @param {import('./crypto-pool.ts').EncryptBatch} batch */
function encryptBatch(batch) {
  const payloads = batch.payloads.map((payload) => Buffer.from(payload));
  const count = batch.payloadIndex.length;
  /** @type {Buffer[]} */
  const bodies = [];
  const offsets = new Uint32Array(count + 1);
  /** @type {Array<string | null>} */
  const errors = [];
  let hasErrors = false;
  let total = 0;
  for (let i = 0; i < count; i++) {
    let body;
    try {
      const p256dh = Buffer.from(batch.keys[2 * i] ?? '', 'base64url');
      const auth = Buffer.from(batch.keys[2 * i + 1] ?? '', 'base64url');
      body = encryptAes128gcm(
        payloads[batch.payloadIndex[i] ?? 0] ?? Buffer.alloc(0),
        p256dh,
        auth,
      );
      errors.push(null);
    } catch (error) {
      body = Buffer.alloc(0);
      errors.push(error instanceof Error ? error.message : String(error));
      hasErrors = true;
    }
    bodies.push(body);
    offsets[i] = total;
    total += body.length;
  }
  offsets[count] = total;
  // One transferable buffer per batch: cloning many small Buffers would copy
  // each one's whole (pooled) backing ArrayBuffer.
  const packed = new Uint8Array(total);
  for (let i = 0; i < count; i++) packed.set(bodies[i] ?? new Uint8Array(0), offsets[i] ?? 0);
  return { id: batch.id, packed, offsets, errors: hasErrors ? errors : null };
}

parentPort?.on('message', (/** @type {import('./crypto-pool.ts').EncryptBatch} */ batch) => {
  const result = encryptBatch(batch);
  parentPort?.postMessage(result, [result.packed.buffer, result.offsets.buffer]);
});
