import { afterEach, beforeEach, expect, test } from 'vitest';
import { DataExportSchema } from '../../../src/contract/requests.ts';
import type { ErasureSubject, OwnerNotice } from '../../../server/requests/privacy-registry.ts';
import { as, signIn } from '../../support/sessions.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { fileRequest, FRONT_DESK, staffActionOk, stepUp } from './request-helpers.ts';

let t: TestApp;
const notices: OwnerNotice[] = [];
const erased: ErasureSubject[] = [];

beforeEach(async () => {
  t = await createTestApp({ now: '2026-11-23T17:00:00.000Z' });
  notices.length = 0;
  erased.length = 0;
  // What the push module does when it is wired: its own export sections, its erasure step and
  // a notifier for request status changes.
  t.app.privacyRegistry.registerExportSection({
    name: 'devicesTest',
    title: 'Devices (test)',
    count: async () => 2,
    async *rows(userId) {
      yield { userId, label: 'Chrome on Android' };
      yield { userId, label: 'Safari on iPhone' };
    },
  });
  t.app.privacyRegistry.registerErasureStep({
    name: 'test-step',
    run: async (trx, subject) => {
      // It runs inside the erasure's transaction, before the account is anonymised.
      const user = await trx
        .selectFrom('users')
        .select('email')
        .where('id', '=', subject.userId)
        .executeTakeFirstOrThrow();
      expect(user.email).toBe('maria@example.com');
      erased.push(subject);
    },
  });
  t.app.privacyRegistry.onOwnerNotice((notice) => {
    notices.push(notice);
  });
});
afterEach(() => t.close());

test('sections other modules register appear in the export and its item count', async () => {
  const maria = await signIn(t, 'maria@example.com');
  await stepUp(t, maria);
  const res = await as(t, maria).get('/api/me/export');
  const data = DataExportSchema.parse(res.json());
  expect(data.sections.devicesTest).toEqual([
    { userId: maria.userId, label: 'Chrome on Android' },
    { userId: maria.userId, label: 'Safari on iPhone' },
  ]);
  const rows = Object.values(data.sections).reduce((n, s) => n + s.length, 0);
  expect(res.headers['x-export-items']).toBe(String(rows));
});

test('registered erasure steps run with every address the account used', async () => {
  const maria = await signIn(t, 'maria@example.com');
  await as(t, maria).patch('/api/me/profile', { name: 'Maria', phone: '+15550100123' });
  await stepUp(t, maria);
  const request = await fileRequest(t, maria, { type: 'erasure' });
  const staff = await signIn(t, FRONT_DESK);
  await staffActionOk(t, staff, request.id, 'complete');
  expect(erased).toEqual([
    {
      userId: maria.userId,
      clinicId: expect.any(Number),
      emails: ['maria@example.com'],
      phones: ['+15550100123'],
      names: ['Maria'],
    },
  ]);
});

test('status changes reach the owner notifiers, with the request page to open', async () => {
  const maria = await signIn(t, 'maria@example.com');
  const request = await fileRequest(t, maria, { type: 'access' });
  const staff = await signIn(t, FRONT_DESK);
  await staffActionOk(t, staff, request.id, 'extend', { reason: 'Two archives to search.' });
  await staffActionOk(t, staff, request.id, 'complete');
  expect(notices.map((n) => [n.status, n.userId, n.reference])).toEqual([
    ['verified', maria.userId, request.reference],
    ['extended', maria.userId, request.reference],
    ['completed', maria.userId, request.reference],
  ]);
  expect(notices[1]?.url).toBe(`/c/dr-kim/account/privacy/requests/${request.id}`);
});

test('a notifier that fails does not fail the request, and names are unique', async () => {
  t.app.privacyRegistry.onOwnerNotice(() => {
    throw new Error('push service down');
  });
  const maria = await signIn(t, 'maria@example.com');
  await fileRequest(t, maria, { type: 'portability' });
  expect(notices).toHaveLength(1);
  expect(() =>
    t.app.privacyRegistry.registerExportSection({
      name: 'devicesTest',
      title: 'again',
      count: async () => 0,
      async *rows() {},
    }),
  ).toThrow(/twice/);
});

test('the request routes are documented under their own tag', async () => {
  const docs = (await t.app.inject({ method: 'GET', url: '/api/docs' })).json();
  expect(Object.keys(docs.paths)).toEqual(
    expect.arrayContaining([
      '/api/me/requests',
      '/api/me/requests/{id}',
      '/api/me/export',
      '/api/clinics/{clinic}/requests',
      '/api/clinics/{clinic}/requests/{id}/extend',
      '/api/clinics/{clinic}/requests/{id}/identity',
    ]),
  );
  expect(docs.paths['/api/me/requests'].post.tags).toEqual(['requests']);
});
