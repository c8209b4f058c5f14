import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { ManualClock } from '../../server/clock.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';
import type { Mailer } from '../../server/mail/mailer.ts';
import { seedDemoClinic } from '../../server/seed/demo-clinic.ts';
import { createTestDatabase } from './test-database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: ManualClock;
  config: Config;
  /** What the in-memory mailer was given (empty when a real mailer was passed). */
  sentMail: SentMail[];
  close(): Promise<void>;
}

export type SentMail = Parameters<Mailer['send']>[0];

export interface TestAppOptions {
  /** Where the clock starts. Default: 2026-11-23T17:00:00Z (9 am in Los Angeles). */
  now?: string;
  /** Seed the demo clinic (default true). */
  seed?: boolean;
  /** Serve a built app from this folder (default: none, API only). */
  webRoot?: string;
  env?: Record<string, string>;
  /** Default: a mailer that keeps messages in `sentMail`. */
  mailer?: Mailer;
}

/** `buildApp()` on a freshly migrated database, with a clock the test controls. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = new ManualClock(options.now ?? '2026-11-23T17:00:00.000Z');
  const database = await createTestDatabase();
  if (options.seed !== false) await seedDemoClinic(database, clock);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: path.join('.tmp', 'unused'),
    WEB_ROOT: options.webRoot ?? path.join('.tmp', 'no-web-root'),
    ...options.env,
  });
  const sentMail: SentMail[] = [];
  const mailer: Mailer = options.mailer ?? {
    async send(message) {
      sentMail.push(message);
    },
  };
  const app = await buildApp({ config, database, clock, mailer });
  await app.ready();
  return {
    app,
    database,
    clock,
    config,
    sentMail,
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}
