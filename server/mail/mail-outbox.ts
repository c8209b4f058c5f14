import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { MailRepository } from './mail.repository.ts';
import type { Mailer } from './mailer.ts';

/** Backoff after each failed attempt: an SMTP server that is down for a day loses nothing. */
const RETRY_DELAYS_MS = [
  30_000,
  120_000,
  600_000,
  1_800_000,
  3_600_000,
  3 * 3_600_000,
  12 * 3_600_000,
];

export interface MailOutboxOptions {
  repository: MailRepository;
  mailer: Mailer;
  clock: Clock;
  from: string;
  log?: FastifyBaseLogger | undefined;
  batchSize?: number;
  pollMs?: number;
}

/**
 * Sends what the outbox holds. `drain()` sends everything due now (tests call it directly);
 * `start()` polls, and `nudge()` wakes it as soon as something is queued.
 */
export function createMailOutbox(options: MailOutboxOptions) {
  const { repository, mailer, clock, from } = options;
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
      for (const mail of batch) {
        try {
          await mailer.send({ ...mail, from });
          await repository.markSent(mail.id, clock.now());
          sent += 1;
        } catch (error) {
          const delay = RETRY_DELAYS_MS[mail.attempts];
          const retryAt = delay === undefined ? null : new Date(clock.now().getTime() + delay);
          options.log?.warn(
            { err: error, mailId: mail.id, attempt: mail.attempts + 1, retryAt },
            'mail delivery failed',
          );
          await repository.markFailedAttempt(
            mail.id,
            String((error as Error).message ?? error),
            retryAt,
          );
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
        .catch((error: unknown) => options.log?.error({ err: error }, 'mail outbox failed'))
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
      mailer.close?.();
    },
  };
}

export type MailOutbox = ReturnType<typeof createMailOutbox>;
