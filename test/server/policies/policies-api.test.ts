import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  PolicyDiffSchema,
  PolicyListSchema,
  PolicyVersionListSchema,
  PolicyVersionSchema,
} from '../../../src/contract/policy.ts';
import { runPolicyImport, UsageError } from '../../../server/scripts/policy-import.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
let tmp: string;
const seedText = () => fs.readFile('server/seed/clinic-privacy-policy.txt', 'utf8');

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-23T17:00:00.000Z' });
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pawtal-policy-'));
});
afterAll(async () => {
  await t.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

const get = async (url: string) => {
  const res = await t.app.inject(url);
  return { status: res.statusCode, body: res.json(), headers: res.headers };
};

const importVersion = async (text: string, effective: string, summary?: string) => {
  const file = path.join(tmp, `v-${Math.random().toString(36).slice(2)}.txt`);
  await fs.writeFile(file, text);
  const args = ['--clinic', 'dr-kim', '--kind', 'clinic', '--file', file, '--effective', effective];
  return runPolicyImport(summary ? [...args, '--summary', summary] : args, {
    database: t.database,
    clock: t.clock,
  });
};

describe('the seeded documents', () => {
  test('the demo clinic lists its own policy as controller and Kontak as processor', async () => {
    const { status, body } = await get('/api/clinics/dr-kim/policies');
    expect(status).toBe(200);
    const policies = PolicyListSchema.parse(body);
    expect(policies.map((p) => [p.id, p.kind, p.role, p.publisher])).toEqual([
      ['clinic-privacy', 'clinic', 'controller', "Dr. Kim's Veterinary Clinic"],
      ['vendor-privacy', 'vendor', 'processor', 'Kontak'],
    ]);
    expect(policies.every((p) => p.current.version === 1 && p.upcoming === null)).toBe(true);
  });

  test("the clinic's policy is effective from April 7, 2020 in Los Angeles", async () => {
    const policies = PolicyListSchema.parse((await get('/api/clinics/dr-kim/policies')).body);
    // Midnight on 7 April 2020 in Los Angeles (PDT, UTC-7).
    expect(policies[0]?.current.effectiveAt).toBe('2020-04-07T07:00:00.000Z');
  });

  test('a version comes back section by section, with paragraphs and list items kept', async () => {
    const { status, body, headers } = await get(
      '/api/clinics/dr-kim/policies/clinic-privacy/versions/1',
    );
    expect(status).toBe(200);
    expect(headers['cache-control']).toMatch(/public/);
    const version = PolicyVersionSchema.parse(body);
    expect(version.sections.length).toBeGreaterThan(10);
    const all = version.sections.map((s) => s.text).join('\n\n');
    expect(all).toMatch(/\n\n/);
    expect(all).toMatch(/^• /m);
    expect(all).not.toMatch(/Push Notifications are disabled/);
  });

  test('the vendor policy keeps its numbered sub-items inside their section', async () => {
    const version = PolicyVersionSchema.parse(
      (await get('/api/clinics/dr-kim/policies/vendor-privacy/versions/1')).body,
    );
    const collects = version.sections.find((s) =>
      /What information does Kontak collect/.test(s.heading),
    );
    expect(collects?.text).toMatch(/^1\. All users:/m);
    expect(collects?.text).toMatch(/^5\. Any information that you voluntarily provide/m);
  });

  test('unknown documents and versions are 404s with a message', async () => {
    expect((await get('/api/clinics/dr-kim/policies/nope/versions')).status).toBe(404);
    const missing = await get('/api/clinics/dr-kim/policies/clinic-privacy/versions/99');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      code: 'not-found',
      message: expect.stringMatching(/version 99/),
    });
    expect((await get('/api/clinics/nowhere/policies')).status).toBe(404);
  });

  test('a version number that is not a positive whole number is a 400', async () => {
    const res = await get('/api/clinics/dr-kim/policies/clinic-privacy/versions/zero');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid-request');
  });
});

describe('a new version, announced before it takes effect', () => {
  test('is upcoming until its effective date, then current, and the archive keeps both', async () => {
    const text = (await seedText()).replace(
      'We collect information about you when you register for an account',
      'We collect information about you and your pets when you register for an account',
    );
    const result = await importVersion(
      text,
      '2026-12-24',
      'Pets are now named in the profile section.',
    );
    expect(result).toMatchObject({ policyId: 'clinic-privacy', version: 2 });
    // Start of 24 December in Los Angeles (PST, UTC-8).
    expect(result.effectiveAt).toBe('2026-12-24T08:00:00.000Z');
    expect(result.publishedAt).toBe('2026-11-23T17:00:00.000Z');

    let policies = PolicyListSchema.parse((await get('/api/clinics/dr-kim/policies')).body);
    expect(policies[0]?.current.version).toBe(1);
    expect(policies[0]?.upcoming).toEqual({
      version: 2,
      publishedAt: '2026-11-23T17:00:00.000Z',
      effectiveAt: '2026-12-24T08:00:00.000Z',
    });

    t.clock.set('2026-12-24T07:59:59.999Z');
    policies = PolicyListSchema.parse((await get('/api/clinics/dr-kim/policies')).body);
    expect(policies[0]?.current.version).toBe(1);

    t.clock.set('2026-12-24T08:00:00.000Z');
    policies = PolicyListSchema.parse((await get('/api/clinics/dr-kim/policies')).body);
    expect(policies[0]?.current.version).toBe(2);
    expect(policies[0]?.upcoming).toBeNull();

    const archive = PolicyVersionListSchema.parse(
      (await get('/api/clinics/dr-kim/policies/clinic-privacy/versions')).body,
    );
    expect(archive.map((v) => v.version)).toEqual([2, 1]);
    expect(archive[0]?.summary).toBe('Pets are now named in the profile section.');
    t.clock.set('2026-11-23T17:00:00.000Z');
  });

  test('the diff shows the inserted words in the changed section only', async () => {
    const { status, body } = await get(
      '/api/clinics/dr-kim/policies/clinic-privacy/diff?from=1&to=2',
    );
    expect(status).toBe(200);
    const diff = PolicyDiffSchema.parse(body);
    expect(diff.stats.changed).toBe(1);
    expect(diff.stats.added + diff.stats.removed).toBe(0);
    const changed = diff.sections.filter((s) => s.status === 'changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]?.parts.filter((p) => p.op === 'insert').map((p) => p.text.trim())).toEqual([
      'and your pets',
    ]);
  });

  test('a diff needs two different existing versions', async () => {
    const same = await get('/api/clinics/dr-kim/policies/clinic-privacy/diff?from=2&to=2');
    expect(same.status).toBe(400);
    expect(same.body.code).toBe('same-version');
    expect((await get('/api/clinics/dr-kim/policies/clinic-privacy/diff?from=1&to=7')).status).toBe(
      404,
    );
    const bad = await get('/api/clinics/dr-kim/policies/clinic-privacy/diff?from=one');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid-request');
  });

  test('a later version may not take effect today or earlier: owners get notice first', async () => {
    await expect(importVersion(await seedText(), '2026-11-23')).rejects.toMatchObject({
      code: 'effective-date-too-early',
    });
  });
});

describe('policy:import', () => {
  test('refuses missing arguments, a bad kind and a bad date with a readable message', async () => {
    const deps = { database: t.database, clock: t.clock };
    await expect(runPolicyImport(['--clinic', 'dr-kim'], deps)).rejects.toThrow(
      /Missing --kind, --file, --effective/,
    );
    await expect(
      runPolicyImport(
        ['--clinic', 'dr-kim', '--kind', 'other', '--file', 'x', '--effective', '2027-01-01'],
        deps,
      ),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(
      runPolicyImport(
        ['--clinic', 'dr-kim', '--kind', 'clinic', '--file', 'x', '--effective', '2027-02-30'],
        deps,
      ),
    ).rejects.toThrow(/--effective must be a date/);
    await expect(
      runPolicyImport(
        [
          '--clinic',
          'dr-kim',
          '--kind',
          'clinic',
          '--file',
          '/nonexistent',
          '--effective',
          '2027-01-01',
        ],
        deps,
      ),
    ).rejects.toThrow(/Cannot read \/nonexistent: ENOENT/);
  });

  test('refuses an unknown clinic and a text with no structure', async () => {
    await expect(importVersion('', '2027-01-01')).rejects.toMatchObject({
      code: 'invalid-policy-text',
    });
    const deps = { database: t.database, clock: t.clock };
    await expect(
      runPolicyImport(
        ['--clinic', 'elsewhere', '--kind', 'clinic', '--file', 'x', '--effective', '2027-01-01'],
        deps,
      ),
    ).rejects.toMatchObject({ code: 'not-found' });
  });
});
