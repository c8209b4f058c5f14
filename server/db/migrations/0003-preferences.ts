import type { Kysely } from 'kysely';
import { idColumn, type MigrationFactory } from '../migration-helpers.ts';

/**
 * What a clinic that has configured nothing else starts with, for the two categories a clinic
 * may switch on by default (server/preferences/preference-rules.ts ignores anything else):
 * appointment reminders everywhere, clinic news by email and push but not by text. It is the
 * column's default so that every clinic row, the demo's included, states its own defaults.
 */
const HOUSE_DEFAULTS = JSON.stringify({
  reminders: { email: true, sms: true, push: true },
  'clinic-news': { email: true, sms: false, push: true },
});

export const preferencesMigration: MigrationFactory = (dialect) => ({
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not as typed today
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('clinics')
      .addColumn('preference_defaults', 'text', (col) => col.notNull().defaultTo(HOUSE_DEFAULTS))
      .execute();

    // Only explicit choices are stored; a missing row means "the clinic's default".
    await db.schema
      .createTable('preferences')
      .addColumn('user_id', 'integer', (col) =>
        col.notNull().references('users.id').onDelete('cascade'),
      )
      .addColumn('category', 'text', (col) => col.notNull())
      .addColumn('channel', 'text', (col) => col.notNull())
      .addColumn('enabled', 'integer', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('preferences_pk', ['user_id', 'category', 'channel'])
      .execute();

    // One row per owner whose communications carry a flag; it is also the row a change of
    // preferences locks, so that concurrent changes of one owner queue up.
    await db.schema
      .createTable('preference_states')
      .addColumn('user_id', 'integer', (col) =>
        col.primaryKey().references('users.id').onDelete('cascade'),
      )
      .addColumn('sms_opted_out_at', 'text')
      .addColumn('gpc_honoured_at', 'text')
      .execute();

    await db.schema
      .createTable('consent_events')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('clinic_id', 'integer', (col) =>
        col.notNull().references('clinics.id').onDelete('cascade'),
      )
      .addColumn('user_id', 'integer', (col) =>
        col.notNull().references('users.id').onDelete('cascade'),
      )
      .addColumn('category', 'text', (col) => col.notNull())
      .addColumn('channel', 'text', (col) => col.notNull())
      .addColumn('enabled', 'integer', (col) => col.notNull())
      .addColumn('previous', 'integer')
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('at', 'text', (col) => col.notNull())
      .addColumn('policy_version', 'integer')
      // Staff who made the change for the owner; null when the owner (or their link, text or
      // browser signal) made it, which `source` tells apart.
      .addColumn('actor_user_id', 'integer', (col) =>
        col.references('users.id').onDelete('set null'),
      )
      .execute();
    await db.schema
      .createIndex('consent_events_user')
      .on('consent_events')
      .columns(['user_id', 'id'])
      .execute();
    await db.schema
      .createIndex('consent_events_clinic')
      .on('consent_events')
      .columns(['clinic_id', 'id'])
      .execute();

    await db.schema
      .createTable('sms_outbox')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('to_number', 'text', (col) => col.notNull())
      .addColumn('text_body', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (col) => col.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('sent_at', 'text')
      .execute();
    await db.schema
      .createIndex('sms_outbox_due')
      .on('sms_outbox')
      .columns(['status', 'next_attempt_at'])
      .execute();
  },
});
