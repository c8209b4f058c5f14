import type { Kysely } from 'kysely';
import { idColumn, type MigrationFactory } from '../migration-helpers.ts';

/**
 * Push: the devices subscribed, the clinic updates and notices sent to them, the durable
 * outbox of one delivery per update × device, the owners' in-app inbox, and clinic API keys.
 * The VAPID key pair lives in `settings`.
 */
export const pushMigration: MigrationFactory = (dialect) => ({
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not as typed today
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('push_subscriptions')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('clinic_id', 'integer', (col) =>
        col.notNull().references('clinics.id').onDelete('cascade'),
      )
      // Null for a visitor without an account: the device's own categories then apply.
      .addColumn('user_id', 'integer', (col) => col.references('users.id').onDelete('cascade'))
      .addColumn('endpoint', 'text', (col) => col.notNull())
      .addColumn('p256dh', 'text', (col) => col.notNull())
      .addColumn('auth', 'text', (col) => col.notNull())
      // The VAPID public key the browser subscribed with, so the key can be rotated later.
      .addColumn('vapid_public_key', 'text', (col) => col.notNull())
      .addColumn('label', 'text', (col) => col.notNull())
      .addColumn('push_service', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('last_delivered_at', 'text')
      .addUniqueConstraint('push_subscriptions_endpoint_unique', ['clinic_id', 'endpoint'])
      .execute();
    await db.schema
      .createIndex('push_subscriptions_user')
      .on('push_subscriptions')
      .column('user_id')
      .execute();

    // An anonymous device's categories; an owner's devices follow the owner's preferences.
    await db.schema
      .createTable('push_subscription_categories')
      .addColumn('subscription_id', 'integer', (col) =>
        col.notNull().references('push_subscriptions.id').onDelete('cascade'),
      )
      .addColumn('category', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('push_subscription_categories_pk', ['subscription_id', 'category'])
      .execute();

    await db.schema
      .createTable('push_updates')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('clinic_id', 'integer', (col) =>
        col.notNull().references('clinics.id').onDelete('cascade'),
      )
      // 'clinic': everyone who has the category on; 'owner': one owner's notice; 'device': a test.
      .addColumn('audience', 'text', (col) => col.notNull())
      .addColumn('recipient_user_id', 'integer', (col) =>
        col.references('users.id').onDelete('cascade'),
      )
      .addColumn('recipient_subscription_id', 'integer', (col) =>
        col.references('push_subscriptions.id').onDelete('set null'),
      )
      .addColumn('category', 'text', (col) => col.notNull())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('url', 'text')
      .addColumn('urgency', 'text', (col) => col.notNull())
      .addColumn('ttl', 'integer', (col) => col.notNull())
      // The exact JSON every device decrypts, fixed when the update is created.
      .addColumn('payload', 'text', (col) => col.notNull())
      .addColumn('sent_by', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      // Fan-out, in keyset pages: 'devices' then 'inbox' then 'done'. Each page moves the cursor
      // in the transaction that writes its rows, so a crash resumes where it stopped.
      .addColumn('fanout_state', 'text', (col) => col.notNull())
      .addColumn('fanout_cursor', 'integer', (col) => col.notNull().defaultTo(0))
      // The audience as it stood when the update was posted: devices and owners up to these ids.
      .addColumn('fanout_max_subscription_id', 'integer', (col) => col.notNull())
      .addColumn('fanout_max_user_id', 'integer', (col) => col.notNull())
      .addColumn('fanout_locked_until', 'text')
      .addColumn('completed_at', 'text')
      .execute();
    await db.schema
      .createIndex('push_updates_clinic')
      .on('push_updates')
      .columns(['clinic_id', 'audience', 'id'])
      .execute();
    await db.schema
      .createIndex('push_updates_fanout')
      .on('push_updates')
      .columns(['fanout_state', 'id'])
      .execute();

    await db.schema
      .createTable('push_deliveries')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('update_id', 'integer', (col) =>
        col.notNull().references('push_updates.id').onDelete('cascade'),
      )
      // Null once the device is gone; the row stays, as the record of what happened.
      .addColumn('subscription_id', 'integer', (col) =>
        col.references('push_subscriptions.id').onDelete('set null'),
      )
      // 'pending', 'delivered', 'failed' or 'removed'.
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (col) => col.notNull())
      .addColumn('locked_until', 'text')
      // Which claim holds the lease: a worker whose lease ran out cannot overwrite the result
      // of the one that claimed the delivery after it.
      .addColumn('claim_token', 'text')
      .addColumn('status_code', 'integer')
      .addColumn('error', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('last_attempt_at', 'text')
      .addColumn('finished_at', 'text')
      .addUniqueConstraint('push_deliveries_once', ['update_id', 'subscription_id'])
      .execute();
    await db.schema
      .createIndex('push_deliveries_due')
      .on('push_deliveries')
      // In claim order: a 100,000-device fan-out has as many rows due at the same instant.
      .columns(['status', 'next_attempt_at', 'id'])
      .execute();
    await db.schema
      .createIndex('push_deliveries_subscription')
      .on('push_deliveries')
      .columns(['subscription_id', 'status'])
      .execute();
    await db.schema
      .createIndex('push_deliveries_update_status')
      .on('push_deliveries')
      .columns(['update_id', 'status'])
      .execute();

    // The owner's in-app Updates inbox: every update meant for them, with or without push.
    await db.schema
      .createTable('push_inbox')
      .addColumn('user_id', 'integer', (col) =>
        col.notNull().references('users.id').onDelete('cascade'),
      )
      .addColumn('update_id', 'integer', (col) =>
        col.notNull().references('push_updates.id').onDelete('cascade'),
      )
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('push_inbox_pk', ['user_id', 'update_id'])
      .execute();
    await db.schema.createIndex('push_inbox_update').on('push_inbox').column('update_id').execute();

    // Keys of clinic systems: only a SHA-256 of each is kept (they are 256 random bits).
    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('clinic_id', 'integer', (col) =>
        col.notNull().references('clinics.id').onDelete('cascade'),
      )
      .addColumn('key_hash', 'text', (col) => col.notNull().unique())
      // The first characters, to tell keys apart in a list without revealing them.
      .addColumn('key_prefix', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
  },
});
