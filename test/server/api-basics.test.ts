import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ClinicSchema } from '../../src/contract/clinic.ts';
import { HealthSchema } from '../../src/contract/health.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health and clinic', () => {
  test('health reports the database dialect and version', async () => {
    const res = await t.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    const body = HealthSchema.parse(res.json());
    expect(body).toEqual({
      ok: true,
      db: process.env.DATABASE_URL ? 'postgres' : 'sqlite',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  test('the demo clinic runs under both regimes in Los Angeles', async () => {
    const res = await t.app.inject('/api/clinics/dr-kim');
    expect(res.statusCode).toBe(200);
    expect(ClinicSchema.parse(res.json())).toMatchObject({
      slug: 'dr-kim',
      name: "Dr. Kim's Veterinary Clinic",
      timeZone: 'America/Los_Angeles',
      regimes: ['gdpr', 'ccpa'],
      contactEmail: expect.stringContaining('@'),
    });
  });

  test('an unknown clinic is a 404 with a code and a message', async () => {
    const res = await t.app.inject('/api/clinics/nobody-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'not-found', message: expect.any(String) });
  });

  test('a malformed clinic slug is a 400 invalid-request, never a stack trace', async () => {
    const res = await t.app.inject('/api/clinics/NOT_A_SLUG');
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('invalid-request');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  test('an unknown API route is a JSON 404, never the app shell', async () => {
    for (const url of ['/api/nope', '/api/clinics/dr-kim/nope/deeper', '/api']) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.json().code).toBe('not-found');
    }
  });

  test('the OpenAPI document lists the public routes', async () => {
    const res = await t.app.inject('/api/docs');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/clinics/{clinic}',
        '/api/clinics/{clinic}/policies',
        '/api/clinics/{clinic}/policies/{policyId}/versions',
        '/api/clinics/{clinic}/policies/{policyId}/versions/{version}',
        '/api/clinics/{clinic}/policies/{policyId}/diff',
      ]),
    );
  });
});
