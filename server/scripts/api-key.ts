import { pathToFileURL } from 'node:url';
import { createClinicsRepository } from '../clinics/clinics.repository.ts';
import { createClinicsService } from '../clinics/clinics.service.ts';
import { systemClock, type Clock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { databaseTargetFor, openDatabase, type Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { DomainError } from '../errors.ts';
import { seedDemoClinic } from '../seed/demo-clinic.ts';
import { createApiKeysRepository } from '../updates/api-keys.ts';

const USAGE = `Usage: npm run api-key -- <clinic>

Creates an API key for a clinic system, for POST /api/clinics/<clinic>/updates and
GET /api/clinics/<clinic>/updates/<id> with "Authorization: Bearer <key>". The key is printed
once, alone on the last line; only its hash is stored.`;

export class UsageError extends Error {}

/** The command, apart from process wiring, so tests can run it against a test database. */
export async function runApiKey(
  argv: string[],
  deps: { database: Database; clock: Clock },
): Promise<{ clinic: string; id: number; key: string }> {
  const args = argv.filter((a) => a !== '--');
  if (args.length !== 1 || !args[0] || args[0].startsWith('-')) {
    throw new UsageError(args.length === 0 ? 'Name the clinic.' : 'Give exactly one clinic.');
  }
  const clinics = createClinicsService(createClinicsRepository(deps.database.kysely));
  const clinic = await clinics.require(args[0]);
  const created = await createApiKeysRepository(deps.database.kysely).create(
    clinic.id,
    deps.clock.now(),
  );
  return { clinic: clinic.slug, ...created };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase(databaseTargetFor(config));
  try {
    await migrateToLatest(database);
    // The same first start as `npm start`, so a key for the demo clinic can come first.
    await seedDemoClinic(database, systemClock);
    const result = await runApiKey(process.argv.slice(2), { database, clock: systemClock });
    console.log(
      `API key ${result.id} for ${result.clinic}. It is shown only this once; keep it secret:`,
    );
    console.log(result.key);
  } catch (error) {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (error instanceof DomainError) console.error(error.message);
    else throw error;
    process.exitCode = 1;
  } finally {
    await database.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
