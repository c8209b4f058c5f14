import { afterEach, beforeEach, expect, test } from 'vitest';
import { AccountEventListSchema, PetListSchema, PetSchema } from '../../../src/contract/account.ts';
import { as, signIn, type SignedIn } from '../../support/sessions.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  // 23 Nov 2026, 9 am in Los Angeles.
  t = await createTestApp({ now: '2026-11-23T17:00:00.000Z' });
});
afterEach(() => t.close());

async function timeline(who: SignedIn) {
  return AccountEventListSchema.parse((await as(t, who).get('/api/me/activity')).json());
}

async function addRex(who: SignedIn) {
  const res = await as(t, who).post('/api/me/pets', {
    name: ' Rex ',
    species: 'dog',
    birthDate: '2019-05-04',
  });
  expect(res.statusCode, res.body).toBe(201);
  return PetSchema.parse(res.json());
}

test('owner adds, corrects and removes a pet, and each step is in the timeline', async () => {
  const maria = await signIn(t, 'maria@example.com');

  const rex = await addRex(maria);
  expect(rex).toMatchObject({ name: 'Rex', species: 'dog', birthDate: '2019-05-04' });
  expect(PetListSchema.parse((await as(t, maria).get('/api/me/pets')).json())).toEqual([rex]);

  t.clock.advance(60_000);
  const dated = await as(t, maria).patch(`/api/me/pets/${rex.id}`, { birthDate: '2019-06-04' });
  expect(dated.statusCode, dated.body).toBe(200);
  expect(PetSchema.parse(dated.json())).toEqual({
    ...rex,
    birthDate: '2019-06-04',
    updatedAt: t.clock.now().toISOString(),
  });

  const renamed = await as(t, maria).patch(`/api/me/pets/${rex.id}`, {
    name: 'Max',
    species: 'dog',
  });
  expect(renamed.json()).toMatchObject({ name: 'Max', species: 'dog', birthDate: '2019-06-04' });

  const removed = await as(t, maria).delete(`/api/me/pets/${rex.id}`);
  expect(removed.statusCode).toBe(204);
  expect((await as(t, maria).get('/api/me/pets')).json()).toEqual([]);

  const events = await timeline(maria);
  expect(events.map((e) => [e.kind, e.changes, e.actor])).toEqual([
    [
      'pet-removed',
      [
        { field: 'pet', from: 'Max', to: null },
        { field: 'name', from: 'Max', to: null },
        { field: 'species', from: 'dog', to: null },
        { field: 'birthDate', from: '2019-06-04', to: null },
      ],
      'owner',
    ],
    [
      'pet-updated',
      [
        { field: 'pet', from: 'Rex', to: 'Max' },
        { field: 'name', from: 'Rex', to: 'Max' },
      ],
      'owner',
    ],
    [
      'pet-updated',
      [
        { field: 'pet', from: 'Rex', to: 'Rex' },
        { field: 'birthDate', from: '2019-05-04', to: '2019-06-04' },
      ],
      'owner',
    ],
    [
      'pet-added',
      [
        { field: 'pet', from: null, to: 'Rex' },
        { field: 'name', from: null, to: 'Rex' },
        { field: 'species', from: null, to: 'dog' },
        { field: 'birthDate', from: null, to: '2019-05-04' },
      ],
      'owner',
    ],
    ['age-confirmed', [], 'owner'],
    ['account-created', [], 'owner'],
  ]);
});

test('a pet without a known birth date can be added, and a birth date cleared', async () => {
  const maria = await signIn(t, 'maria@example.com');
  const added = await as(t, maria).post('/api/me/pets', {
    name: 'Kiwi',
    species: 'bird',
    birthDate: null,
  });
  expect(added.statusCode).toBe(201);
  expect(added.json()).toMatchObject({ name: 'Kiwi', species: 'bird', birthDate: null });

  const rex = await addRex(maria);
  const cleared = await as(t, maria).patch(`/api/me/pets/${rex.id}`, { birthDate: null });
  expect(cleared.json()).toMatchObject({ birthDate: null });
  const [latest] = await timeline(maria);
  expect(latest?.changes).toEqual([
    { field: 'pet', from: 'Rex', to: 'Rex' },
    { field: 'birthDate', from: '2019-05-04', to: null },
  ]);
  const names = PetListSchema.parse((await as(t, maria).get('/api/me/pets')).json()).map(
    (p) => p.name,
  );
  expect(names).toEqual(['Kiwi', 'Rex']);
});

test('saving a pet unchanged writes nothing to the timeline', async () => {
  const maria = await signIn(t, 'maria@example.com');
  const rex = await addRex(maria);
  const before = await timeline(maria);

  t.clock.advance(60_000);
  const same = await as(t, maria).patch(`/api/me/pets/${rex.id}`, {
    name: 'Rex ',
    species: 'dog',
    birthDate: '2019-05-04',
  });
  expect(same.statusCode).toBe(200);
  expect(same.json()).toEqual(rex);
  expect((await as(t, maria).patch(`/api/me/pets/${rex.id}`, {})).json()).toEqual(rex);
  expect(await timeline(maria)).toEqual(before);
});

test('a birth date in the future is refused; today is fine', async () => {
  const maria = await signIn(t, 'maria@example.com');

  const tomorrow = await as(t, maria).post('/api/me/pets', {
    name: 'Bun',
    species: 'rabbit',
    birthDate: '2026-11-24',
  });
  expect(tomorrow.statusCode).toBe(400);
  expect(tomorrow.json()).toEqual({
    code: 'invalid-birth-date',
    message: 'A birth date cannot be in the future.',
  });
  expect((await as(t, maria).get('/api/me/pets')).json()).toEqual([]);

  const today = await as(t, maria).post('/api/me/pets', {
    name: 'Bun',
    species: 'rabbit',
    birthDate: '2026-11-23',
  });
  expect(today.statusCode).toBe(201);

  const rex = await addRex(maria);
  const later = await as(t, maria).patch(`/api/me/pets/${rex.id}`, { birthDate: '2027-01-01' });
  expect(later.statusCode).toBe(400);
  expect(later.json()).toMatchObject({ code: 'invalid-birth-date' });
  expect((await timeline(maria))[0]).toMatchObject({ kind: 'pet-added' });

  // The day after, in UTC, the same date is in the past.
  t.clock.set('2026-11-24T00:00:00.000Z');
  const next = await as(t, maria).patch(`/api/me/pets/${rex.id}`, { birthDate: '2026-11-24' });
  expect(next.statusCode).toBe(200);
});

test('a pet that is not one is refused with a readable message', async () => {
  const maria = await signIn(t, 'maria@example.com');
  const cases = [
    [{ name: '   ', species: 'dog', birthDate: null }, /Give your pet a name/],
    [{ name: 'Rex', species: 'dragon', birthDate: null }, /"species"/],
    [{ name: 'Rex', species: 'dog', birthDate: '2023-02-30' }, /"birthDate"/],
    [{ name: 'Rex', species: 'dog' }, /"birthDate"/],
  ] as const;
  for (const [payload, message] of cases) {
    const res = await as(t, maria).post('/api/me/pets', payload);
    expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'invalid-request',
      message: expect.stringMatching(message),
    });
  }
  const badId = await as(t, maria).patch('/api/me/pets/rex', { name: 'Max' });
  expect(badId.statusCode).toBe(400);
  expect(badId.json()).toMatchObject({ code: 'invalid-request' });
});

test('another owner cannot see, correct or remove my pets: they do not exist for them', async () => {
  const maria = await signIn(t, 'maria@example.com');
  const sam = await signIn(t, 'sam@example.com');
  const rex = await addRex(maria);
  const missing = await as(t, sam).patch('/api/me/pets/999999', { name: 'Max' });

  expect((await as(t, sam).get('/api/me/pets')).json()).toEqual([]);
  const patched = await as(t, sam).patch(`/api/me/pets/${rex.id}`, { name: 'Stolen' });
  expect(patched.statusCode).toBe(404);
  expect(patched.json()).toEqual(missing.json());
  const deleted = await as(t, sam).delete(`/api/me/pets/${rex.id}`);
  expect(deleted.statusCode).toBe(404);
  expect(deleted.json()).toEqual({
    code: 'not-found',
    message: 'There is no such pet on your account.',
  });

  expect((await as(t, maria).get('/api/me/pets')).json()).toEqual([rex]);
  expect((await timeline(sam)).map((e) => e.kind)).toEqual(['age-confirmed', 'account-created']);
  expect((await timeline(maria)).map((e) => e.kind)).toContain('pet-added');
});
