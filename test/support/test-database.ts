import crypto from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';

/**
 * A freshly migrated database for one test: in-memory SQLite by default, or, when
 * DATABASE_URL points at a PostgreSQL server, a private schema there that is dropped after.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = openDatabase({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(database);
    return database;
  }

  const schema = `test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();

  const database = openDatabase({ kind: 'postgres', url, schema });
  await migrateToLatest(database);
  return {
    kysely: database.kysely,
    dialect: database.dialect,
    schema,
    async destroy() {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(database.kysely);
      await database.destroy();
    },
  };
}
