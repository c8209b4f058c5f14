import type { Kysely } from 'kysely';
import type { Category } from '../../src/contract/preferences.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { UpdatesService } from '../updates/updates.service.ts';
import { createSubscriptionsRepository } from './subscriptions.repository.ts';

/*
 * What push holds about one owner, for the privacy requests module: its sections of the data
 * export, its step of an erasure, and a notifier that turns a request's notice into a push.
 * The shapes are those of server/requests/privacy-registry.ts (ExportSection, ErasureStep,
 * OwnerNotifier); they are kept structural so that push does not depend on requests.
 */

type Db = Kysely<DatabaseSchema>;

const PAGE = 500;

/**
 * Erasure: the owner's devices (their pending deliveries end as `removed`), their inbox, and
 * the notices sent to them alone, inside the erasure's transaction. Clinic-wide updates stay:
 * they are the clinic's, not the owner's, and no longer point at the owner.
 */
export async function erasePushData(
  trx: Db,
  userId: number,
  now: Date,
): Promise<{ devices: number; inboxEntries: number; notices: number }> {
  const devices = await createSubscriptionsRepository(trx).removeAllOfUser(userId, now);
  const inbox = await trx.deleteFrom('push_inbox').where('user_id', '=', userId).executeTakeFirst();
  const notices = await trx
    .deleteFrom('push_updates')
    .where('audience', '=', 'owner')
    .where('recipient_user_id', '=', userId)
    .executeTakeFirst();
  return {
    devices,
    inboxEntries: Number(inbox.numDeletedRows),
    notices: Number(notices.numDeletedRows),
  };
}

/** An erasure step as the requests module's registry takes it. */
export const pushErasureStep = {
  name: 'push',
  async run(trx: Db, subject: { userId: number }, now: Date): Promise<void> {
    await erasePushData(trx, subject.userId, now);
  },
};

export interface ExportedDevice extends Record<string, unknown> {
  id: number;
  label: string;
  pushService: string;
  endpoint: string;
  createdAt: string;
  updatedAt: string;
  lastDeliveredAt: string | null;
}

export interface ExportedUpdate extends Record<string, unknown> {
  id: number;
  clinic: string;
  title: string;
  body: string;
  url: string | null;
  category: Category;
  sentAt: string;
}

/**
 * The owner's devices, page by page. The subscription's keys are left out: the auth secret
 * is a credential of the browser, not information about the owner.
 */
export async function* exportDevices(db: Db, userId: number): AsyncGenerator<ExportedDevice> {
  let afterId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('push_subscriptions')
      .select(['id', 'label', 'push_service', 'endpoint', 'created_at', 'updated_at'])
      .select('last_delivered_at')
      .where('user_id', '=', userId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const r of rows) {
      yield {
        id: r.id,
        label: r.label,
        pushService: r.push_service,
        endpoint: r.endpoint,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        lastDeliveredAt: r.last_delivered_at,
      };
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    afterId = last.id;
  }
}

/** The updates in the owner's inbox (clinic updates and notices to them), oldest first. */
export async function* exportUpdatesReceived(
  db: Db,
  userId: number,
): AsyncGenerator<ExportedUpdate> {
  let afterId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('push_inbox as i')
      .innerJoin('push_updates as u', 'u.id', 'i.update_id')
      .innerJoin('clinics as c', 'c.id', 'u.clinic_id')
      .select(['u.id', 'c.slug', 'u.title', 'u.body', 'u.url', 'u.category', 'u.created_at'])
      .where('i.user_id', '=', userId)
      .where('u.id', '>', afterId)
      .orderBy('u.id')
      .limit(PAGE)
      .execute();
    for (const r of rows) {
      yield {
        id: r.id,
        clinic: r.slug,
        title: r.title,
        body: r.body,
        url: r.url,
        category: r.category as Category,
        sentAt: r.created_at,
      };
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    afterId = last.id;
  }
}

/** The two export sections, as the requests module's registry takes them. */
export function pushExportSections(db: Db) {
  const countOf = async (table: 'push_subscriptions' | 'push_inbox', userId: number) => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('count'))
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  };
  return [
    {
      name: 'pushDevices',
      title: 'Devices receiving push notifications',
      count: (userId: number) => countOf('push_subscriptions', userId),
      rows: (userId: number) => exportDevices(db, userId),
    },
    {
      name: 'updatesReceived',
      title: 'Clinic updates and notices you received',
      count: (userId: number) => countOf('push_inbox', userId),
      rows: (userId: number) => exportUpdatesReceived(db, userId),
    },
  ];
}

/**
 * A request's notice to its owner as a push (and an inbox entry), through the push outbox:
 * `registry.onOwnerNotice(pushOwnerNotifier(app.updates))`.
 */
export function pushOwnerNotifier(updates: UpdatesService) {
  return async (notice: {
    userId: number;
    title: string;
    body: string;
    url: string;
  }): Promise<void> => {
    await updates.notifyOwner(notice.userId, {
      title: notice.title,
      body: notice.body,
      url: notice.url,
      category: 'service',
    });
  };
}
