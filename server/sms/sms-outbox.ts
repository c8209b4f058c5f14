import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { SmsGateway } from './sms-gateway.ts';
import type { SmsRepository } from './sms.repository.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Started when the server listens; tests call `drain()` to send what is queued, now. */
    smsOutbox: SmsOutbox;
  }
}

/**
 * Fewer and shorter retries than mail: a text is a confirmation the owner expects within
 * minutes (FCC 24-24 allows five for the STOP confirmation), not hours later.
 */
const RETRY_DELAYS_MS = [10_000, 30_000, 60_000, 120_000];

export interface SmsOutboxOptions {
  repository: SmsRepository;
  gateway: SmsGateway;
  clock: Clock;
  log?: FastifyBaseLogger | undefined;
  batchSize?: number;
  pollMs?: number;
}

/** Sends what the SMS outbox holds; the same shape as the mail outbox (server/mail/mail-outbox.ts). */
export function createSmsOutbox(options: SmsOutboxOptions) {
  const { repository, gateway, clock } = options;
  const batchSize = options.batchSize ?? 20;
  const pollMs = options.pollMs ?? 2_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function drainOnce(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await repository.claimDue(clock.now(), batchSize, 60_000);
      if (batch.length === 0) return sent;
      for (const sms of batch) {
        try {
          await gateway.send({ to: sms.to, text: sms.text });
          await repository.markSent(sms.id, clock.now());
          sent += 1;
        } catch (error) {
          const delay = RETRY_DELAYS_MS[sms.attempts];
          const retryAt = delay === undefined ? null : new Date(clock.now().getTime() + delay);
          options.log?.warn(
            { err: error, smsId: sms.id, attempt: sms.attempts + 1, retryAt },
            'sms delivery failed',
          );
          await repository.markFailedAttempt(
            sms.id,
            String((error as Error).message ?? error),
            retryAt,
          );
        }
      }
    }
  }

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
        .catch((error: unknown) => options.log?.error({ err: error }, 'sms outbox failed'))
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
    },
  };
}

export type SmsOutbox = ReturnType<typeof createSmsOutbox>;
