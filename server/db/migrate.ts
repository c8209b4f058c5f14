import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.ts';
import { policiesMigration } from './migrations/0001-policies.ts';
import { accountsMigration } from './migrations/0002-accounts.ts';

const migrationFactories = {
  '0001-policies': policiesMigration,
  '0002-accounts': accountsMigration,
};

/**
 * Brings the schema up to date. Idempotent: it runs at every start, and on PostgreSQL
 * Kysely takes an advisory lock, so several instances starting together migrate once.
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const migrations: Record<string, Migration> = {};
      for (const [name, factory] of Object.entries(migrationFactories)) {
        migrations[name] = factory(database.dialect);
      }
      return migrations;
    },
  };
  const migrator = new Migrator({ db: database.kysely, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
