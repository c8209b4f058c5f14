import { afterEach, beforeEach, expect, test } from 'vitest';
import { AccountEventListSchema } from '../../../src/contract/account.ts';
import { UserSchema } from '../../../src/contract/auth.ts';
import { as, signIn } from '../../support/sessions.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function activity(who: Awaited<ReturnType<typeof signIn>>) {
  const res = await as(t, who).get('/api/me/activity');
  expect(res.statusCode, res.body).toBe(200);
  return AccountEventListSchema.parse(res.json());
}

test('owner corrects name and phone, and the timeline shows old and new values', async () => {
  const maria = await signIn(t, 'maria@example.com');

  const first = await as(t, maria).patch('/api/me/profile', {
    name: '  Maria Lopez ',
    phone: '+1 (555) 010-0123',
  });
  expect(first.statusCode, first.body).toBe(200);
  expect(UserSchema.parse(first.json())).toMatchObject({
    id: maria.userId,
    email: 'maria@example.com',
    name: 'Maria Lopez',
    phone: '+15550100123',
  });

  t.clock.advance(60_000);
  const second = await as(t, maria).patch('/api/me/profile', { name: 'Maria López' });
  expect(second.json()).toMatchObject({ name: 'Maria López', phone: '+15550100123' });

  const [latest, earlier] = await activity(maria);
  expect(latest).toMatchObject({
    kind: 'profile-updated',
    actor: 'owner',
    at: t.clock.now().toISOString(),
    changes: [{ field: 'name', from: 'Maria Lopez', to: 'Maria López' }],
  });
  expect(earlier).toMatchObject({
    kind: 'profile-updated',
    changes: [
      { field: 'name', from: null, to: 'Maria Lopez' },
      { field: 'phone', from: null, to: '+15550100123' },
    ],
  });

  const me = await as(t, maria).get('/api/me');
  expect(me.json()).toMatchObject({ name: 'Maria López', phone: '+15550100123' });
});

test('clearing the phone with an empty string records the old number going away', async () => {
  const maria = await signIn(t, 'maria@example.com');
  await as(t, maria).patch('/api/me/profile', { phone: '555 010 0123' });

  const cleared = await as(t, maria).patch('/api/me/profile', { phone: '' });
  expect(cleared.json()).toMatchObject({ phone: null });
  const [latest] = await activity(maria);
  expect(latest?.changes).toEqual([{ field: 'phone', from: '5550100123', to: null }]);
});

test('saving the same values again writes nothing to the timeline', async () => {
  const maria = await signIn(t, 'maria@example.com');
  await as(t, maria).patch('/api/me/profile', { name: 'Maria', phone: '+15550100123' });
  const before = await activity(maria);
  const row = () =>
    t.database.kysely
      .selectFrom('users')
      .select('updated_at')
      .where('id', '=', maria.userId)
      .executeTakeFirstOrThrow();
  const updatedAt = (await row()).updated_at;

  t.clock.advance(60_000);
  const res = await as(t, maria).patch('/api/me/profile', {
    name: ' Maria ',
    phone: '+1 555 010 0123',
  });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({ name: 'Maria', phone: '+15550100123' });
  expect(await activity(maria)).toEqual(before);
  expect((await row()).updated_at).toBe(updatedAt);
});

test('a phone number that is not one is refused with a readable message', async () => {
  const maria = await signIn(t, 'maria@example.com');
  const res = await as(t, maria).patch('/api/me/profile', { phone: 'call me maybe' });
  expect(res.statusCode).toBe(400);
  expect(res.json()).toEqual({
    code: 'invalid-request',
    message: expect.stringMatching(/"phone".*Enter a phone number such as \+1 555 010 0123/),
  });
  expect((await as(t, maria).get('/api/me')).json()).toMatchObject({ phone: null });
});

test('an empty correction is refused as having nothing to change', async () => {
  const maria = await signIn(t, 'maria@example.com');
  const res = await as(t, maria).patch('/api/me/profile', {});
  expect(res.statusCode).toBe(400);
  expect(res.json()).toMatchObject({
    code: 'invalid-request',
    message: expect.stringMatching(/Nothing to change/),
  });
});
