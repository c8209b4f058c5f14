import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';

export interface OutboxItem {
  id: number;
  attempts: number;
}

/** What a worker needs from an outbox table (see server/mail/mail.repository.ts). */
export interface OutboxStore<T extends OutboxItem> {
  claimDue(now: Date, limit: number, leaseMs: number): Promise<T[]>;
  markSent(id: number, now: Date): Promise<void>;
  markFailedAttempt(id: number, error: string, retryAt: Date | null): Promise<void>;
}

export interface OutboxWorkerOptions<T extends OutboxItem> {
  /** For the logs: "mail", "sms". */
  name: string;
  store: OutboxStore<T>;
  deliver(item: T): Promise<void>;
  clock: Clock;
  /** The wait after each failed attempt; past the last one, the item has failed for good. */
  retryDelaysMs: readonly number[];
  log?: FastifyBaseLogger | undefined;
  batchSize?: number;
  pollMs?: number;
  onStop?: () => void;
}

/**
 * Sends what an outbox holds, at least once. `drain()` sends everything due now (tests call
 * it directly); `start()` polls, and `nudge()` wakes it as soon as something is queued.
 */
export function createOutboxWorker<T extends OutboxItem>(options: OutboxWorkerOptions<T>) {
  const { store, clock, name } = options;
  const batchSize = options.batchSize ?? 20;
  const pollMs = options.pollMs ?? 2_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function drainOnce(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await store.claimDue(clock.now(), batchSize, 60_000);
      if (batch.length === 0) return sent;
      for (const item of batch) {
        try {
          await options.deliver(item);
          await store.markSent(item.id, clock.now());
          sent += 1;
        } catch (error) {
          const delay = options.retryDelaysMs[item.attempts];
          const retryAt = delay === undefined ? null : new Date(clock.now().getTime() + delay);
          options.log?.warn(
            { err: error, outbox: name, id: item.id, attempt: item.attempts + 1, retryAt },
            `${name} delivery failed`,
          );
          const message = error instanceof Error ? error.message : String(error);
          await store.markFailedAttempt(item.id, message, retryAt);
        }
      }
    }
  }

  /** One drain at a time; a nudge during a drain is answered by that drain. */
  function drain(): Promise<number> {
    running ??= drainOnce().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      drain()
        .catch((error: unknown) => options.log?.error({ err: error }, `${name} outbox failed`))
        .finally(() => schedule(pollMs));
    }, delay);
    timer.unref();
  }

  return {
    drain,
    start() {
      stopped = false;
      schedule(0);
    },
    nudge() {
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      options.onStop?.();
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
