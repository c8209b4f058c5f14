import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import { createOutboxWorker } from '../lib/outbox-worker.ts';
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
}

export function createSmsOutbox(options: SmsOutboxOptions) {
  return createOutboxWorker({
    name: 'sms',
    store: options.repository,
    deliver: (sms) => options.gateway.send({ to: sms.to, text: sms.text }),
    clock: options.clock,
    retryDelaysMs: RETRY_DELAYS_MS,
    log: options.log,
  });
}

export type SmsOutbox = ReturnType<typeof createSmsOutbox>;
