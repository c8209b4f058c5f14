import type { ColumnDefinitionBuilder, Migration } from 'kysely';
import type { DialectName } from './database.ts';

/** Migrations are plain code, listed in migrate.ts, so they bundle and need no directory scan. */
export type MigrationFactory = (dialect: DialectName) => Migration;

/** An auto-generated integer key, written the way each dialect does it natively. */
export function idColumn(col: ColumnDefinitionBuilder, dialect: DialectName) {
  return dialect === 'postgres'
    ? col.primaryKey().generatedByDefaultAsIdentity()
    : col.primaryKey().autoIncrement();
}
