import crypto from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Category } from '../../src/contract/preferences.ts';
import type { Urgency } from '../../src/contract/push.ts';
import type { DialectName } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { PushTarget } from './push-sender.ts';
import { createSubscriptionsRepository } from './subscriptions.repository.ts';

type Db = Kysely<DatabaseSchema>;

/** A clinic update whose audience is being expanded, page by page. */
export interface FanoutJob {
  id: number;
  clinicId: number;
  category: Category;
  state: 'devices' | 'inbox';
  cursor: number;
  maxSubscriptionId: number;
  maxUserId: number;
  createdAt: string;
}

/** One device of a fan-out page, with what decides whether it is in the audience. */
export interface FanoutDevice {
  id: number;
  /** Null for an anonymous device. */
  userId: number | null;
  isOpenOwnerAccount: boolean;
  /** For an anonymous device: whether it subscribed to the update's category. */
  hasCategory: boolean;
}

export interface ClaimedDelivery {
  id: number;
  updateId: number;
  /** Attempts made before this claim. */
  attempts: number;
  claimToken: string;
  subscriptionId: number | null;
  /** Null when the device was removed since the delivery was queued. */
  target: PushTarget | null;
  payload: string;
  ttl: number;
  urgency: Urgency;
  /** When the update was posted (ISO), and the same in milliseconds. */
  createdAt: string;
  createdAtMs: number;
}

export type DeliveryResult =
  | { kind: 'delivered'; status: number }
  /** The device is gone (404/410), or was unsubscribed before its turn. */
  | { kind: 'removed'; status: number | null; error: string }
  | { kind: 'failed'; status: number | null; error: string }
  | { kind: 'retry'; status: number | null; error: string; retryAt: Date };

export interface RecordedResult {
  delivery: ClaimedDelivery;
  result: DeliveryResult;
}

/** Thrown inside a page's transaction when another worker moved the fan-out first. */
class FanoutMovedOn extends Error {}

const MAX_ERROR_LENGTH = 500;
/** Updates whose payload and TTL are kept in memory for the claims; an update is immutable. */
const UPDATE_CACHE_SIZE = 64;

/** What a claim needs of its update: read once per update, not once per delivery. */
interface UpdateInfo {
  payload: string;
  ttl: number;
  urgency: Urgency;
  createdAt: string;
  createdAtMs: number;
}

interface ClaimedRow {
  id: number;
  update_id: number;
  attempts: number;
  subscription_id: number | null;
  endpoint: string | null;
  p256dh: string | null;
  auth: string | null;
}

/**
 * The hot statements (claim, results, fan-out pages) are plain SQL with one parameter per list
 * of ids, not one per id: a JSON array read by `json_each` on SQLite, an integer array on
 * PostgreSQL. A batch of 256 costs a handful of statements, and no per-row query building.
 */
export function createPushOutboxRepository(db: Db, dialect: DialectName) {
  const isPostgres = dialect === 'postgres';
  /** `column IN (the ids)`, as one bound parameter. */
  const inIds = (column: string, ids: readonly number[]): RawBuilder<unknown> =>
    isPostgres
      ? sql`${sql.ref(column)} = any(${[...ids]}::integer[])`
      : sql`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`;
  /** The ids as rows of one column named `value`, for INSERT … SELECT. */
  const idRows = (ids: readonly number[]): RawBuilder<unknown> =>
    isPostgres
      ? sql`unnest(${[...ids]}::integer[]) as ids(value)`
      : sql`json_each(${JSON.stringify(ids)})`;

  /**
   * A condition that must not pick an index: SQLite cannot tell how many ids a `json_each`
   * list holds, and would otherwise walk the whole `(status, …)` index of a 100,000-row
   * fan-out for every batch instead of looking up the batch's rows by id. The unary `+`
   * (SQLite only) keeps the filter and drops the index.
   */
  const filter = (column: string): RawBuilder<unknown> =>
    isPostgres ? sql.ref(column) : sql`+${sql.ref(column)}`;

  const updates = new Map<number, UpdateInfo>();

  /** Payload, TTL and urgency of the updates of a claim, from memory when seen before. */
  async function updateInfo(ids: Iterable<number>): Promise<Map<number, UpdateInfo>> {
    const found = new Map<number, UpdateInfo>();
    const missing: number[] = [];
    for (const id of ids) {
      const cached = updates.get(id);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const { rows } = await sql<{
      id: number;
      payload: string;
      ttl: number;
      urgency: string;
      created_at: string;
    }>`select id, payload, ttl, urgency, created_at from push_updates
      where ${inIds('id', missing)}`.execute(db);
    if (updates.size + rows.length > UPDATE_CACHE_SIZE) updates.clear();
    for (const r of rows) {
      const info: UpdateInfo = {
        payload: r.payload,
        ttl: Number(r.ttl),
        urgency: r.urgency as Urgency,
        createdAt: r.created_at,
        createdAtMs: Date.parse(r.created_at),
      };
      found.set(r.id, info);
      // The payload is written just after the update's row: an empty one is read again.
      if (info.payload !== '') updates.set(r.id, info);
    }
    return found;
  }

  return {
    /**
     * Takes the oldest clinic update whose audience is not fully expanded, with a lease, so
     * that one instance expands it while others send. The lease is only an economy: each page
     * moves the cursor conditionally, so two workers on one update cannot write a page twice.
     */
    async claimFanout(now: Date, leaseMs: number): Promise<FanoutJob | undefined> {
      const at = now.toISOString();
      return db.transaction().execute(async (trx) => {
        let query = trx
          .selectFrom('push_updates')
          .select('id')
          .where('fanout_state', 'in', ['devices', 'inbox'])
          .where((eb) =>
            eb.or([eb('fanout_locked_until', 'is', null), eb('fanout_locked_until', '<', at)]),
          )
          .orderBy('id')
          .limit(1);
        if (dialect === 'postgres') query = query.forUpdate().skipLocked();
        const candidate = await query.executeTakeFirst();
        if (!candidate) return undefined;
        const row = await trx
          .updateTable('push_updates')
          .set({ fanout_locked_until: new Date(now.getTime() + leaseMs).toISOString() })
          .where('id', '=', candidate.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return {
          id: row.id,
          clinicId: row.clinic_id,
          category: row.category as Category,
          state: row.fanout_state as FanoutJob['state'],
          cursor: row.fanout_cursor,
          maxSubscriptionId: row.fanout_max_subscription_id,
          maxUserId: row.fanout_max_user_id,
          createdAt: row.created_at,
        };
      });
    },

    /** The next page of the clinic's devices, in id order, up to the update's bound. */
    async devicePage(job: FanoutJob, size: number): Promise<FanoutDevice[]> {
      const rows = await db
        .selectFrom('push_subscriptions as s')
        .leftJoin('users as u', 'u.id', 's.user_id')
        .leftJoin('push_subscription_categories as c', (join) =>
          join.onRef('c.subscription_id', '=', 's.id').on('c.category', '=', job.category),
        )
        .select(['s.id', 's.user_id', 'u.role', 'u.status', 'c.category'])
        // By id range, not by the clinic's index: that one would read and sort all of the
        // clinic's devices for every page.
        .where(filter('s.clinic_id'), '=', job.clinicId)
        .where('s.id', '>', job.cursor)
        .where('s.id', '<=', job.maxSubscriptionId)
        .orderBy('s.id')
        .limit(size)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        userId: r.user_id,
        isOpenOwnerAccount: r.role === 'owner' && r.status === 'active',
        hasCategory: r.category !== null,
      }));
    },

    /** The next page of the clinic's open owner accounts, for their inboxes. */
    async ownerPage(job: FanoutJob, size: number): Promise<number[]> {
      const rows = await db
        .selectFrom('users')
        .select('id')
        .where(filter('clinic_id'), '=', job.clinicId)
        .where('role', '=', 'owner')
        .where('status', '=', 'active')
        .where('id', '>', job.cursor)
        .where('id', '<=', job.maxUserId)
        .orderBy('id')
        .limit(size)
        .execute();
      return rows.map((r) => r.id);
    },

    /**
     * Writes one page's deliveries (or inbox entries) and moves the cursor, in one transaction:
     * a crash between pages resumes at the next page, and never writes a page twice. Returns
     * the job as it now stands, or undefined when it is finished or another worker moved it.
     */
    async commitPage(
      job: FanoutJob,
      page: { deliveries: readonly number[]; inboxUsers: readonly number[] },
      next: { state: FanoutJob['state'] | 'done'; cursor: number },
      now: Date,
      leaseMs: number,
    ): Promise<FanoutJob | undefined> {
      const at = now.toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          const moved = await trx
            .updateTable('push_updates')
            .set({
              fanout_state: next.state,
              fanout_cursor: next.cursor,
              fanout_locked_until:
                next.state === 'done' ? null : new Date(now.getTime() + leaseMs).toISOString(),
            })
            .where('id', '=', job.id)
            .where('fanout_state', '=', job.state)
            .where('fanout_cursor', '=', job.cursor)
            .executeTakeFirst();
          if (Number(moved.numUpdatedRows) !== 1) throw new FanoutMovedOn();
          // One statement per page, the ids as one parameter. `where true` lets SQLite parse
          // the ON CONFLICT after a SELECT.
          if (page.deliveries.length > 0) {
            await sql`insert into push_deliveries
                (update_id, subscription_id, status, next_attempt_at, created_at)
              select ${job.id}, value, 'pending', ${at}, ${at} from ${idRows(page.deliveries)}
              where true
              on conflict (update_id, subscription_id) do nothing`.execute(trx);
          }
          if (page.inboxUsers.length > 0) {
            await sql`insert into push_inbox (user_id, update_id, created_at)
              select value, ${job.id}, ${job.createdAt} from ${idRows(page.inboxUsers)}
              where true
              on conflict (user_id, update_id) do nothing`.execute(trx);
          }
        });
      } catch (error) {
        if (error instanceof FanoutMovedOn) return undefined;
        throw error;
      }
      if (next.state === 'done') {
        await this.completeFinished([job.id], now);
        return undefined;
      }
      return { ...job, state: next.state, cursor: next.cursor };
    },

    /**
     * Claims up to `limit` due deliveries with a lease and a fresh claim token, in one
     * statement (on PostgreSQL with FOR UPDATE SKIP LOCKED, so that instances sharing the
     * queue never wait on each other). A worker that dies mid-send leaves its lease to run
     * out, and the delivery is claimed again: at least once, with duplicates bounded by what
     * was claimed and unrecorded at the crash.
     */
    async claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
      const at = now.toISOString();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      // 96 random bits: unique per claim, and short, since every claimed row stores it.
      const token = crypto.randomBytes(12).toString('base64url');
      const due = sql`status = 'pending' and next_attempt_at <= ${at}
        and (locked_until is null or locked_until < ${at})`;
      const { rows } = isPostgres
        ? await sql<ClaimedRow>`with due as (
              select id from push_deliveries where ${due}
              order by next_attempt_at, id limit ${limit}
              for update skip locked
            ), claimed as (
              update push_deliveries d set locked_until = ${until}, claim_token = ${token}
              from due where d.id = due.id
              returning d.id, d.update_id, d.attempts, d.subscription_id
            )
            select c.id, c.update_id, c.attempts, c.subscription_id, s.endpoint, s.p256dh, s.auth
            from claimed c left join push_subscriptions s on s.id = c.subscription_id
            order by c.id`.execute(db)
        : await sql<ClaimedRow>`update push_deliveries
            set locked_until = ${until}, claim_token = ${token}
            where id in (
              select id from push_deliveries where ${due}
              order by next_attempt_at, id limit ${limit}
            )
            returning id, update_id, attempts, subscription_id,
              (select endpoint from push_subscriptions s where s.id = subscription_id) as endpoint,
              (select p256dh from push_subscriptions s where s.id = subscription_id) as p256dh,
              (select auth from push_subscriptions s where s.id = subscription_id) as auth`.execute(
            db,
          );
      if (rows.length === 0) return [];
      if (!isPostgres) rows.sort((a, b) => a.id - b.id);
      let updateIds: number | Set<number> = rows[0]?.update_id ?? 0;
      for (const r of rows) {
        if (r.update_id === updateIds) continue;
        if (typeof updateIds === 'number') updateIds = new Set([updateIds]);
        updateIds.add(r.update_id);
      }
      const info = await updateInfo(typeof updateIds === 'number' ? [updateIds] : updateIds);
      const claimed: ClaimedDelivery[] = [];
      for (const r of rows) {
        const update = info.get(r.update_id);
        // Deleted with its clinic meanwhile: its deliveries went with it.
        if (!update) continue;
        claimed.push({
          id: r.id,
          updateId: r.update_id,
          attempts: r.attempts,
          claimToken: token,
          subscriptionId: r.subscription_id,
          target:
            r.endpoint !== null && r.p256dh !== null && r.auth !== null
              ? { endpoint: r.endpoint, keys: { p256dh: r.p256dh, auth: r.auth } }
              : null,
          payload: update.payload,
          ttl: update.ttl,
          urgency: update.urgency,
          createdAt: update.createdAt,
          createdAtMs: update.createdAtMs,
        });
      }
      return claimed;
    },

    /** Keeps the lease of deliveries still being sent, so that no other worker takes them. */
    async renewLeases(token: string, ids: readonly number[], until: Date): Promise<void> {
      if (ids.length === 0) return;
      await sql`update push_deliveries set locked_until = ${until.toISOString()}
        where ${inIds('id', ids)} and claim_token = ${token} and ${filter('status')} = 'pending'`.execute(
        db,
      );
    },

    /**
     * Writes what happened to each delivery, in one transaction, with one statement per claim
     * and outcome (all delivered ones of a batch in one). Every write is conditional on the
     * claim token and on the row still pending: a worker whose lease ran out, or a delivery
     * closed meanwhile (its device unsubscribed), records nothing, so each delivery ends in
     * exactly one state and the counters stay exact.
     */
    async record(results: readonly RecordedResult[], now: Date): Promise<void> {
      if (results.length === 0) return;
      const at = now.toISOString();
      interface Group {
        token: string;
        result: DeliveryResult;
        ids: number[];
      }
      const groups = new Map<string, Group>();
      const updateIds = new Set<number>();
      for (const { delivery, result } of results) {
        updateIds.add(delivery.updateId);
        const key =
          result.kind === 'delivered'
            ? `${delivery.claimToken}\u0000delivered\u0000${result.status}`
            : `${delivery.claimToken}\u0000${result.kind}\u0000${result.status}\u0000${result.error}\u0000${result.kind === 'retry' ? result.retryAt.getTime() : ''}`;
        let group = groups.get(key);
        if (!group) {
          group = { token: delivery.claimToken, result, ids: [] };
          groups.set(key, group);
        }
        group.ids.push(delivery.id);
      }

      await db.transaction().execute(async (trx) => {
        const deliveredDevices: number[] = [];
        const goneDevices: number[] = [];
        for (const { token, result, ids } of groups.values()) {
          const where = sql`${inIds('id', ids)} and claim_token = ${token}
            and ${filter('status')} = 'pending'`;
          if (result.kind === 'delivered') {
            const written = await sql<{ subscription_id: number | null }>`update push_deliveries
              set status = 'delivered', status_code = ${result.status}, error = null,
                attempts = attempts + 1, last_attempt_at = ${at}, finished_at = ${at},
                locked_until = null, claim_token = null
              where ${where}
              returning subscription_id`.execute(trx);
            for (const r of written.rows) {
              if (r.subscription_id !== null) deliveredDevices.push(r.subscription_id);
            }
            continue;
          }
          const isRetry = result.kind === 'retry';
          const written = await sql<{ subscription_id: number | null }>`update push_deliveries
            set status = ${isRetry ? 'pending' : result.kind}, status_code = ${result.status},
              error = ${result.error.slice(0, MAX_ERROR_LENGTH)}, attempts = attempts + 1,
              last_attempt_at = ${at}, finished_at = ${isRetry ? null : at},
              next_attempt_at = ${isRetry ? result.retryAt.toISOString() : sql`next_attempt_at`},
              locked_until = null, claim_token = null
            where ${where}
            returning subscription_id`.execute(trx);
          // The push service said this subscription is gone (RFC 8030 §7.3): never again.
          if (result.kind === 'removed' && result.status !== null) {
            for (const r of written.rows) {
              if (r.subscription_id !== null) goneDevices.push(r.subscription_id);
            }
          }
        }
        if (deliveredDevices.length > 0) {
          // Ascending, so that concurrent batches on PostgreSQL lock devices in one order.
          deliveredDevices.sort((a, b) => a - b);
          await sql`update push_subscriptions set last_delivered_at = ${at}
            where ${inIds('id', deliveredDevices)}`.execute(trx);
        }
        if (goneDevices.length > 0) {
          await createSubscriptionsRepository(trx).remove([...new Set(goneDevices)], now);
        }
      });
      await this.completeFinished([...updateIds], now);
    },

    /** Marks updates complete once fully expanded with nothing pending. */
    async completeFinished(updateIds: readonly number[], now: Date): Promise<void> {
      if (updateIds.length === 0) return;
      await sql`update push_updates set completed_at = ${now.toISOString()}
        where ${inIds('id', updateIds)} and ${filter('fanout_state')} = 'done'
          and completed_at is null
          and not exists (
            select 1 from push_deliveries d
            where d.update_id = push_updates.id and d.status = 'pending'
          )`.execute(db);
    },
  };
}

export type PushOutboxRepository = ReturnType<typeof createPushOutboxRepository>;
