import type { Kysely } from 'kysely';
import { idColumn, type MigrationFactory } from '../migration-helpers.ts';

/** Privacy requests, their timelines, identity codes and attached exports. */
export const requestsMigration: MigrationFactory = (dialect) => ({
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not as typed today
  async up(db: Kysely<any>) {
    // Restriction of processing (GDPR Art. 18): while set, only service messages go out.
    await db.schema.alterTable('preference_states').addColumn('restricted_at', 'text').execute();

    await db.schema
      .createTable('privacy_requests')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('reference', 'text', (col) => col.notNull().unique())
      .addColumn('clinic_id', 'integer', (col) =>
        col.notNull().references('clinics.id').onDelete('cascade'),
      )
      // Whose data the request is about, when known. Kept (pointing at the anonymised account)
      // after an erasure: the record itself is pseudonymised, not deleted (11 CCR §7101).
      .addColumn('user_id', 'integer', (col) => col.references('users.id').onDelete('set null'))
      .addColumn('type', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('regime', 'text', (col) => col.notNull())
      .addColumn('received_at', 'text', (col) => col.notNull())
      .addColumn('acknowledge_by', 'text')
      .addColumn('due_at', 'text', (col) => col.notNull())
      .addColumn('extension_notice_by', 'text', (col) => col.notNull())
      .addColumn('extended_due_at', 'text')
      .addColumn('extension_reason', 'text')
      .addColumn('details', 'text', (col) => col.notNull().defaultTo('{}'))
      .addColumn('filed_by', 'text', (col) => col.notNull())
      // A person without an account: the name and contact they gave.
      .addColumn('subject_name', 'text')
      .addColumn('subject_contact', 'text')
      .addColumn('agent_name', 'text')
      .addColumn('agent_email', 'text')
      .addColumn('agent_permission', 'text')
      .addColumn('verification', 'text', (col) => col.notNull())
      .addColumn('verified_at', 'text')
      .addColumn('denial_reason', 'text')
      .addColumn('completion_note', 'text')
      .addColumn('completed_at', 'text')
      .addColumn('pseudonymised_at', 'text')
      .addColumn('retain_until', 'text')
      // The filing's id from the owner's phone: a retried filing finds the request it made.
      .addColumn('client_request_id', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('privacy_requests_client_request')
      .on('privacy_requests')
      .columns(['user_id', 'client_request_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('privacy_requests_user')
      .on('privacy_requests')
      .columns(['user_id', 'received_at'])
      .execute();
    await db.schema
      .createIndex('privacy_requests_clinic_status')
      .on('privacy_requests')
      .columns(['clinic_id', 'status'])
      .execute();

    await db.schema
      .createTable('request_events')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('request_id', 'integer', (col) =>
        col.notNull().references('privacy_requests.id').onDelete('cascade'),
      )
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('at', 'text', (col) => col.notNull())
      .addColumn('actor_kind', 'text', (col) => col.notNull())
      .addColumn('actor_user_id', 'integer', (col) =>
        col.references('users.id').onDelete('set null'),
      )
      .addColumn('note', 'text')
      .execute();
    await db.schema
      .createIndex('request_events_request')
      .on('request_events')
      .columns(['request_id', 'id'])
      .execute();

    // One-time codes that prove a person without an account (or the owner behind an agent)
    // holds a contact the clinic has: hashed like sign-in codes, never stored in clear.
    await db.schema
      .createTable('request_codes')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('request_id', 'integer', (col) =>
        col.notNull().references('privacy_requests.id').onDelete('cascade'),
      )
      .addColumn('code_hash', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('ended_at', 'text')
      .execute();
    await db.schema
      .createIndex('request_codes_request')
      .on('request_codes')
      .columns(['request_id', 'id'])
      .execute();

    // The export attached to a completed access or portability request, as it was sent.
    await db.schema
      .createTable('request_exports')
      .addColumn('request_id', 'integer', (col) =>
        col.primaryKey().references('privacy_requests.id').onDelete('cascade'),
      )
      .addColumn('content', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();
  },
});
