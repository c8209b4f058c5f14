import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../server/clock.ts';
import type { Database } from '../../../server/db/database.ts';
import { migrateToLatest } from '../../../server/db/migrate.ts';
import { seedDemoClinic } from '../../../server/seed/demo-clinic.ts';
import { createTestDatabase } from '../../support/test-database.ts';

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.destroy());

describe('start-up', () => {
  test('migrations are idempotent: a second run applies nothing', async () => {
    expect(await migrateToLatest(database)).toEqual([]);
  });

  test('the demo clinic is seeded once, however often the server starts', async () => {
    const clock = new ManualClock('2026-11-23T17:00:00.000Z');
    expect(await seedDemoClinic(database, clock)).toBe(true);
    expect(await seedDemoClinic(database, clock)).toBe(false);
    const clinics = await database.kysely.selectFrom('clinics').select('slug').execute();
    expect(clinics).toEqual([{ slug: 'dr-kim' }]);
    const versions = await database.kysely
      .selectFrom('policy_versions')
      .select(['policy_id', 'version'])
      .execute();
    expect(versions).toHaveLength(2);
  });

  test('two instances seeding at the same moment leave one demo clinic', async () => {
    const clock = new ManualClock('2026-11-23T17:00:00.000Z');
    const results = await Promise.all([
      seedDemoClinic(database, clock),
      seedDemoClinic(database, clock),
    ]);
    expect(results.filter(Boolean).length).toBeLessThanOrEqual(1);
    const clinics = await database.kysely.selectFrom('clinics').select('slug').execute();
    expect(clinics).toHaveLength(1);
  });
});
