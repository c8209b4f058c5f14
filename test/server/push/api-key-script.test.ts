import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { systemClock } from '../../../server/clock.ts';
import { openDatabase } from '../../../server/db/database.ts';
import { migrateToLatest } from '../../../server/db/migrate.ts';
import { seedDemoClinic } from '../../../server/seed/demo-clinic.ts';
import { createApiKeysRepository } from '../../../server/updates/api-keys.ts';

const run = promisify(execFile);
let dataDir: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pawtal-api-key-'));
  const database = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'pawtal.sqlite') });
  await migrateToLatest(database);
  await seedDemoClinic(database, systemClock);
  await database.destroy();
});
afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

/** `npm run api-key -- <args>`, as an operator runs it, against SQLite in DATA_DIR. */
const apiKey = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'server/scripts/api-key.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
  });

test('npm run api-key prints a new key alone on its last line, and stores only its hash', async () => {
  const { stdout } = await apiKey('--', 'dr-kim');
  const lines = stdout.trimEnd().split('\n');
  const key = lines.at(-1) ?? '';
  expect(key).toMatch(/^pawtal_[A-Za-z0-9_-]{43}$/);
  expect(lines.slice(0, -1).join('\n')).not.toContain(key);

  const database = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'pawtal.sqlite') });
  try {
    const rows = await database.kysely.selectFrom('api_keys').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.key_hash).toBe(crypto.createHash('sha256').update(key).digest('base64url'));
    expect(JSON.stringify(rows)).not.toContain(key);
    const verified = await createApiKeysRepository(database.kysely).verify(key, new Date());
    expect(verified?.clinicId).toBe(rows[0]?.clinic_id);
  } finally {
    await database.destroy();
  }
}, 30_000);

test('an unknown clinic is a clear error and a non-zero exit', async () => {
  const failed = await apiKey('no-such-clinic').then(
    () => undefined,
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  expect(failed?.code).toBe(1);
  expect(failed?.stderr).toMatch(/There is no clinic called "no-such-clinic"/);
  expect(failed?.stdout).toBe('');
}, 30_000);
