import fs from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PolicyKindSchema } from '../../src/contract/policy.ts';
import { createClinicsRepository } from '../clinics/clinics.repository.ts';
import { createClinicsService } from '../clinics/clinics.service.ts';
import { systemClock, type Clock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { databaseTargetFor, openDatabase, type Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { DomainError } from '../errors.ts';
import { parseLocalDate, startOfLocalDay } from '../lib/zoned-time.ts';
import { createPoliciesRepository } from '../policies/policies.repository.ts';
import { createPoliciesService } from '../policies/policies.service.ts';

const USAGE = `Usage: npm run policy:import -- --clinic <slug> --kind clinic|vendor --file <path> --effective <YYYY-MM-DD> [--summary "…"]

Adds a new version of a clinic's policy from plain text. The effective date is the start of
that day in the clinic's time zone, and must come after today: owners get notice first.`;

export class UsageError extends Error {}

export interface PolicyImportResult {
  clinic: string;
  policyId: string;
  version: number;
  publishedAt: string;
  effectiveAt: string;
  sections: number;
}

/** The command, apart from process wiring, so tests can run it against a test database. */
export async function runPolicyImport(
  argv: string[],
  deps: { database: Database; clock: Clock },
): Promise<PolicyImportResult> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        clinic: { type: 'string' },
        kind: { type: 'string' },
        file: { type: 'string' },
        effective: { type: 'string' },
        summary: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const missing = (['clinic', 'kind', 'file', 'effective'] as const).filter((k) => !values[k]);
  if (missing.length > 0)
    throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(', ')}.`);

  const kind = PolicyKindSchema.safeParse(values.kind);
  if (!kind.success)
    throw new UsageError(`--kind must be "clinic" or "vendor", not "${values.kind}".`);

  const clinics = createClinicsService(createClinicsRepository(deps.database.kysely));
  const clinic = await clinics.require(values.clinic as string);

  const effectiveText = values.effective as string;
  // A plain date means the start of that day in the clinic's zone; a full ISO instant is exact.
  const isInstant = /^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:\d{2})$/.test(effectiveText);
  const localDate = isInstant ? null : parseLocalDate(effectiveText);
  const effectiveAt = localDate
    ? startOfLocalDay(localDate, clinic.timeZone)
    : new Date(isInstant ? Date.parse(effectiveText) : NaN);
  if (Number.isNaN(effectiveAt.getTime())) {
    throw new UsageError(`--effective must be a date such as 2027-01-31, not "${effectiveText}".`);
  }

  let text: string;
  try {
    text = await fs.readFile(values.file as string, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Cannot read ${values.file}: ${(error as NodeJS.ErrnoException).code ?? error}.`,
    );
  }

  const policies = createPoliciesService({
    clinics,
    repository: createPoliciesRepository(deps.database.kysely),
    clock: deps.clock,
  });
  const version = await policies.publishFromText({
    clinic: clinic.slug,
    kind: kind.data,
    text,
    effectiveAt,
    summary: values.summary,
  });
  return {
    clinic: clinic.slug,
    policyId: version.policyId,
    version: version.version,
    publishedAt: version.publishedAt,
    effectiveAt: version.effectiveAt,
    sections: version.sections.length,
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase(databaseTargetFor(config));
  try {
    await migrateToLatest(database);
    const result = await runPolicyImport(process.argv.slice(2), { database, clock: systemClock });
    console.log(
      `Added version ${result.version} of ${result.clinic}/${result.policyId}: ${result.sections} sections, ` +
        `published ${result.publishedAt}, takes effect ${result.effectiveAt}.`,
    );
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
