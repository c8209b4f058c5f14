import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { PreferencesService } from '../preferences/preferences.service.ts';
import type {
  ClaimedDelivery,
  DeliveryResult,
  FanoutJob,
  PushOutboxRepository,
  RecordedResult,
} from './push-outbox.repository.ts';
import type { PushOutcome, PushSender } from './push-sender.ts';

/**
 * Backoff after each retryable answer (429, 5xx, timeout, network); a `Retry-After` that asks
 * for longer wins. Past the last one the delivery has failed for good.
 */
export const PUSH_RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000] as const;
/** A Retry-After beyond this is not waited for: the delivery fails instead. */
const MAX_RETRY_AFTER_MS = 24 * 3600_000;

export interface PushOutboxOptions {
  repository: PushOutboxRepository;
  preferences: PreferencesService;
  sender: PushSender;
  clock: Clock;
  log?: FastifyBaseLogger | undefined;
  /**
   * Sends handed to the sender at once. Default 256: the sender keeps 64 requests on the wire
   * and encrypts up to four times that ahead, so HTTP slots never wait for the crypto.
   */
  concurrency?: number;
  /** Deliveries claimed per query (a refill comes when half are taken). Default: concurrency. */
  batchSize?: number;
  /**
   * How long a claim holds. It is renewed while the sends run, so it can be short: it is how
   * long deliveries claimed by a worker that died wait before another worker takes them.
   */
  leaseMs?: number;
  /**
   * Results are written in batches of this many (one transaction each). Default 256: a
   * transaction of 256 results costs little more than one of 64. After a crash, what was sent
   * and not yet recorded is sent again (those deliveries are still claimed and pending), so a
   * larger batch allows more duplicates, never a lost delivery.
   */
  flushSize?: number;
  /** Devices or owners read per fan-out page. Default 500. */
  fanoutPageSize?: number;
  pollMs?: number;
  retryDelaysMs?: readonly number[];
}

export interface DrainResult {
  /** Deliveries attempted (each ends delivered, failed, removed, or waits for a retry). */
  attempted: number;
  /** Fan-out pages written. */
  pages: number;
}

/**
 * The durable push outbox: expands clinic updates into one delivery per device (and one inbox
 * entry per owner) in keyset pages, then sends the deliveries through the sender with bounded
 * concurrency, and records every result. `drain()` does everything due now (tests call it);
 * `start()` polls, `nudge()` wakes it, `stop()` lets the sends in flight finish and records them.
 */
export function createPushOutbox(options: PushOutboxOptions) {
  const { repository: repo, clock, sender, preferences } = options;
  const concurrency = options.concurrency ?? 256;
  const batchSize = options.batchSize ?? Math.max(concurrency, 2);
  const leaseMs = options.leaseMs ?? 10_000;
  const flushSize = options.flushSize ?? 256;
  const pageSize = options.fanoutPageSize ?? 500;
  const pollMs = options.pollMs ?? 1_000;
  const retryDelays = options.retryDelaysMs ?? PUSH_RETRY_DELAYS_MS;
  const maxAttempts = retryDelays.length + 1;

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<DrainResult> | undefined;
  let isStopped = true;
  let isStopping = false;
  let isNudged = false;
  let fanoutJob: FanoutJob | undefined;

  /** Expands one page of a clinic update's audience. False when there is nothing to expand. */
  async function fanOutStep(): Promise<boolean> {
    fanoutJob ??= await repo.claimFanout(clock.now(), leaseMs);
    const job = fanoutJob;
    if (!job) return false;
    if (job.state === 'devices') {
      const page = await repo.devicePage(job, pageSize);
      const owners = [
        ...new Set(
          page.flatMap((d) => (d.userId !== null && d.isOpenOwnerAccount ? [d.userId] : [])),
        ),
      ];
      const cells =
        owners.length > 0
          ? await preferences.categoryCellsFor(job.clinicId, owners, job.category)
          : new Map();
      // An owner's devices follow the owner's push preference (holds included); an anonymous
      // device, the categories it subscribed to. Nobody else.
      const audience = page
        .filter((d) =>
          d.userId === null
            ? d.hasCategory
            : d.isOpenOwnerAccount && cells.get(d.userId)?.push === true,
        )
        .map((d) => d.id);
      const last = page.at(-1);
      const next =
        page.length < pageSize || !last
          ? { state: 'inbox' as const, cursor: 0 }
          : { state: 'devices' as const, cursor: last.id };
      fanoutJob = await repo.commitPage(
        job,
        { deliveries: audience, inboxUsers: [] },
        next,
        clock.now(),
        leaseMs,
      );
    } else {
      const owners = await repo.ownerPage(job, pageSize);
      const cells =
        owners.length > 0
          ? await preferences.categoryCellsFor(job.clinicId, owners, job.category)
          : new Map<number, Record<string, boolean>>();
      // The inbox is for every owner who has the category on for any channel, so an owner
      // without push (or whose phone is off) misses nothing.
      const readers = owners.filter((id) => Object.values(cells.get(id) ?? {}).some(Boolean));
      const last = owners.at(-1);
      const next =
        owners.length < pageSize || last === undefined
          ? { state: 'done' as const, cursor: 0 }
          : { state: 'inbox' as const, cursor: last };
      fanoutJob = await repo.commitPage(
        job,
        { deliveries: [], inboxUsers: readers },
        next,
        clock.now(),
        leaseMs,
      );
    }
    return true;
  }

  function retryOrFail(
    delivery: ClaimedDelivery,
    status: number | null,
    reason: string,
    retryAfterMs: number | null,
  ): DeliveryResult {
    const attempt = delivery.attempts + 1;
    if (attempt >= maxAttempts) {
      return { kind: 'failed', status, error: `Gave up after ${attempt} attempts: ${reason}` };
    }
    const backoff = retryDelays[delivery.attempts] ?? retryDelays.at(-1) ?? 60_000;
    const delay = Math.max(backoff, retryAfterMs ?? 0);
    if (delay > MAX_RETRY_AFTER_MS) {
      return {
        kind: 'failed',
        status,
        error: `The push service asked to wait too long: ${reason}`,
      };
    }
    const retryAt = new Date(clock.now().getTime() + delay);
    // RFC 8030 §5.2: past its TTL the message is worthless, so it is not retried beyond it.
    if (retryAt.getTime() > delivery.createdAtMs + delivery.ttl * 1000) {
      return { kind: 'failed', status, error: `Expired before it could be retried: ${reason}` };
    }
    return { kind: 'retry', status, error: reason, retryAt };
  }

  async function deliver(delivery: ClaimedDelivery): Promise<DeliveryResult> {
    if (!delivery.target) {
      return {
        kind: 'removed',
        status: null,
        error: 'The device was unsubscribed before this was sent.',
      };
    }
    const elapsedSeconds = Math.floor((clock.now().getTime() - delivery.createdAtMs) / 1000);
    const ttlSeconds = delivery.ttl - Math.max(0, elapsedSeconds);
    if (ttlSeconds < 0) {
      return { kind: 'failed', status: null, error: 'Expired (TTL) before it could be sent.' };
    }
    let outcome: PushOutcome;
    try {
      outcome = await sender.send({
        target: delivery.target,
        payload: delivery.payload,
        ttlSeconds,
        urgency: delivery.urgency,
        // RFC 8030 §5.4: a copy of this update still waiting at the push service (a send the
        // crash or a timeout made us repeat) is replaced, not shown twice.
        topic: `update-${delivery.updateId}`,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return retryOrFail(delivery, null, reason, null);
    }
    switch (outcome.kind) {
      case 'delivered':
        return { kind: 'delivered', status: outcome.status };
      case 'gone':
        return {
          kind: 'removed',
          status: outcome.status,
          error: `The push service says this subscription is gone (${outcome.status}).`,
        };
      case 'rejected':
        return { kind: 'failed', status: outcome.status, error: outcome.reason };
      case 'retry':
        return retryOrFail(delivery, outcome.status, outcome.reason, outcome.retryAfterMs);
    }
  }

  /**
   * PostgreSQL may pick a results transaction as a deadlock victim (a device gone in one batch
   * closes deliveries another batch is recording). Every write is conditional, so running the
   * batch again is safe.
   */
  async function recordWithRetry(batch: RecordedResult[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await repo.record(batch, clock.now());
        return;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw error;
      }
    }
  }

  async function drainOnce(): Promise<DrainResult> {
    const queue: ClaimedDelivery[] = [];
    /** Claimed and not yet recorded, by id: their leases are renewed until recorded. */
    const leased = new Map<number, string>();
    const unrecorded: RecordedResult[] = [];
    let isExhausted = false;
    let failure: unknown;
    let refilling: Promise<void> | undefined;
    let flushing: Promise<void> = Promise.resolve();
    let attempted = 0;
    let pages = 0;

    const fill = async (): Promise<void> => {
      try {
        for (;;) {
          if (isStopping) {
            isExhausted = true;
            return;
          }
          const claimed = await repo.claimDue(clock.now(), batchSize, leaseMs);
          if (claimed.length > 0) {
            for (const d of claimed) leased.set(d.id, d.claimToken);
            queue.push(...claimed);
            return;
          }
          if (!(await fanOutStep())) {
            isExhausted = true;
            return;
          }
          pages += 1;
        }
      } catch (error) {
        failure ??= error;
        isExhausted = true;
      }
    };
    /** One claim at a time; `.finally` runs after the assignment, even when `fill` is instant. */
    const refill = (): Promise<void> => {
      refilling ??= fill().finally(() => {
        refilling = undefined;
      });
      return refilling;
    };

    const flush = (): Promise<void> => {
      const batch = unrecorded.splice(0);
      if (batch.length === 0) return flushing;
      flushing = flushing.then(async () => {
        try {
          await recordWithRetry(batch);
        } catch (error) {
          // Left leased: after the lease runs out they are sent again (at least once).
          options.log?.error({ err: error }, 'push outbox: recording results failed');
          failure ??= error;
        } finally {
          for (const { delivery } of batch) leased.delete(delivery.id);
        }
      });
      return flushing;
    };

    const renewal = setInterval(
      () => {
        const byToken = new Map<string, number[]>();
        for (const [id, token] of leased) {
          const ids = byToken.get(token) ?? [];
          ids.push(id);
          byToken.set(token, ids);
        }
        const until = new Date(clock.now().getTime() + leaseMs);
        for (const [token, ids] of byToken) {
          repo.renewLeases(token, ids, until).catch((error: unknown) => {
            options.log?.warn({ err: error }, 'push outbox: renewing leases failed');
          });
        }
      },
      Math.max(250, Math.floor(leaseMs / 3)),
    );
    renewal.unref();

    const worker = async () => {
      for (;;) {
        if (!isExhausted && queue.length < batchSize / 2) void refill();
        const delivery = queue.shift();
        if (!delivery) {
          if (refilling) await refilling;
          else if (isExhausted) return;
          else await refill();
          continue;
        }
        const result = await deliver(delivery);
        attempted += 1;
        unrecorded.push({ delivery, result });
        if (unrecorded.length >= flushSize) await flush();
      }
    };

    try {
      await Promise.all(Array.from({ length: concurrency }, worker));
      await flush();
    } finally {
      clearInterval(renewal);
    }
    if (failure) throw failure;
    return { attempted, pages };
  }

  /** One drain at a time; a nudge during a drain is answered by that drain. */
  function drain(): Promise<DrainResult> {
    running ??= drainOnce().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule(delay: number) {
    if (isStopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      drain()
        .catch((error: unknown) => options.log?.error({ err: error }, 'push outbox failed'))
        .finally(() => {
          // Something queued during that drain, after it last looked, goes out now.
          const again = isNudged;
          isNudged = false;
          schedule(again ? 0 : pollMs);
        });
    }, delay);
    timer.unref();
  }

  return {
    drain,
    start() {
      isStopped = false;
      isStopping = false;
      schedule(0);
    },
    nudge() {
      if (running) isNudged = true;
      else schedule(0);
    },
    /** Claims nothing more, lets the sends in flight finish, and records their results. */
    async stop() {
      isStopped = true;
      isStopping = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

export type PushOutbox = ReturnType<typeof createPushOutbox>;
