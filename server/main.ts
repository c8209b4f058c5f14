import fs from 'node:fs';
import { buildApp } from './app.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';
import { databaseTargetFor, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { DEMO_STAFF_EMAIL, seedDemoClinic } from './seed/demo-clinic.ts';

/** config → db → migrate → seed → listen; and a graceful shutdown on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const https = config.tls && {
    cert: fs.readFileSync(config.tls.certFile),
    key: fs.readFileSync(config.tls.keyFile),
  };
  const database = openDatabase(databaseTargetFor(config));
  await migrateToLatest(database);
  const seeded = await seedDemoClinic(database, systemClock);

  const app = await buildApp({
    config,
    database,
    clock: systemClock,
    ...(https ? { https } : {}),
    logger: { level: config.logLevel },
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: closing`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close(); // also stops the mail and push outboxes (sends in flight are recorded)
    await database.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  app.mailOutbox.start();
  app.pushOutbox.start();
  const scheme = https ? 'https' : 'http';
  const shownHost =
    config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`;
  console.log(
    [
      '',
      `  pawtal is running at ${scheme}://${shownHost}:${port}/`,
      `  Database: ${where}${seeded ? ' (demo clinic seeded)' : ''}`,
      `  Demo clinic: ${scheme}://${shownHost}:${port}/c/${config.defaultClinic}/`,
      `  Staff sign-in: ${DEMO_STAFF_EMAIL}`,
      config.smtpUrl
        ? `  Mail goes out through ${new URL(config.smtpUrl).host}.`
        : '  No SMTP_URL is set: sign-in codes and every other mail are printed here.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
