import type { Kysely, Selectable } from 'kysely';
import type { Category } from '../../src/contract/preferences.ts';
import type { Device } from '../../src/contract/push.ts';
import type { DatabaseSchema, PushSubscriptionsTable } from '../db/schema.ts';

export interface SubscriptionRecord {
  id: number;
  clinicId: number;
  userId: number | null;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  vapidPublicKey: string;
  label: string;
  pushService: string;
  createdAt: string;
  updatedAt: string;
  lastDeliveredAt: string | null;
}

export interface SubscriptionWrite {
  clinicId: number;
  userId: number | null;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  vapidPublicKey: string;
  label: string;
  pushService: string;
}

const toRecord = (row: Selectable<PushSubscriptionsTable>): SubscriptionRecord => ({
  id: row.id,
  clinicId: row.clinic_id,
  userId: row.user_id,
  endpoint: row.endpoint,
  keys: { p256dh: row.p256dh, auth: row.auth },
  vapidPublicKey: row.vapid_public_key,
  label: row.label,
  pushService: row.push_service,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  lastDeliveredAt: row.last_delivered_at,
});

export const toDevice = (record: SubscriptionRecord): Device => ({
  id: record.id,
  label: record.label,
  pushService: record.pushService,
  endpoint: record.endpoint,
  createdAt: record.createdAt,
  lastDeliveredAt: record.lastDeliveredAt,
});

export function createSubscriptionsRepository(db: Kysely<DatabaseSchema>) {
  /**
   * A device's deliveries still waiting: they end as `removed`, so every update's counters
   * still add up, and nothing more is sent to a device that is no longer subscribed.
   */
  async function closePendingDeliveries(subscriptionIds: readonly number[], now: Date) {
    if (subscriptionIds.length === 0) return;
    await db
      .updateTable('push_deliveries')
      .set({
        status: 'removed',
        error: 'The device was unsubscribed before this was sent.',
        finished_at: now.toISOString(),
        locked_until: null,
        claim_token: null,
      })
      .where('subscription_id', 'in', [...subscriptionIds])
      .where('status', '=', 'pending')
      .execute();
  }

  /** Removes devices; their pending deliveries end as `removed`. Returns how many went. */
  async function remove(ids: readonly number[], now: Date): Promise<number> {
    if (ids.length === 0) return 0;
    await closePendingDeliveries(ids, now);
    const result = await db
      .deleteFrom('push_subscriptions')
      .where('id', 'in', [...ids])
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  return {
    /**
     * Inserts the device, or updates the one with the same endpoint at this clinic: a browser
     * re-subscribing (new keys, another owner signed in) never makes a second row.
     */
    async upsert(write: SubscriptionWrite, now: Date): Promise<number> {
      const at = now.toISOString();
      const changes = {
        user_id: write.userId,
        p256dh: write.keys.p256dh,
        auth: write.keys.auth,
        vapid_public_key: write.vapidPublicKey,
        label: write.label,
        push_service: write.pushService,
        updated_at: at,
      };
      const row = await db
        .insertInto('push_subscriptions')
        .values({
          clinic_id: write.clinicId,
          endpoint: write.endpoint,
          ...changes,
          created_at: at,
          last_delivered_at: null,
        })
        .onConflict((oc) => oc.columns(['clinic_id', 'endpoint']).doUpdateSet(changes))
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async replaceCategories(subscriptionId: number, categories: readonly Category[]) {
      await db
        .deleteFrom('push_subscription_categories')
        .where('subscription_id', '=', subscriptionId)
        .execute();
      if (categories.length === 0) return;
      await db
        .insertInto('push_subscription_categories')
        .values(categories.map((category) => ({ subscription_id: subscriptionId, category })))
        .execute();
    },

    async categoriesOf(subscriptionId: number): Promise<Category[]> {
      const rows = await db
        .selectFrom('push_subscription_categories')
        .select('category')
        .where('subscription_id', '=', subscriptionId)
        .orderBy('category')
        .execute();
      return rows.map((r) => r.category as Category);
    },

    /** Whether the category was there to remove. */
    async removeCategory(subscriptionId: number, category: Category): Promise<boolean> {
      const result = await db
        .deleteFrom('push_subscription_categories')
        .where('subscription_id', '=', subscriptionId)
        .where('category', '=', category)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async find(id: number): Promise<SubscriptionRecord | undefined> {
      const row = await db
        .selectFrom('push_subscriptions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toRecord(row);
    },

    async findByEndpoint(endpoint: string): Promise<SubscriptionRecord[]> {
      const rows = await db
        .selectFrom('push_subscriptions')
        .selectAll()
        .where('endpoint', '=', endpoint)
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },

    async listForUser(userId: number): Promise<SubscriptionRecord[]> {
      const rows = await db
        .selectFrom('push_subscriptions')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },

    remove,

    async removeAllOfUser(userId: number, now: Date): Promise<number> {
      const rows = await db
        .selectFrom('push_subscriptions')
        .select('id')
        .where('user_id', '=', userId)
        .execute();
      return remove(
        rows.map((r) => r.id),
        now,
      );
    },
  };
}

export type SubscriptionsRepository = ReturnType<typeof createSubscriptionsRepository>;
