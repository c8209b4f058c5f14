import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { DataExportSchema } from '../../../src/contract/requests.ts';
import { as, signIn } from '../../support/sessions.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { fileRequest, FRONT_DESK, staffActionOk, stepUp } from './request-helpers.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ now: '2026-11-23T17:00:00.000Z' });
});
afterEach(() => t.close());

test('the export needs a fresh step-up code', async () => {
  const maria = await signIn(t, 'maria@example.com');
  for (const url of ['/api/me/export', '/api/me/export?format=zip']) {
    const res = await as(t, maria).get(url);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('step-up-required');
  }
  expect((await t.app.inject({ method: 'GET', url: '/api/me/export' })).statusCode).toBe(401);
});

test('the export holds everything the test created about the owner, and nobody else', async () => {
  const maria = await signIn(t, 'maria@example.com');
  await as(t, maria).patch('/api/me/profile', { name: 'Maria Lopez', phone: '+15550100123' });
  await as(t, maria).post('/api/me/pets', { name: 'Rex', species: 'dog', birthDate: '2019-05-01' });
  await as(t, maria).post('/api/me/pets', { name: 'Mia', species: 'cat', birthDate: null });
  await as(t, maria).put('/api/me/preferences', {
    changes: [{ category: 'marketing', channel: 'email', enabled: true }],
  });
  const request = await fileRequest(t, maria, { type: 'portability', details: { note: 'JSON' } });
  const staff = await signIn(t, FRONT_DESK);
  await staffActionOk(t, staff, request.id, 'extend', { reason: 'Archive restore needed.' });
  const other = await signIn(t, 'other@example.com');
  await as(t, other).post('/api/me/pets', { name: 'Stranger', species: 'bird', birthDate: null });

  await stepUp(t, maria);
  const res = await as(t, maria).get('/api/me/export');
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('application/json');
  expect(res.headers['content-disposition']).toBe(
    'attachment; filename="pawtal-data-dr-kim-2026-11-23.json"',
  );
  const data = DataExportSchema.parse(res.json());
  expect(data).toMatchObject({
    schemaVersion: 1,
    generatedAt: '2026-11-23T17:00:00.000Z',
    clinic: { slug: 'dr-kim', name: "Dr. Kim's Veterinary Clinic" },
  });
  const s = data.sections;
  expect(Object.keys(s)).toEqual(
    expect.arrayContaining([
      'profile',
      'pets',
      'preferences',
      'consentEvents',
      'requests',
      'accountEvents',
      'signIns',
    ]),
  );
  expect(s.profile).toEqual([
    expect.objectContaining({
      id: maria.userId,
      email: 'maria@example.com',
      name: 'Maria Lopez',
      phone: '+15550100123',
      clinic: 'dr-kim',
    }),
  ]);
  expect(s.pets?.map((p) => [p.name, p.species, p.birthDate])).toEqual([
    ['Rex', 'dog', '2019-05-01'],
    ['Mia', 'cat', null],
  ]);
  expect(s.preferences).toHaveLength(18);
  expect(s.preferences).toContainEqual(
    expect.objectContaining({ category: 'marketing', channel: 'email', enabled: true }),
  );
  expect(s.consentEvents).toEqual([
    expect.objectContaining({
      category: 'marketing',
      channel: 'email',
      enabled: true,
      previous: false,
      source: 'app',
    }),
  ]);
  expect(s.requests).toEqual([
    expect.objectContaining({
      reference: request.reference,
      type: 'portability',
      status: 'extended',
      extensionReason: 'Archive restore needed.',
      details: { note: 'JSON' },
      timeline: [
        expect.objectContaining({ kind: 'received', actor: 'owner' }),
        expect.objectContaining({ kind: 'verified', actor: 'system' }),
        expect.objectContaining({ kind: 'extended', actor: 'staff' }),
      ],
    }),
  ]);
  expect(s.accountEvents?.map((e) => e.kind)).toEqual([
    'account-created',
    'age-confirmed',
    'profile-updated',
    'pet-added',
    'pet-added',
  ]);
  expect(s.signIns).toHaveLength(1);
  expect(res.headers['x-export-items']).toBe(
    String(Object.values(s).reduce((n, rows) => n + rows.length, 0)),
  );
  expect(res.body).not.toContain('other@example.com');
  expect(res.body).not.toContain('Stranger');
});

test('the one-download ZIP opens with unzip and holds JSON, a readable page and CSVs', async () => {
  const maria = await signIn(t, 'maria@example.com');
  await as(t, maria).patch('/api/me/profile', { name: 'Maria <b>Lopez</b>, "M"' });
  await as(t, maria).post('/api/me/pets', { name: 'Rex', species: 'dog', birthDate: null });
  await stepUp(t, maria);
  const res = await as(t, maria).get('/api/me/export?format=zip');
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/zip');
  expect(res.headers['content-disposition']).toContain('.zip"');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pawtal-export-'));
  try {
    const file = path.join(dir, 'export.zip');
    fs.writeFileSync(file, res.rawPayload);
    const tested = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(tested).toContain('No errors detected');
    execFileSync('unzip', ['-q', file, '-d', dir]);
    const data = DataExportSchema.parse(
      JSON.parse(fs.readFileSync(path.join(dir, 'data.json'), 'utf8')),
    );
    expect(data.sections.profile?.[0]?.name).toBe('Maria <b>Lopez</b>, "M"');
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(html).toContain('Maria &lt;b&gt;Lopez&lt;/b&gt;, &quot;M&quot;');
    expect(html).not.toContain('<b>Lopez</b>');
    const pets = fs.readFileSync(path.join(dir, 'csv', 'pets.csv'), 'utf8');
    expect(pets.split('\r\n')[0]).toBe('id,name,species,birthDate,createdAt,updatedAt,more');
    expect(pets).toContain(',Rex,dog,,');
    const profile = fs.readFileSync(path.join(dir, 'csv', 'profile.csv'), 'utf8');
    expect(profile).toContain('"Maria <b>Lopez</b>, ""M"""');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a long consent history (20,000 events) is exported in full, streamed page by page', async () => {
  const maria = await signIn(t, 'maria@example.com');
  const clinic = await t.database.kysely
    .selectFrom('clinics')
    .select('id')
    .where('slug', '=', 'dr-kim')
    .executeTakeFirstOrThrow();
  const at = t.clock.now().toISOString();
  const rows = Array.from({ length: 20_000 }, (_, i) => ({
    clinic_id: clinic.id,
    user_id: maria.userId,
    category: 'marketing',
    channel: 'email',
    enabled: i % 2,
    previous: (i + 1) % 2,
    source: 'app',
    at,
    policy_version: 1,
    actor_user_id: null,
  }));
  for (let i = 0; i < rows.length; i += 1000) {
    await t.database.kysely
      .insertInto('consent_events')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
  await stepUp(t, maria);
  const res = await as(t, maria).get('/api/me/export');
  expect(res.statusCode).toBe(200);
  const data = DataExportSchema.parse(res.json());
  const events = data.sections.consentEvents ?? [];
  expect(events).toHaveLength(20_000);
  // Keyset pages join up with nothing lost or repeated.
  const ids = events.map((e) => e.id as number);
  expect(new Set(ids).size).toBe(20_000);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  expect(Number(res.headers['x-export-items'])).toBeGreaterThan(20_000);
}, 30_000);
