/**
 * `npm run bench:push [-- --devices 100000]`: one clinic update fanned out to N devices on the
 * local push service, through the real outbox (SQLite in a temp file) and the real sender;
 * then, in the same run and against the same devices, web-push's own `sendNotification` loop
 * at the same HTTP concurrency with a keep-alive agent. Prints figures; asserts nothing.
 *
 * The push service runs in a child process (test/support/push-service-process.ts), trusting a
 * JWT it has already verified once (as real services cache them) but decrypting every body.
 * The machine has 2 cores: the service's CPU competes with the sender's, for both contenders.
 */
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import webpush from 'web-push';
import { buildApp } from '../../server/app.ts';
import { systemClock } from '../../server/clock.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { createPushSender } from '../../server/push/push-sender.ts';
import { CryptoPool, InlineEncryptor } from '../../server/push/sender/crypto-pool.ts';
import { createFastPushSender } from '../../server/push/sender/fast-sender.ts';
import { demoClinic, seedDemoClinic } from '../../server/seed/demo-clinic.ts';
import { createApiKeysRepository } from '../../server/updates/api-keys.ts';
import { startPushServiceProcess } from '../support/push-service-process.ts';

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '64' },
    'skip-baseline': { type: 'boolean', default: false },
    // Crypto worker threads for our sender (0: on the main thread); default: the sender's own.
    'crypto-threads': { type: 'string' },
    // With --crypto-threads N: the main thread encrypts too while it has time to spare.
    'main-thread-shares': { type: 'boolean', default: false },
    // Writes a CPU profile of the main thread during our run (not the set-up or the baseline).
    profile: { type: 'string' },
  },
});
const devices = Number(args.devices);
const inFlight = Number(args.concurrency);
const cryptoThreads =
  args['crypto-threads'] === undefined ? undefined : Number(args['crypto-threads']);
if (!Number.isInteger(devices) || devices < 1)
  throw new Error('--devices must be a positive integer');

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * CPU seconds per thread of this process from /proc (Linux; empty elsewhere), to tell the main
 * thread (HTTP, database, event loop) from the crypto workers and V8's helpers.
 */
function threadCpu(): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const tid of fs.readdirSync('/proc/self/task')) {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / 100);
    }
  } catch {
    // Not Linux: no per-thread figures.
  }
  return out;
}

function mainThreadShare(before: Map<number, number>, after: Map<number, number>) {
  let main = 0;
  let others = 0;
  for (const [tid, seconds] of after) {
    const used = seconds - (before.get(tid) ?? 0);
    if (tid === process.pid) main += used;
    else others += used;
  }
  return { main, others };
}

/** Peak resident memory of this process while `run` runs, sampled every 100 ms (each rss() read stalled the event loop for up to ~1 ms under load at 20 ms, 5% of our main thread); the kernel's maxRSS is printed beside it as the exact peak. */
async function withRssSampling<T>(run: () => Promise<T>): Promise<{ result: T; peakRss: number }> {
  let peakRss = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 100);
  try {
    const result = await run();
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    return { result, peakRss };
  } finally {
    clearInterval(timer);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pawtal-push-bench-'));
const service = await startPushServiceProcess({
  trustSeenTokens: true,
  recordPayloads: false,
  keyPairPool: 256,
});
console.log(
  `push bench: ${fmt(devices)} devices, ${inFlight} requests in flight, ${os.availableParallelism()} cores, crypto threads: ${cryptoThreads ?? 'default'}`,
);
console.log(`push service ${service.origin} (child process), database ${dir}/bench.sqlite\n`);

const database = openDatabase({ kind: 'sqlite', file: path.join(dir, 'bench.sqlite') });
await migrateToLatest(database);
await seedDemoClinic(database, systemClock);
const config = loadConfig({
  NODE_ENV: 'production',
  DATA_DIR: dir,
  WEB_ROOT: path.join(dir, 'no-web-root'),
  PUSH_ALLOWED_ORIGINS: service.origin,
  VAPID_SUBJECT: 'mailto:bench@pawtal.example',
});
const app = await buildApp({
  config,
  database,
  clock: systemClock,
  pushSender: (vapid) => {
    const options = {
      vapid,
      allowedOrigins: [service.origin],
      ca: service.caPem,
      maxInFlight: inFlight,
    };
    if (cryptoThreads === undefined) return createPushSender(options);
    const encryptor =
      cryptoThreads === 0
        ? new InlineEncryptor()
        : new CryptoPool(cryptoThreads, { mainThreadShares: args['main-thread-shares'] });
    return createFastPushSender(options, { encryptor });
  },
  // The outbox keeps more sends pending than the sender has requests in flight, so the
  // crypto threads can encrypt ahead; HTTP concurrency is still `inFlight`.
  pushOutbox: { concurrency: inFlight * 4, fanoutPageSize: 1_000 },
});

const db = database.kysely;
const clinic = await db
  .selectFrom('clinics')
  .select('id')
  .where('slug', '=', demoClinic.slug)
  .executeTakeFirstOrThrow();
const { publicKey: vapidPublicKey } = (await app.inject('/api/push/vapid-public-key')).json<{
  publicKey: string;
}>();

// --- N anonymous devices with clinic news on, inserted in bulk ---
const insertStarted = performance.now();
const now = new Date().toISOString();
for (let made = 0; made < devices;) {
  const subscribers = await service.createSubscribers(Math.min(2_000, devices - made));
  made += subscribers.length;
  await db.transaction().execute(async (trx) => {
    const rows = await trx
      .insertInto('push_subscriptions')
      .values(
        subscribers.map((s) => ({
          clinic_id: clinic.id,
          user_id: null,
          endpoint: s.subscription.endpoint,
          p256dh: s.subscription.keys.p256dh,
          auth: s.subscription.keys.auth,
          vapid_public_key: vapidPublicKey,
          label: 'Bench device',
          push_service: 'local',
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
  });
}
console.log(
  `inserted ${fmt(devices)} subscriptions in ${fmt(performance.now() - insertStarted)} ms`,
);

// --- Ours: the API, the outbox and the sender ---
const { key } = await createApiKeysRepository(db).create(clinic.id, new Date());
if (global.gc) global.gc();
const baseRss = process.memoryUsage.rss();
const oursCpu = process.cpuUsage();
const oursThreads = threadCpu();
const serviceBefore = await service.stats();
const profiler = args.profile ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
const oursStarted = performance.now();
const { result: updateId, peakRss: oursPeakRss } = await withRssSampling(async () => {
  const posted = await app.inject({
    method: 'POST',
    url: `/api/clinics/${demoClinic.slug}/updates`,
    headers: { authorization: `Bearer ${key}` },
    payload: {
      title: 'Closed on Monday for staff training',
      body: 'Riverside is closed on Monday 30 November. For emergencies call 555 0100.',
      category: 'clinic-news',
      url: `/c/${demoClinic.slug}/updates`,
    },
  });
  if (posted.statusCode !== 202)
    throw new Error(`POST update: ${posted.statusCode} ${posted.body}`);
  const id = posted.json<{ id: number }>().id;
  for (;;) {
    await app.pushOutbox.drain();
    const progress = await app.inject({
      url: `/api/clinics/${demoClinic.slug}/updates/${id}`,
      headers: { authorization: `Bearer ${key}` },
    });
    const body = progress.json<{ status: string; pending: number }>();
    if (body.status === 'done' && body.pending === 0) return id;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});
const oursMs = performance.now() - oursStarted;
if (profiler && args.profile) {
  const { profile } = await profiler.post('Profiler.stop');
  fs.writeFileSync(args.profile, JSON.stringify(profile));
  profiler.disconnect();
}
const oursCpuUsed = process.cpuUsage(oursCpu);
const oursByThread = mainThreadShare(oursThreads, threadCpu());
const serviceAfter = await service.stats();
const oursMaxRss = process.resourceUsage().maxRSS * 1024;

const counts = await db
  .selectFrom('push_deliveries')
  .select(['status', db.fn.countAll<number>().as('n')])
  .where('update_id', '=', updateId)
  .groupBy('status')
  .execute();
const latencyRows = await db
  .selectFrom('push_deliveries')
  .select(['created_at', 'finished_at'])
  .where('update_id', '=', updateId)
  .where('status', '=', 'delivered')
  .execute();
const latencies = Float64Array.from(
  latencyRows.map((r) => Date.parse(r.finished_at ?? r.created_at) - Date.parse(r.created_at)),
).sort();
const delivered = Number(counts.find((c) => c.status === 'delivered')?.n ?? 0);
const oursRate = (delivered / oursMs) * 1000;
const serviceCpuPerMessage =
  (serviceAfter.cpuMicros.user +
    serviceAfter.cpuMicros.system -
    serviceBefore.cpuMicros.user -
    serviceBefore.cpuMicros.system) /
  Math.max(1, serviceAfter.delivered - serviceBefore.delivered);

console.log('\nours (API → outbox → sender):');
console.log(`  deliveries      ${counts.map((c) => `${c.status} ${fmt(Number(c.n))}`).join(', ')}`);
console.log(`  wall time       ${fmt(oursMs)} ms (post → every delivery recorded)`);
console.log(`  deliveries/s    ${fmt(oursRate)}`);
console.log(
  `  enqueue→delivered p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms`,
);
console.log(
  `  peak RSS        ${mb(oursPeakRss)} sampled (${mb(baseRss)} before the update), maxRSS ${mb(oursMaxRss)}`,
);
console.log(
  `  CPU             ${fmt((oursCpuUsed.user + oursCpuUsed.system) / Math.max(1, delivered))} µs/delivery here (main thread ${fmt((oursByThread.main * 1e6) / Math.max(1, delivered))}, other threads ${fmt((oursByThread.others * 1e6) / Math.max(1, delivered))}), ${fmt(serviceCpuPerMessage)} µs/message in the push service`,
);

// --- Baseline: web-push's sendNotification over the same devices ---
if (!args['skip-baseline']) {
  const update = await db
    .selectFrom('push_updates')
    .select(['payload', 'ttl'])
    .where('id', '=', updateId)
    .executeTakeFirstOrThrow();
  const targets = await db
    .selectFrom('push_subscriptions')
    .select(['endpoint', 'p256dh', 'auth'])
    .where('clinic_id', '=', clinic.id)
    .orderBy('id')
    .execute();
  const baselineVapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:bench@pawtal.example' };
  const agent = new https.Agent({ keepAlive: true, maxSockets: inFlight, ca: service.caPem });
  const baselineLatencies = new Float64Array(targets.length);
  let next = 0;
  let baselineDelivered = 0;
  let baselineFailed = 0;
  const baselineCpu = process.cpuUsage();
  const baselineBefore = await service.stats();
  const baselineStarted = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < targets.length) {
        const index = next++;
        const target = targets[index];
        if (!target) continue;
        const started = performance.now();
        try {
          await webpush.sendNotification(
            { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
            update.payload,
            { vapidDetails: baselineVapid, TTL: update.ttl, agent, contentEncoding: 'aes128gcm' },
          );
          baselineDelivered += 1;
        } catch {
          baselineFailed += 1;
        }
        baselineLatencies[index] = performance.now() - started;
      }
    }),
  );
  const baselineMs = performance.now() - baselineStarted;
  const baselineCpuUsed = process.cpuUsage(baselineCpu);
  const baselineAfter = await service.stats();
  agent.destroy();
  baselineLatencies.sort();
  const baselineRate = (baselineDelivered / baselineMs) * 1000;
  const baselineServiceCpu =
    (baselineAfter.cpuMicros.user +
      baselineAfter.cpuMicros.system -
      baselineBefore.cpuMicros.user -
      baselineBefore.cpuMicros.system) /
    Math.max(1, baselineAfter.delivered - baselineBefore.delivered);

  console.log(`\nbaseline (web-push sendNotification, ${inFlight} in flight, keep-alive agent):`);
  console.log(
    `  deliveries      delivered ${fmt(baselineDelivered)}, failed ${fmt(baselineFailed)}`,
  );
  console.log(`  wall time       ${fmt(baselineMs)} ms`);
  console.log(`  deliveries/s    ${fmt(baselineRate)}`);
  console.log(
    `  call→answer     p50 ${fmt(percentile(baselineLatencies, 50))} ms, p99 ${fmt(percentile(baselineLatencies, 99))} ms (no database, no queueing)`,
  );
  console.log(
    `  CPU             ${fmt((baselineCpuUsed.user + baselineCpuUsed.system) / Math.max(1, baselineDelivered))} µs/delivery here, ${fmt(baselineServiceCpu)} µs/message in the push service`,
  );
  console.log(`\nratio ours / baseline: ${(oursRate / baselineRate).toFixed(2)}×`);
}

const serviceStats = await service.stats();
console.log(
  `\npush service process maxRSS ${mb(serviceStats.maxRssKb * 1024)} (not counted above)`,
);
console.log(
  'figures are from a shared 2-core machine; other processes running at the same time move them.',
);

await app.close();
await database.destroy();
await service.close();
fs.rmSync(dir, { recursive: true, force: true });
