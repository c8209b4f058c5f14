import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { encryptAes128gcm } from './aes128gcm.mjs';
import { decodeBase64Url } from './keys.ts';

/** What the main thread posts to a crypto worker: one batch of messages. */
export interface EncryptBatch {
  id: number;
  /** Distinct payloads of the batch; a fan-out repeats one payload for every device. */
  payloads: string[];
  /** Per message, the index of its payload. */
  payloadIndex: Uint32Array<ArrayBuffer>;
  /** Per message, p256dh then auth (base64url). */
  keys: string[];
}

export interface EncryptResult {
  id: number;
  /** All bodies back to back; message i is packed[offsets[i] .. offsets[i + 1]). */
  packed: Uint8Array<ArrayBuffer>;
  offsets: Uint32Array<ArrayBuffer>;
  errors: Array<string | null> | null;
}

export interface EncryptRequest {
  payload: string;
  p256dh: string;
  auth: string;
}

/** Encryption that may run off the main thread. */
export interface Encryptor {
  encrypt(request: EncryptRequest): Promise<Buffer>;
  close(): Promise<void>;
}

export function encryptInline(request: EncryptRequest): Buffer {
  const p256dh = decodeBase64Url(request.p256dh);
  const auth = decodeBase64Url(request.auth);
  if (!p256dh || !auth) throw new Error('subscription keys are not base64url');
  return encryptAes128gcm(Buffer.from(request.payload), p256dh, auth);
}

const MAX_BATCH = 64;

interface Pending {
  request: EncryptRequest;
  resolve: (body: Buffer) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  inFlight: Map<number, Pending[]>;
  queued: number;
}

/**
 * Runs the per-message crypto (two P-256 scalar multiplications, three HKDFs
 * and AES-GCM: ~0.13 ms here) on worker threads, so the main thread keeps
 * only TLS and HTTP. Messages are collected for one turn of the event loop
 * and posted in batches of up to 64 to amortise the ~30 µs per postMessage;
 * the batch goes to the worker with the least outstanding work.
 */
export class CryptoPool implements Encryptor {
  readonly #workers: PoolWorker[] = [];
  #batch: Pending[] = [];
  #flushScheduled = false;
  #nextId = 1;
  #closed = false;

  /**
   * One thread per core but one: the main thread keeps a core for TLS, HTTP
   * and the outbox's database work, which cost more per message than the
   * crypto. Measured on the 2-core machine (sender + push service in another
   * process, 4,000 messages, three interleaved rounds): one crypto thread
   * used the least CPU per message (351–401 µs) and sent the most per second;
   * two threads cost 390–426 µs (each wake-up of an extra thread preempts the
   * main thread), and crypto on the main thread 424–452 µs at roughly half the
   * rate, because the event loop then waits on the crypto.
   */
  constructor(threads = Math.min(4, Math.max(1, availableParallelism() - 1))) {
    for (let i = 0; i < threads; i++) this.#workers.push(this.#spawn());
  }

  #spawn(): PoolWorker {
    const entry: PoolWorker = {
      // Plain JavaScript: a thread that loaded tsx would cost ~30 MB instead of ~8 MB.
      worker: new Worker(new URL('./crypto-worker.mjs', import.meta.url), {
        name: 'push-crypto',
        // Not the parent's --import tsx: the worker is plain JavaScript.
        execArgv: [],
      }),
      inFlight: new Map(),
      queued: 0,
    };
    entry.worker.unref();
    entry.worker.on('message', (result: EncryptResult) => this.#settle(entry, result));
    entry.worker.on('error', (error) => this.#fail(entry, error));
    entry.worker.on('exit', (code) => {
      this.#fail(entry, new Error(`push crypto worker exited with code ${code}`));
    });
    return entry;
  }

  #fail(entry: PoolWorker, error: Error): void {
    for (const pending of entry.inFlight.values()) {
      for (const item of pending) item.reject(error);
    }
    entry.inFlight.clear();
    entry.queued = 0;
    const index = this.#workers.indexOf(entry);
    if (index >= 0) {
      this.#workers.splice(index, 1);
      if (!this.#closed) this.#workers.push(this.#spawn());
    }
  }

  #settle(entry: PoolWorker, result: EncryptResult): void {
    const pending = entry.inFlight.get(result.id);
    if (!pending) return;
    entry.inFlight.delete(result.id);
    entry.queued -= pending.length;
    if (entry.inFlight.size === 0) {
      entry.worker.unref();
      if (this.#batch.length > 0 && !this.#flushScheduled) this.#flush();
    }
    const packed = Buffer.from(
      result.packed.buffer,
      result.packed.byteOffset,
      result.packed.length,
    );
    pending.forEach((item, i) => {
      const error = result.errors?.[i];
      if (error) item.reject(new Error(error));
      else item.resolve(packed.subarray(result.offsets[i], result.offsets[i + 1]));
    });
  }

  encrypt(request: EncryptRequest): Promise<Buffer> {
    if (this.#closed) return Promise.reject(new Error('crypto pool is closed'));
    return new Promise((resolve, reject) => {
      this.#batch.push({ request, resolve, reject });
      if (this.#batch.length >= MAX_BATCH) this.#flush();
      else if (!this.#flushScheduled && this.#hasIdleWorker()) {
        // Sends made in the same turn of the event loop go in one batch.
        this.#flushScheduled = true;
        setImmediate(() => this.#flush());
      }
      // Otherwise every worker is busy: keep collecting until one finishes
      // (see #settle). Under load this grows batches by itself, where a
      // flush per loop turn posted one message per batch and spent more on
      // postMessage than on the crypto.
    });
  }

  #hasIdleWorker(): boolean {
    return this.#workers.some((entry) => entry.inFlight.size === 0);
  }

  #flush(): void {
    this.#flushScheduled = false;
    const items = this.#batch;
    if (items.length === 0) return;
    this.#batch = [];
    const target = this.#workers.reduce((best, w) => (w.queued < best.queued ? w : best));
    const payloads: string[] = [];
    const seen = new Map<string, number>();
    const payloadIndex = new Uint32Array(items.length);
    const keys: string[] = [];
    items.forEach((item, i) => {
      let index = seen.get(item.request.payload);
      if (index === undefined) {
        index = payloads.push(item.request.payload) - 1;
        seen.set(item.request.payload, index);
      }
      payloadIndex[i] = index;
      keys.push(item.request.p256dh, item.request.auth);
    });
    const id = this.#nextId++;
    target.inFlight.set(id, items);
    target.queued += items.length;
    target.worker.ref();
    const batch: EncryptBatch = { id, payloads, payloadIndex, keys };
    target.worker.postMessage(batch, [payloadIndex.buffer]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#flush();
    await Promise.all(this.#workers.map((entry) => entry.worker.terminate()));
  }
}

/** Encrypts on the calling thread; for a single-core host or a sender that sends little. */
export class InlineEncryptor implements Encryptor {
  encrypt(request: EncryptRequest): Promise<Buffer> {
    try {
      return Promise.resolve(encryptInline(request));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async close(): Promise<void> {}
}
