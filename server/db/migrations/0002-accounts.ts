import type { Kysely } from 'kysely';
import { idColumn, type MigrationFactory } from '../migration-helpers.ts';

export const accountsMigration: MigrationFactory = (dialect) => ({
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not as typed today
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('clinic_id', 'integer', (col) =>
        col.notNull().references('clinics.id').onDelete('cascade'),
      )
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('email', 'text')
      .addColumn('name', 'text')
      .addColumn('phone', 'text')
      .addColumn('is_age_confirmed', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('status', 'text', (col) => col.notNull().defaultTo('active'))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addUniqueConstraint('users_clinic_email_unique', ['clinic_id', 'email'])
      .execute();

    await db.schema
      .createTable('pets')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('user_id', 'integer', (col) =>
        col.notNull().references('users.id').onDelete('cascade'),
      )
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('species', 'text', (col) => col.notNull())
      .addColumn('birth_date', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('pets_user').on('pets').column('user_id').execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('user_id', 'integer', (col) =>
        col.notNull().references('users.id').onDelete('cascade'),
      )
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('last_seen_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('stepped_up_until', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('one_time_codes')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('clinic_id', 'integer', (col) =>
        col.notNull().references('clinics.id').onDelete('cascade'),
      )
      .addColumn('purpose', 'text', (col) => col.notNull())
      .addColumn('email', 'text', (col) => col.notNull())
      .addColumn('user_id', 'integer', (col) => col.references('users.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('ended_at', 'text')
      .addColumn('payload', 'text')
      .execute();
    await db.schema
      .createIndex('one_time_codes_lookup')
      .on('one_time_codes')
      .columns(['clinic_id', 'purpose', 'email', 'created_at'])
      .execute();

    await db.schema
      .createTable('rate_limit_events')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('at', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('rate_limit_events_key_at')
      .on('rate_limit_events')
      .columns(['key', 'at'])
      .execute();

    await db.schema
      .createTable('account_events')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('user_id', 'integer', (col) =>
        col.notNull().references('users.id').onDelete('cascade'),
      )
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('changes', 'text', (col) => col.notNull())
      .addColumn('actor', 'text', (col) => col.notNull())
      .addColumn('at', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('account_events_user')
      .on('account_events')
      .column('user_id')
      .execute();

    // Sign-up refused by someone under 16: only the refusal is kept, with the address hashed.
    await db.schema
      .createTable('age_refusals')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('clinic_id', 'integer', (col) =>
        col.notNull().references('clinics.id').onDelete('cascade'),
      )
      .addColumn('email_hash', 'text', (col) => col.notNull())
      .addColumn('at', 'text', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('mail_outbox')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('to_address', 'text', (col) => col.notNull())
      .addColumn('subject', 'text', (col) => col.notNull())
      .addColumn('text_body', 'text', (col) => col.notNull())
      .addColumn('html_body', 'text')
      .addColumn('headers', 'text', (col) => col.notNull().defaultTo('{}'))
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (col) => col.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('sent_at', 'text')
      .execute();
    await db.schema
      .createIndex('mail_outbox_due')
      .on('mail_outbox')
      .columns(['status', 'next_attempt_at'])
      .execute();
  },
});
