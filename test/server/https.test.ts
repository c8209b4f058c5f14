import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { ManualClock } from '../../server/clock.ts';
import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';
import { seedDemoClinic } from '../../server/seed/demo-clinic.ts';
import { createTestDatabase } from '../support/test-database.ts';

let dir: string;
let app: FastifyInstance;
let database: Database;
let port: number;
const sent: string[] = [];

function request(
  method: string,
  urlPath: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port,
          path: urlPath,
          method,
          // The test's own self-signed certificate.
          rejectUnauthorized: false,
          headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
          );
        },
      );
      req.on('error', reject);
      req.end(body ? JSON.stringify(body) : undefined);
    },
  );
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pawtal-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const config = loadConfig({
    TLS_CERT_FILE: path.join(dir, 'cert.pem'),
    TLS_KEY_FILE: path.join(dir, 'key.pem'),
    WEB_ROOT: path.join(dir, 'no-web'),
  });
  const clock = new ManualClock('2026-11-23T17:00:00.000Z');
  database = await createTestDatabase();
  await seedDemoClinic(database, clock);
  app = await buildApp({
    config,
    database,
    clock,
    https: {
      cert: fs.readFileSync(config.tls!.certFile),
      key: fs.readFileSync(config.tls!.keyFile),
    },
    mailer: { send: async (m) => void sent.push(m.text) },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await app.close();
  await database.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('serving HTTPS directly', () => {
  test('the API answers over TLS with HSTS', async () => {
    const res = await request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).ok).toBe(true);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });

  test('the session cookie is Secure and bound to this origin with the __Host- prefix', async () => {
    await request('POST', '/api/auth/code', { clinic: 'dr-kim', email: 'tls@example.com' });
    await app.mailOutbox.drain();
    const code = /\b(\d{6})\b/.exec(sent.at(-1) ?? '')?.[1];
    const res = await request('POST', '/api/auth/verify', {
      clinic: 'dr-kim',
      email: 'tls@example.com',
      code,
    });
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-pawtal-session=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    const me = await request('GET', '/api/me', undefined, {
      cookie: cookie.split(';')[0] as string,
    });
    expect(me.status).toBe(200);
  });
});
