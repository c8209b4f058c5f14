import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { systemClock, type Clock } from '../../server/clock.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase, type Database } from '../../server/db/database.ts';
import type { Mailer } from '../../server/mail/mailer.ts';
import type { PushSenderFactory } from '../../server/push/push-wiring.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { precompress } from '../../server/scripts/precompress.ts';
import { seedDemoClinic } from '../../server/seed/demo-clinic.ts';

/**
 * The production build that `npm run test:e2e` makes before the suite runs. E2E_DIST points
 * elsewhere, so that two builds in one checkout (one per suite being worked on) do not clobber
 * each other: `vite build --outDir dist-x && E2E_DIST=dist-x vitest run --project e2e …`.
 */
export const DIST = path.resolve(process.env.E2E_DIST ?? 'dist');

export type SentMail = Parameters<Mailer['send']>[0];

export interface E2eServer {
  /** The origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** An absolute URL on this server. */
  url(pathname: string): string;
  /** The folder the server serves the app from: a private copy of dist/. */
  webRoot: string;
  database: Database;
  clock: Clock;
  app: FastifyInstance;
  /** What the server would have mailed (empty when the test passed its own mailer). */
  sentMail: SentMail[];
  /** Copies another build over the served one, as a deploy that replaces files in place. */
  deploy(buildDir: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real server, listening, with a SQLite file database seeded with the demo clinic and a
 * private copy of the production build, so a test may deploy a rebuild without touching dist/.
 * The clock is the system clock: the browser's `Date.now()` cannot be moved from here, and the
 * two must agree on what "in effect" means.
 */
export async function startE2eServer(
  options: {
    /** Where mail goes, e.g. `createSmtpMailer(smtp.url)`. Default: kept in `sentMail`. */
    mailer?: Mailer;
    /** More environment for the server's config, e.g. `PUSH_ALLOWED_ORIGINS`. */
    env?: Record<string, string>;
    /** The Web Push sender, e.g. one that trusts the local push service's test CA. */
    pushSender?: PushSenderFactory;
  } = {},
): Promise<E2eServer> {
  await assertBuilt(DIST);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pawtal-e2e-'));
  const webRoot = path.join(tmp, 'web');
  await fs.cp(DIST, webRoot, { recursive: true });

  const database = openDatabase({ kind: 'sqlite', file: path.join(tmp, 'data', 'pawtal.sqlite') });
  await migrateToLatest(database);
  await seedDemoClinic(database, systemClock);

  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: path.join(tmp, 'data'),
    WEB_ROOT: webRoot,
    HOST: '127.0.0.1',
    PORT: '0',
    ...options.env,
  });
  const sentMail: SentMail[] = [];
  const mailer: Mailer = options.mailer ?? {
    async send(message) {
      sentMail.push(message);
    },
  };
  const app = await buildApp({
    config,
    database,
    clock: systemClock,
    mailer,
    ...(options.pushSender ? { pushSender: options.pushSender } : {}),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('The server has no port.');
  const origin = `http://127.0.0.1:${address.port}`;

  return {
    origin,
    url: (pathname) => new URL(pathname, origin).href,
    webRoot,
    database,
    clock: systemClock,
    app,
    sentMail,
    async deploy(buildDir) {
      await fs.cp(buildDir, webRoot, { recursive: true, force: true });
    },
    async close() {
      await app.close();
      await database.destroy();
      await fs.rm(tmp, { recursive: true, force: true });
    },
  };
}

async function assertBuilt(dir: string): Promise<void> {
  try {
    await fs.access(path.join(dir, 'sw.js'));
    await fs.access(path.join(dir, 'index.html'));
  } catch {
    throw new Error(
      `No production build in ${dir}. Run \`npm run test:e2e\` (it builds first) or \`npm run build\`.`,
    );
  }
}

/**
 * A second production build from the same sources, as a deploy would make it: `vite build`
 * into a temp folder with extra environment, then precompressed like `npm run build`.
 * Returns the folder; the caller removes it.
 */
export async function buildVariant(env: Record<string, string>): Promise<string> {
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pawtal-e2e-build-'));
  const vite = path.resolve('node_modules', 'vite', 'bin', 'vite.js');
  try {
    await run(
      process.execPath,
      [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
      { ...process.env, ...env },
    );
  } catch (error) {
    await fs.rm(outDir, { recursive: true, force: true });
    throw error;
  }
  await precompress(outDir);
  return outDir;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(args[0] ?? command)} exited with ${code}:\n${output}`)),
    );
  });
}
