import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { DomainError } from '../errors.ts';

export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(
    retryAfterSeconds: number,
    message = 'Too many tries. Please wait a little and try again.',
  ) {
    super(429, 'rate-limited', message, { retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface RateLimit {
  key: string;
  limit: number;
  windowMs: number;
}

/**
 * Sliding-window limits kept in the database, so that they hold across restarts and across
 * several server instances (an in-memory counter per instance would multiply the limit).
 */
export function createRateLimiter(db: Kysely<DatabaseSchema>, clock: Clock) {
  return {
    /** Counts one hit against every limit, or throws without counting if any is exhausted. */
    async hit(...limits: RateLimit[]): Promise<void> {
      const now = clock.now();
      for (const limit of limits) {
        const since = new Date(now.getTime() - limit.windowMs).toISOString();
        const rows = await db
          .selectFrom('rate_limit_events')
          .select('at')
          .where('key', '=', limit.key)
          .where('at', '>', since)
          .orderBy('at')
          .limit(limit.limit)
          .execute();
        if (rows.length >= limit.limit) {
          const oldest = new Date(rows[0]?.at ?? now.toISOString()).getTime();
          const retryAfter = Math.max(
            1,
            Math.ceil((oldest + limit.windowMs - now.getTime()) / 1000),
          );
          throw new RateLimitedError(retryAfter);
        }
      }
      await db
        .insertInto('rate_limit_events')
        .values(limits.map((l) => ({ key: l.key, at: now.toISOString() })))
        .execute();
    },

    /** Drops hits older than the longest window in use. */
    async prune(olderThanMs: number): Promise<void> {
      const before = new Date(clock.now().getTime() - olderThanMs).toISOString();
      await db.deleteFrom('rate_limit_events').where('at', '<', before).execute();
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
