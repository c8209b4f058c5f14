import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import { createOutboxWorker } from '../lib/outbox-worker.ts';
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
}

export function createMailOutbox(options: MailOutboxOptions) {
  return createOutboxWorker({
    name: 'mail',
    store: options.repository,
    deliver: (mail) => options.mailer.send({ ...mail, from: options.from }),
    clock: options.clock,
    retryDelaysMs: RETRY_DELAYS_MS,
    log: options.log,
    onStop: () => options.mailer.close?.(),
  });
}

export type MailOutbox = ReturnType<typeof createMailOutbox>;
