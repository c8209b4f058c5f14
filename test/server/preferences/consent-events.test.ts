import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ConsentEventListSchema } from '../../../src/contract/preferences.ts';
import { as, signIn, type SignedIn } from '../../support/sessions.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { ownerRef, preferencesServiceFor } from './preferences-service.ts';

let t: TestApp;
let owner: SignedIn;
const DAY = 24 * 3600 * 1000;

beforeEach(async () => {
  t = await createTestApp();
  owner = await signIn(t, 'maria@example.com');
});
afterEach(() => t.close());

async function events(who: SignedIn = owner) {
  const res = await as(t, who).get('/api/me/consent-events');
  expect(res.statusCode, res.body).toBe(200);
  return ConsentEventListSchema.parse(res.json());
}

const put = (changes: Array<{ category: string; channel: string; enabled: boolean }>) =>
  as(t, owner).put('/api/me/preferences', { changes });

/** Publishes version 2 of the demo clinic's own privacy policy, in force from `effectiveAt`. */
async function publishClinicPolicyVersion2(effectiveAt: Date) {
  const policy = await t.database.kysely
    .selectFrom('policies as p')
    .innerJoin('clinics as c', 'c.id', 'p.clinic_id')
    .select('p.id')
    .where('c.slug', '=', 'dr-kim')
    .where('p.kind', '=', 'clinic')
    .executeTakeFirstOrThrow();
  await t.database.kysely
    .insertInto('policy_versions')
    .values({
      policy_id: policy.id,
      version: 2,
      published_at: t.clock.now().toISOString(),
      effective_at: effectiveAt.toISOString(),
      summary: 'Version 2',
      sections: JSON.stringify([{ id: 'intro', heading: 'Intro', text: 'Changed.' }]),
    })
    .execute();
}

describe('the consent record', () => {
  test('each change is one event: old → new, source app, the server clock time, policy version 1', async () => {
    await put([{ category: 'marketing', channel: 'email', enabled: true }]);
    const [event] = await events();
    expect(event).toEqual({
      id: expect.any(Number),
      category: 'marketing',
      channel: 'email',
      enabled: true,
      previous: false,
      source: 'app',
      at: '2026-11-23T17:00:00.000Z',
      policyVersion: 1,
    });
  });

  test('switching a clinic default off records the default as the previous value', async () => {
    await put([{ category: 'reminders', channel: 'sms', enabled: false }]);
    expect(await events()).toMatchObject([
      { category: 'reminders', channel: 'sms', enabled: false, previous: true },
    ]);
  });

  test('the history is newest first, each event at the time the clock said', async () => {
    await put([{ category: 'marketing', channel: 'email', enabled: true }]);
    t.clock.advance(60_000);
    await put([{ category: 'surveys', channel: 'push', enabled: true }]);
    t.clock.advance(60_000);
    await put([{ category: 'marketing', channel: 'email', enabled: false }]);
    const history = await events();
    expect(history.map((e) => [e.category, e.channel, e.previous, e.enabled, e.at])).toEqual([
      ['marketing', 'email', true, false, '2026-11-23T17:02:00.000Z'],
      ['surveys', 'push', false, true, '2026-11-23T17:01:00.000Z'],
      ['marketing', 'email', false, true, '2026-11-23T17:00:00.000Z'],
    ]);
  });

  test('a batch of changes records one event per cell that changed', async () => {
    await put([
      { category: 'marketing', channel: 'email', enabled: true },
      { category: 'marketing', channel: 'push', enabled: true },
      { category: 'reminders', channel: 'email', enabled: true },
    ]);
    const history = await events();
    expect(history).toHaveLength(2);
    expect(history.map((e) => `${e.category}/${e.channel}`).sort()).toEqual([
      'marketing/email',
      'marketing/push',
    ]);
  });

  test('the policy version is the one in force at the moment: 1 while 2 is announced, 2 once it takes effect', async () => {
    await publishClinicPolicyVersion2(new Date(t.clock.now().getTime() + 10 * DAY));
    await put([{ category: 'marketing', channel: 'email', enabled: true }]);
    t.clock.advance(11 * DAY);
    await put([{ category: 'marketing', channel: 'email', enabled: false }]);
    expect((await events()).map((e) => e.policyVersion)).toEqual([2, 1]);
  });

  test('the vendor policy does not count: only the clinic’s own privacy policy', async () => {
    const vendor = await t.database.kysely
      .selectFrom('policies')
      .select('id')
      .where('kind', '=', 'vendor')
      .executeTakeFirstOrThrow();
    await t.database.kysely
      .insertInto('policy_versions')
      .values({
        policy_id: vendor.id,
        version: 2,
        published_at: t.clock.now().toISOString(),
        effective_at: t.clock.now().toISOString(),
        summary: 'Vendor v2',
        sections: '[]',
      })
      .execute();
    await put([{ category: 'marketing', channel: 'email', enabled: true }]);
    expect((await events())[0]?.policyVersion).toBe(1);
  });

  test('the record keeps whose preference it was and which staff member changed it', async () => {
    const preferences = await preferencesServiceFor(t);
    const staff = await t.database.kysely
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'frontdesk@dr-kim.example')
      .executeTakeFirstOrThrow();
    await preferences.update(
      await ownerRef(t, owner.userId),
      [{ category: 'clinic-news', channel: 'email', enabled: false }],
      { source: 'staff', staffUserId: staff.id },
    );
    await put([{ category: 'marketing', channel: 'email', enabled: true }]);
    const rows = await t.database.kysely
      .selectFrom('consent_events')
      .select(['user_id', 'actor_user_id', 'source'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { user_id: owner.userId, actor_user_id: staff.id, source: 'staff' },
      { user_id: owner.userId, actor_user_id: null, source: 'app' },
    ]);
    expect((await events()).map((e) => e.source)).toEqual(['app', 'staff']);
  });

  test('a refused batch records nothing', async () => {
    const res = await put([
      { category: 'marketing', channel: 'email', enabled: true },
      { category: 'service', channel: 'email', enabled: false },
    ]);
    expect(res.statusCode).toBe(409);
    expect(await events()).toEqual([]);
  });
});
