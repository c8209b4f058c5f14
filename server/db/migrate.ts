import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.ts';
import { policiesMigration } from './migrations/0001-policies.ts';
import { accountsMigration } from './migrations/0002-accounts.ts';
import { preferencesMigration } from './migrations/0003-preferences.ts';
import { requestsMigration } from './migrations/0004-requests.ts';
import { pushMigration } from './migrations/0005-push.ts';

const migrationFactories = {
  '0001-policies': policiesMigration,
  '0002-accounts': accountsMigration,
  '0003-preferences': preferencesMigration,
  '0004-requests': requestsMigration,
  '0005-push': pushMigration,
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
  const migrator = new Migrator({
    db: database.kysely,
    provider,
    // Kysely looks for its bookkeeping tables across every schema it can see; pinning them to
    // ours keeps two databases on one server (parallel test runs) from reading each other's.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
