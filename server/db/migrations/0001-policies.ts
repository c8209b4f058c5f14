import type { Kysely } from 'kysely';
import { idColumn, type MigrationFactory } from '../migration-helpers.ts';

export const policiesMigration: MigrationFactory = (dialect) => ({
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not as typed today
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('clinics')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('slug', 'text', (col) => col.notNull().unique())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('short_name', 'text', (col) => col.notNull())
      .addColumn('theme_color', 'text', (col) => col.notNull())
      .addColumn('background_color', 'text', (col) => col.notNull())
      .addColumn('time_zone', 'text', (col) => col.notNull())
      .addColumn('regimes', 'text', (col) => col.notNull())
      .addColumn('contact_email', 'text', (col) => col.notNull())
      .addColumn('is_open_registration', 'integer', (col) => col.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('policies')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('clinic_id', 'integer', (col) =>
        col.notNull().references('clinics.id').onDelete('cascade'),
      )
      .addColumn('slug', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('publisher', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addUniqueConstraint('policies_clinic_slug_unique', ['clinic_id', 'slug'])
      .execute();

    await db.schema
      .createTable('policy_versions')
      .addColumn('id', 'integer', (col) => idColumn(col, dialect))
      .addColumn('policy_id', 'integer', (col) =>
        col.notNull().references('policies.id').onDelete('cascade'),
      )
      .addColumn('version', 'integer', (col) => col.notNull())
      .addColumn('published_at', 'text', (col) => col.notNull())
      .addColumn('effective_at', 'text', (col) => col.notNull())
      .addColumn('summary', 'text', (col) => col.notNull())
      .addColumn('sections', 'text', (col) => col.notNull())
      .addUniqueConstraint('policy_versions_policy_version_unique', ['policy_id', 'version'])
      .execute();

    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('value', 'text', (col) => col.notNull())
      .execute();
  },
});
