import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PreferenceMatrixSchema } from '../../../src/contract/preferences.ts';
import { addSecondClinic, as, signIn, type SignedIn } from '../../support/sessions.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
let owner: SignedIn;

beforeEach(async () => {
  t = await createTestApp();
  owner = await signIn(t, 'maria@example.com');
});
afterEach(() => t.close());

const OWN_ROUTES = [
  { method: 'GET', url: '/api/me/preferences' },
  {
    method: 'PUT',
    url: '/api/me/preferences',
    payload: { changes: [{ category: 'marketing', channel: 'email', enabled: true }] },
  },
  { method: 'GET', url: '/api/me/consent-events' },
  { method: 'POST', url: '/api/me/gpc', payload: {} },
] as const;

async function changeMine() {
  const res = await as(t, owner).put('/api/me/preferences', {
    changes: [
      { category: 'marketing', channel: 'email', enabled: true },
      { category: 'reminders', channel: 'sms', enabled: false },
    ],
  });
  expect(res.statusCode).toBe(200);
}

describe('who may see and change preferences', () => {
  test('without a session every preferences route answers 401', async () => {
    for (const route of OWN_ROUTES) {
      const res = await t.app.inject({
        method: route.method,
        url: route.url,
        ...('payload' in route ? { payload: route.payload } : {}),
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.json().code).toBe('unauthenticated');
    }
  });

  test('staff have no preferences of their own here: 403 owners-only', async () => {
    const staff = await signIn(t, 'frontdesk@dr-kim.example');
    for (const route of OWN_ROUTES) {
      const res =
        route.method === 'GET'
          ? await as(t, staff).get(route.url)
          : route.method === 'PUT'
            ? await as(t, staff).put(route.url, route.payload)
            : await as(t, staff).post(route.url, route.payload);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(res.json().code).toBe('owners-only');
    }
  });

  test('an owner who has not confirmed their age gets 403 age-confirmation-required', async () => {
    const young = await signIn(t, 'new@example.com', { confirmAge: false });
    const res = await as(t, young).get('/api/me/preferences');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('age-confirmation-required');
  });

  test('another owner of the same clinic never sees my preferences or my history', async () => {
    await changeMine();
    const other = await signIn(t, 'tom@example.com');
    const theirs = PreferenceMatrixSchema.parse(
      (await as(t, other).get('/api/me/preferences')).json(),
    );
    const marketing = theirs.matrix.find(
      (c) => c.category === 'marketing' && c.channel === 'email',
    );
    const reminders = theirs.matrix.find((c) => c.category === 'reminders' && c.channel === 'sms');
    expect(marketing?.enabled).toBe(false);
    expect(reminders?.enabled).toBe(true);
    expect((await as(t, other).get('/api/me/consent-events')).json()).toEqual([]);
  });

  test('another owner’s changes and GPC signal only ever touch their own preferences', async () => {
    const other = await signIn(t, 'tom@example.com');
    const before = (await as(t, owner).get('/api/me/preferences')).json();
    await as(t, other).put('/api/me/preferences', {
      changes: [
        { category: 'reminders', channel: 'email', enabled: false },
        { category: 'partner-offers', channel: 'email', enabled: true },
      ],
    });
    await as(t, other).post('/api/me/gpc', {});
    expect((await as(t, owner).get('/api/me/preferences')).json()).toEqual(before);
    expect((await as(t, owner).get('/api/me/consent-events')).json()).toEqual([]);
  });

  test('an owner of another clinic sees only their own preferences and history', async () => {
    await changeMine();
    const second = await addSecondClinic(t);
    const elsewhere = await signIn(t, 'maria@example.com', { clinic: second.slug });
    expect(elsewhere.userId).not.toBe(owner.userId);
    expect((await as(t, elsewhere).get('/api/me/consent-events')).json()).toEqual([]);
    const res = await as(t, elsewhere).put('/api/me/preferences', {
      changes: [{ category: 'surveys', channel: 'email', enabled: true }],
    });
    expect(res.statusCode).toBe(200);
    const mine = (await as(t, owner).get('/api/me/consent-events')).json() as unknown[];
    expect(mine).toHaveLength(2);
  });

  test('a change sent with the session cookie from another origin is refused', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/me/preferences',
      payload: { changes: [{ category: 'marketing', channel: 'email', enabled: true }] },
      headers: { cookie: owner.cookie, origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('origin-not-allowed');
    expect((await as(t, owner).get('/api/me/consent-events')).json()).toEqual([]);
  });

  test('every route is described in the OpenAPI document with a tag and a summary', async () => {
    const doc = (await t.app.inject({ url: '/api/docs' })).json() as {
      paths: Record<string, Record<string, { tags?: string[]; summary?: string }>>;
    };
    const expected = [
      ['/api/me/preferences', 'get'],
      ['/api/me/preferences', 'put'],
      ['/api/me/consent-events', 'get'],
      ['/api/me/gpc', 'post'],
      ['/api/clinics/{clinic}/consent-events.csv', 'get'],
      ['/api/unsubscribe/{token}', 'get'],
      ['/api/unsubscribe/{token}', 'post'],
      ['/api/sms/inbound', 'post'],
    ] as const;
    for (const [path, method] of expected) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation?.tags?.length).toBeGreaterThan(0);
      expect(operation?.summary).toBeTruthy();
    }
  });
});
