import { availableParallelism } from 'node:os';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
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
/**
 * How long a message waits for others to share its batch. A batch costs ~15 µs of
 * postMessage and wake-ups on each thread whatever its size: posted per event-loop turn, a
 * fan-out's batches held ~3 messages, and that overhead was a tenth of the main thread's time.
 * A few milliseconds are nothing beside a push service's answer time.
 */
const MAX_BATCH_DELAY_MS = 4;

/** Above this share of its time busy, the main thread hands batches to idle workers. */
const MAIN_THREAD_BUSY_ELU = 0.9;
const ELU_WINDOW_MS = 100;

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
 * Runs the per-message crypto (two P-256 scalar multiplications, HKDF and
 * AES-GCM: ~0.14 ms here) on worker threads, so the main thread keeps only TLS
 * and HTTP. Messages are collected into batches of up to 64, posted when full or
 * after MAX_BATCH_DELAY_MS, to the worker with the least outstanding work.
 *
 * With `mainThreadShares`, the main thread encrypts a batch itself unless it is
 * busy (its event loop was more than MAIN_THREAD_BUSY_ELU utilised over the last
 * ELU_WINDOW_MS) and a worker is idle. The crypto then goes where there is CPU to
 * spare: on a host of two cores, the main thread has time left over from TLS and
 * HTTP, and a hand-off to a worker costs more than the crypto saved (see
 * createEncryptor); once the main thread is the limit, the worker takes the rest.
 */
export class CryptoPool implements Encryptor {
  readonly #workers: PoolWorker[] = [];
  #batch: Pending[] = [];
  #flushTimer: NodeJS.Timeout | undefined;
  #nextId = 1;
  #closed = false;
  readonly #mainThreadShares: boolean;
  #eluMark: EventLoopUtilization = performance.eventLoopUtilization();
  #isMainThreadBusy = false;

  constructor(threads: number, { mainThreadShares = false }: { mainThreadShares?: boolean } = {}) {
    if (!Number.isInteger(threads) || threads < 1) throw new Error('threads must be ≥ 1');
    this.#mainThreadShares = mainThreadShares;
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
    if (entry.inFlight.size === 0) entry.worker.unref();
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
      else this.#flushTimer ??= setTimeout(() => this.#flush(), MAX_BATCH_DELAY_MS);
    });
  }

  /** Event-loop utilisation of the main thread over the last window, sampled as batches go. */
  #mainThreadIsBusy(): boolean {
    const since = performance.eventLoopUtilization(this.#eluMark);
    if (since.idle + since.active >= ELU_WINDOW_MS) {
      this.#isMainThreadBusy = since.utilization > MAIN_THREAD_BUSY_ELU;
      this.#eluMark = performance.eventLoopUtilization();
    }
    return this.#isMainThreadBusy;
  }

  #flush(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    const items = this.#batch;
    if (items.length === 0) return;
    this.#batch = [];
    const target = this.#workers.reduce((best, w) => (w.queued < best.queued ? w : best));
    const isWorkerIdle = target.queued === 0;
    if (this.#mainThreadShares && !(isWorkerIdle && this.#mainThreadIsBusy()) && !this.#closed) {
      for (const item of items) {
        try {
          item.resolve(encryptInline(item.request));
        } catch (error) {
          item.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
      return;
    }
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

/** Encrypts on the calling thread (see createEncryptor). */
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

/**
 * The sender's default: one crypto thread per core but one (at most 4). On two cores the main
 * thread shares the crypto with the worker (see CryptoPool). The main thread needs ~0.1 ms of
 * TLS, HTTP and database work per message and the crypto ~0.15 ms; a hand-off to a worker
 * costs ~40–60 µs of wake-ups and copies, and the worker competes for the second core with
 * the rest of the host. Measured on the 2-core machine with the push service in another
 * process (npm run bench:push, 20,000 devices, quiet), against web-push's loop in the same
 * run: crypto only on the worker, 2.8×; on the worker whenever it was idle, 2.8–2.9×; only on
 * the main thread, 3.7×; sharing as here (busy above 90%), 3.4×. On more cores the main thread is the limit, and workers take the
 * crypto off it.
 */
export function createEncryptor(cores = availableParallelism()): Encryptor {
  const threads = Math.min(4, Math.max(1, cores - 1));
  return new CryptoPool(threads, { mainThreadShares: cores <= 2 });
}
