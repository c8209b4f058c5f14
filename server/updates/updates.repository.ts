import type { Kysely, Selectable } from 'kysely';
import type { Category } from '../../src/contract/preferences.ts';
import {
  pushPayloadJson,
  type InboxItem,
  type UpdateOutcome,
  type UpdateProgress,
  type UpdateStatus,
  type UpdateSummary,
  type Urgency,
} from '../../src/contract/push.ts';
import type { DatabaseSchema, PushUpdatesTable } from '../db/schema.ts';

/** Who an update is for: everyone with the category on, one owner, or one device (a test). */
export type UpdateAudience = 'clinic' | 'owner' | 'device';

export interface NewUpdate {
  clinicId: number;
  clinicSlug: string;
  audience: UpdateAudience;
  recipientUserId: number | null;
  recipientSubscriptionId: number | null;
  category: Category;
  title: string;
  body: string;
  url: string | null;
  urgency: Urgency;
  ttl: number;
  sentBy: string;
}

export interface UpdateRecord {
  id: number;
  clinicId: number;
  audience: UpdateAudience;
  category: Category;
  title: string;
  body: string;
  url: string | null;
  urgency: Urgency;
  ttl: number;
  sentBy: string;
  createdAt: string;
  fanoutState: string;
  completedAt: string | null;
}

const toRecord = (row: Selectable<PushUpdatesTable>): UpdateRecord => ({
  id: row.id,
  clinicId: row.clinic_id,
  audience: row.audience as UpdateAudience,
  category: row.category as Category,
  title: row.title,
  body: row.body,
  url: row.url,
  urgency: row.urgency as Urgency,
  ttl: row.ttl,
  sentBy: row.sent_by,
  createdAt: row.created_at,
  fanoutState: row.fanout_state,
  completedAt: row.completed_at,
});

interface Counts {
  delivered: number;
  failed: number;
  removed: number;
  pending: number;
  attempted: number;
}

const emptyCounts = (): Counts => ({
  delivered: 0,
  failed: 0,
  removed: 0,
  pending: 0,
  attempted: 0,
});

export function createUpdatesRepository(db: Kysely<DatabaseSchema>) {
  async function countsOf(updateIds: readonly number[]): Promise<Map<number, Counts>> {
    const counts = new Map<number, Counts>();
    if (updateIds.length === 0) return counts;
    const rows = await db
      .selectFrom('push_deliveries')
      .select((eb) => [
        'update_id',
        'status',
        eb.fn.countAll().as('count'),
        eb.fn.sum(eb.case().when('attempts', '>', 0).then(1).else(0).end()).as('attempted'),
      ])
      .where('update_id', 'in', [...updateIds])
      .groupBy(['update_id', 'status'])
      .execute();
    for (const row of rows) {
      let c = counts.get(row.update_id);
      if (!c) counts.set(row.update_id, (c = emptyCounts()));
      const n = Number(row.count);
      if (row.status === 'delivered') c.delivered += n;
      else if (row.status === 'failed') c.failed += n;
      else if (row.status === 'removed') c.removed += n;
      else c.pending += n;
      c.attempted += row.status === 'pending' ? Number(row.attempted ?? 0) : n;
    }
    return counts;
  }

  async function inboxCounts(updateIds: readonly number[]): Promise<Map<number, number>> {
    if (updateIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('push_inbox')
      .select((eb) => ['update_id', eb.fn.countAll().as('count')])
      .where('update_id', 'in', [...updateIds])
      .groupBy('update_id')
      .execute();
    return new Map(rows.map((r) => [r.update_id, Number(r.count)]));
  }

  function progressOf(record: UpdateRecord, counts: Counts | undefined): UpdateProgress {
    const c = counts ?? emptyCounts();
    const isExpanded = record.fanoutState === 'done';
    const status: UpdateStatus =
      isExpanded && c.pending === 0 ? 'done' : c.attempted === 0 ? 'queued' : 'sending';
    return {
      id: record.id,
      status,
      targeted: c.delivered + c.failed + c.removed + c.pending,
      delivered: c.delivered,
      failed: c.failed,
      removed: c.removed,
      pending: c.pending,
    };
  }

  async function summaries(records: UpdateRecord[]): Promise<UpdateSummary[]> {
    const ids = records.map((r) => r.id);
    const [counts, inbox] = await Promise.all([countsOf(ids), inboxCounts(ids)]);
    return records.map((record) => ({
      ...progressOf(record, counts.get(record.id)),
      title: record.title,
      body: record.body,
      url: record.url,
      category: record.category,
      urgency: record.urgency,
      ttl: record.ttl,
      createdAt: record.createdAt,
      completedAt: record.completedAt,
      sentBy: record.sentBy,
      inboxRecipients: inbox.get(record.id) ?? 0,
    }));
  }

  return {
    /**
     * The update, with its payload. The audience is bounded by the devices and owners that
     * exist now: a fan-out that runs later does not reach whoever subscribed after the post.
     * The payload names the new id, so it is written right after the row: callers run this in
     * a transaction, and no worker ever sees the empty payload.
     */
    async insert(update: NewUpdate, now: Date, fanout: 'pending' | 'done'): Promise<number> {
      const sentAt = now.toISOString();
      // Only a clinic-wide fan-out reads these bounds; an owner's notice or a test is done.
      const [maxSubscription, maxUser] =
        fanout === 'done'
          ? [undefined, undefined]
          : await Promise.all([
              db
                .selectFrom('push_subscriptions')
                .select((eb) => eb.fn.max('id').as('max'))
                .where('clinic_id', '=', update.clinicId)
                .executeTakeFirst(),
              db
                .selectFrom('users')
                .select((eb) => eb.fn.max('id').as('max'))
                .where('clinic_id', '=', update.clinicId)
                .executeTakeFirst(),
            ]);
      const row = await db
        .insertInto('push_updates')
        .values({
          clinic_id: update.clinicId,
          audience: update.audience,
          recipient_user_id: update.recipientUserId,
          recipient_subscription_id: update.recipientSubscriptionId,
          category: update.category,
          title: update.title,
          body: update.body,
          url: update.url,
          urgency: update.urgency,
          ttl: update.ttl,
          payload: '',
          sent_by: update.sentBy,
          created_at: sentAt,
          fanout_state: fanout === 'done' ? 'done' : 'devices',
          fanout_max_subscription_id: Number(maxSubscription?.max ?? 0),
          fanout_max_user_id: Number(maxUser?.max ?? 0),
          fanout_locked_until: null,
          completed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const payload = pushPayloadJson({
        updateId: row.id,
        clinic: update.clinicSlug,
        title: update.title,
        body: update.body,
        url: update.url,
        category: update.category,
        sentAt,
      });
      await db.updateTable('push_updates').set({ payload }).where('id', '=', row.id).execute();
      return row.id;
    },

    /** Deliveries to known devices, written with the update (one owner's, or one device). */
    async insertDeliveries(updateId: number, subscriptionIds: readonly number[], now: Date) {
      if (subscriptionIds.length === 0) return;
      const at = now.toISOString();
      await db
        .insertInto('push_deliveries')
        .values(
          subscriptionIds.map((subscriptionId) => ({
            update_id: updateId,
            subscription_id: subscriptionId,
            status: 'pending',
            next_attempt_at: at,
            created_at: at,
          })),
        )
        .onConflict((oc) => oc.columns(['update_id', 'subscription_id']).doNothing())
        .execute();
    },

    async insertInbox(userId: number, updateId: number, now: Date) {
      await db
        .insertInto('push_inbox')
        .values({ user_id: userId, update_id: updateId, created_at: now.toISOString() })
        .onConflict((oc) => oc.columns(['user_id', 'update_id']).doNothing())
        .execute();
    },

    /** An update nobody receives on a device is complete at once. */
    async completeIfNothingPending(updateId: number, now: Date) {
      await db
        .updateTable('push_updates')
        .set({ completed_at: now.toISOString() })
        .where('id', '=', updateId)
        .where('fanout_state', '=', 'done')
        .where('completed_at', 'is', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('push_deliveries')
                .select('id')
                .where('update_id', '=', updateId)
                .where('status', '=', 'pending'),
            ),
          ),
        )
        .execute();
    },

    /** A clinic-wide update of this clinic; owners' notices and device tests are not listed. */
    async findClinicUpdate(clinicId: number, id: number): Promise<UpdateRecord | undefined> {
      const row = await db
        .selectFrom('push_updates')
        .selectAll()
        .where('id', '=', id)
        .where('clinic_id', '=', clinicId)
        .where('audience', '=', 'clinic')
        .executeTakeFirst();
      return row && toRecord(row);
    },

    async summary(record: UpdateRecord): Promise<UpdateSummary> {
      const [summary] = await summaries([record]);
      if (!summary) throw new Error('unreachable: one record gives one summary');
      return summary;
    },

    /** The clinic's updates, newest first. */
    async listClinicUpdates(clinicId: number, limit: number): Promise<UpdateSummary[]> {
      const rows = await db
        .selectFrom('push_updates')
        .selectAll()
        .where('clinic_id', '=', clinicId)
        .where('audience', '=', 'clinic')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return summaries(rows.map(toRecord));
    },

    async outcomes(updateId: number): Promise<UpdateOutcome[]> {
      const rows = await db
        .selectFrom('push_deliveries')
        .select((eb) => ['status', 'status_code', eb.fn.countAll().as('count')])
        .where('update_id', '=', updateId)
        .groupBy(['status', 'status_code'])
        .orderBy('status')
        .orderBy('status_code')
        .execute();
      return rows.map((r) => ({
        outcome: r.status as UpdateOutcome['outcome'],
        statusCode: r.status_code,
        count: Number(r.count),
      }));
    },

    /** The owner's in-app inbox, newest first. */
    async inbox(userId: number, limit: number): Promise<InboxItem[]> {
      const rows = await db
        .selectFrom('push_inbox as i')
        .innerJoin('push_updates as u', 'u.id', 'i.update_id')
        .innerJoin('clinics as c', 'c.id', 'u.clinic_id')
        .select(['u.id', 'c.slug', 'u.title', 'u.body', 'u.url', 'u.category', 'u.created_at'])
        .where('i.user_id', '=', userId)
        .orderBy('u.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        clinic: r.slug,
        title: r.title,
        body: r.body,
        url: r.url,
        category: r.category as Category,
        sentAt: r.created_at,
      }));
    },
  };
}

export type UpdatesRepository = ReturnType<typeof createUpdatesRepository>;
