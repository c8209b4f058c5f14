import { afterEach, beforeEach, expect, test } from 'vitest';
import { DEMO_STAFF_EMAIL } from '../../../server/seed/demo-clinic.ts';
import { addSecondClinic, APP_ORIGIN, as, signIn } from '../../support/sessions.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

/** Every owner route, each with a valid body, so that only the caller decides the answer. */
const OWNER_ROUTES = [
  ['PATCH', '/api/me/profile', { name: 'Someone' }],
  ['POST', '/api/me/email-change', { email: 'new@example.com' }],
  ['POST', '/api/me/email-change/verify', { code: '123456' }],
  ['GET', '/api/me/pets', undefined],
  ['POST', '/api/me/pets', { name: 'Rex', species: 'dog', birthDate: null }],
  ['PATCH', '/api/me/pets/1', { name: 'Rex' }],
  ['DELETE', '/api/me/pets/1', undefined],
  ['GET', '/api/me/activity', undefined],
] as const;

const call = (route: (typeof OWNER_ROUTES)[number], cookie?: string) =>
  t.app.inject({
    method: route[0],
    url: route[1],
    ...(route[2] ? { payload: route[2] } : {}),
    headers: cookie ? { cookie, origin: APP_ORIGIN } : {},
  });

test('without a session every owner route answers 401', async () => {
  for (const route of OWNER_ROUTES) {
    const res = await call(route);
    expect(res.statusCode, route.join(' ')).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthenticated' });
  }
});

test('staff get 403 owners-only on the owner routes', async () => {
  const staff = await signIn(t, DEMO_STAFF_EMAIL);
  for (const route of OWNER_ROUTES) {
    const res = await call(route, staff.cookie);
    expect(res.statusCode, route.join(' ')).toBe(403);
    expect(res.json()).toMatchObject({ code: 'owners-only' });
  }
});

test('an owner who has not confirmed their age gets 403 age-confirmation-required', async () => {
  const newcomer = await signIn(t, 'newcomer@example.com', { confirmAge: false });
  for (const route of OWNER_ROUTES) {
    const res = await call(route, newcomer.cookie);
    expect(res.statusCode, route.join(' ')).toBe(403);
    expect(res.json()).toMatchObject({ code: 'age-confirmation-required' });
  }
  const pets = await t.database.kysely.selectFrom('pets').selectAll().execute();
  expect(pets).toEqual([]);
});

test('a change sent from another site is refused by the origin rule', async () => {
  const maria = await signIn(t, 'maria@example.com');
  const res = await t.app.inject({
    method: 'PATCH',
    url: '/api/me/profile',
    payload: { name: 'Mallory' },
    headers: { cookie: maria.cookie, origin: 'https://evil.example' },
  });
  expect(res.statusCode).toBe(403);
  expect(res.json()).toMatchObject({ code: 'origin-not-allowed' });
  expect((await as(t, maria).get('/api/me')).json()).toMatchObject({ name: null });
});

test('my /api/me routes only ever show me, even to the same address at another clinic', async () => {
  const { slug } = await addSecondClinic(t);
  const maria = await signIn(t, 'maria@example.com');
  const mariaElsewhere = await signIn(t, 'maria@example.com', { clinic: slug });
  await as(t, maria).patch('/api/me/profile', { name: 'Maria at Dr. Kim' });
  await as(t, maria).post('/api/me/pets', { name: 'Rex', species: 'dog', birthDate: null });

  expect((await as(t, mariaElsewhere).get('/api/me/pets')).json()).toEqual([]);
  const activity = (await as(t, mariaElsewhere).get('/api/me/activity')).json() as Array<{
    kind: string;
  }>;
  expect(activity.map((e) => e.kind)).toEqual(['age-confirmed', 'account-created']);
  const renamed = await as(t, mariaElsewhere).patch('/api/me/profile', { name: 'Maria North' });
  expect(renamed.json()).toMatchObject({
    id: mariaElsewhere.userId,
    clinic: slug,
    name: 'Maria North',
  });
  expect((await as(t, maria).get('/api/me')).json()).toMatchObject({ name: 'Maria at Dr. Kim' });
});

test('personal answers are never stored by a cache', async () => {
  const maria = await signIn(t, 'maria@example.com');
  for (const url of ['/api/me/pets', '/api/me/activity']) {
    expect((await as(t, maria).get(url)).headers['cache-control']).toBe('no-store');
  }
});

test('the owner routes are documented under account, with a summary and their schemas', async () => {
  const docs = (await t.app.inject({ url: '/api/docs' })).json() as {
    paths: Record<string, Record<string, { tags?: string[]; summary?: string; responses: object }>>;
  };
  for (const [method, path] of OWNER_ROUTES.map((r) => [r[0].toLowerCase(), r[1]] as const)) {
    const key = path.replace('/1', '/{id}');
    const operation = docs.paths[key]?.[method];
    expect(operation, `${method} ${key}`).toBeDefined();
    expect(operation?.tags).toEqual(['account']);
    expect(operation?.summary).toBeTruthy();
  }
  expect(Object.keys(docs.paths['/api/me/pets']?.post?.responses ?? {})).toContain('201');
});
