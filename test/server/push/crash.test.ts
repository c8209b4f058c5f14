import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { UpdateProgressSchema } from '../../../src/contract/push.ts';
import { systemClock } from '../../../server/clock.ts';
import { openDatabase } from '../../../server/db/database.ts';
import { migrateToLatest } from '../../../server/db/migrate.ts';
import { seedDemoClinic } from '../../../server/seed/demo-clinic.ts';
import { createApiKeysRepository } from '../../../server/updates/api-keys.ts';
import { startPushService, type LocalPushService } from '../../support/push-service.ts';

/*
 * ../../../README.md's promise for push, kept with the real server process: SIGKILL it in the
 * middle of a 20,000-device fan-out, start it again, and the fan-out finishes with every
 * device delivered to, at most the deliveries in flight at the kill delivered twice.
 *
 * SQLite in a file (PostgreSQL's path is the same code with FOR UPDATE SKIP LOCKED, covered by
 * the outbox tests when the suite runs on PostgreSQL).
 */

const DEVICES = 20_000;
/** Kill once this many have arrived: the audience is still being expanded then. */
const KILL_AFTER = 3_000;

let service: LocalPushService;
let dataDir: string;
let apiKey: string;
const servers: ChildProcess[] = [];

beforeAll(async () => {
  service = await startPushService({ trustSeenTokens: true, keyPairPool: 64 });
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pawtal-crash-'));

  // The database as a deployment would have it, 20,000 devices inserted directly.
  const database = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'pawtal.sqlite') });
  await migrateToLatest(database);
  await seedDemoClinic(database, systemClock);
  const db = database.kysely;
  const clinic = await db
    .selectFrom('clinics')
    .select('id')
    .where('slug', '=', 'dr-kim')
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const subscribers = service.createSubscribers(DEVICES);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < subscribers.length; i += 400) {
      const rows = await trx
        .insertInto('push_subscriptions')
        .values(
          subscribers.slice(i, i + 400).map((s) => ({
            clinic_id: clinic.id,
            user_id: null,
            endpoint: s.subscription.endpoint,
            p256dh: s.subscription.keys.p256dh,
            auth: s.subscription.keys.auth,
            vapid_public_key: 'set-by-the-browser',
            label: 'Test device',
            push_service: 'Other',
            created_at: now,
            updated_at: now,
            last_delivered_at: null,
          })),
        )
        .returning('id')
        .execute();
      await trx
        .insertInto('push_subscription_categories')
        .values(rows.map((r) => ({ subscription_id: r.id, category: 'clinic-news' })))
        .execute();
    }
  });
  apiKey = (await createApiKeysRepository(db).create(clinic.id, new Date())).key;
  await database.destroy();
}, 60_000);

afterAll(async () => {
  for (const server of servers) if (server.exitCode === null) server.kill('SIGKILL');
  await service?.close();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

/** `node --import tsx server/main.ts`, as `npm run serve` runs it; resolves with its origin. */
async function startServer(): Promise<{ origin: string; process: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      HOST: '127.0.0.1',
      PORT: '0',
      WEB_ROOT: path.join(dataDir, 'no-web-root'),
      LOG_LEVEL: 'error',
      NODE_EXTRA_CA_CERTS: service.caPath,
      PUSH_ALLOWED_ORIGINS: service.origin,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(child);
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start:\n${output}`)),
      30_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /running at https?:\/\/[^:]+:(\d+)\//.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${port}`);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  return { origin, process: child };
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function progress(origin: string, id: number) {
  const response = await fetch(`${origin}/api/clinics/dr-kim/updates/${id}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  expect(response.status).toBe(200);
  return UpdateProgressSchema.parse(await response.json());
}

test('a server killed with SIGKILL mid fan-out finishes it after a restart, duplicates bounded by what was in flight', async () => {
  const first = await startServer();
  const posted = await fetch(`${first.origin}/api/clinics/dr-kim/updates`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'We are moving',
      body: 'From 1 December we are at 12 Harbour Road.',
      category: 'clinic-news',
    }),
  });
  expect(posted.status).toBe(202);
  const { id } = (await posted.json()) as { id: number };

  await service.waitForCount(KILL_AFTER, 60_000);
  await killHard(first.process);

  // What the dead server left: deliveries claimed (leased) and not recorded are "in flight".
  const file = new SQLite(path.join(dataDir, 'pawtal.sqlite'));
  const left = file
    .prepare(
      `select
         sum(case when status = 'pending' and claim_token is not null then 1 else 0 end) as in_flight,
         sum(case when status = 'delivered' then 1 else 0 end) as delivered,
         count(*) as expanded
       from push_deliveries where update_id = ?`,
    )
    .get(id) as { in_flight: number; delivered: number; expanded: number };
  const fanout = file.prepare('select fanout_state from push_updates where id = ?').get(id) as {
    fanout_state: string;
  };
  file.close();
  const arrivedBeforeKill = service.deliveredCount();
  expect(arrivedBeforeKill).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(arrivedBeforeKill).toBeLessThan(DEVICES);
  // Killed mid fan-out: the audience was not yet fully expanded into the outbox.
  expect(fanout.fanout_state).toBe('devices');
  expect(left.expanded).toBeLessThan(DEVICES);
  // Whatever arrived was either recorded as delivered or was in flight.
  expect(arrivedBeforeKill).toBeLessThanOrEqual(left.delivered + left.in_flight);

  const second = await startServer();
  const deadline = Date.now() + 45_000;
  let last = await progress(second.origin, id);
  while (last.status !== 'done' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await progress(second.origin, id);
  }
  expect(last).toMatchObject({
    status: 'done',
    targeted: DEVICES,
    delivered: DEVICES,
    failed: 0,
    removed: 0,
    pending: 0,
  });

  const perDevice = new Map<string, number>();
  for (const push of service.received()) {
    perDevice.set(push.subscriberId, (perDevice.get(push.subscriberId) ?? 0) + 1);
  }
  expect(perDevice.size).toBe(DEVICES);
  const duplicates = [...perDevice.values()].reduce((sum, n) => sum + n - 1, 0);
  expect(duplicates).toBeLessThanOrEqual(left.in_flight);
  expect(service.deliveredCount()).toBe(DEVICES + duplicates);
  for (const push of service.received().slice(0, 5)) {
    expect(JSON.parse(push.payload)).toMatchObject({ updateId: id, title: 'We are moving' });
  }

  const stopped = new Promise((resolve) => second.process.once('exit', resolve));
  second.process.kill('SIGTERM');
  await stopped;
  expect(second.process.exitCode).toBe(0);
}, 120_000);
