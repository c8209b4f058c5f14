import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  ConsentEventListSchema,
  PreferenceMatrixSchema,
} from '../../../src/contract/preferences.ts';
import { APP_ORIGIN, as, signIn, type SignedIn } from '../../support/sessions.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
let owner: SignedIn;

beforeEach(async () => {
  t = await createTestApp();
  owner = await signIn(t, 'maria@example.com');
});
afterEach(() => t.close());

const CHANNELS = ['email', 'sms', 'push'] as const;

async function optIntoPartnerOffers(who: SignedIn = owner) {
  const res = await as(t, who).put('/api/me/preferences', {
    changes: CHANNELS.map((channel) => ({ category: 'partner-offers', channel, enabled: true })),
  });
  expect(res.statusCode, res.body).toBe(200);
}

const withGpc = (url: string, who: SignedIn = owner) =>
  t.app.inject({ url, headers: { cookie: who.cookie, 'sec-gpc': '1' } });

async function preferences(who: SignedIn = owner) {
  return PreferenceMatrixSchema.parse((await as(t, who).get('/api/me/preferences')).json());
}

const partnerOffers = async (who: SignedIn = owner) =>
  (await preferences(who)).matrix
    .filter((c) => c.category === 'partner-offers')
    .map((c) => c.enabled);

async function gpcEvents(who: SignedIn = owner) {
  const all = ConsentEventListSchema.parse((await as(t, who).get('/api/me/consent-events')).json());
  return all.filter((e) => e.source === 'gpc');
}

describe('Global Privacy Control', () => {
  test('Sec-GPC: 1 on a signed-in owner’s request switches partner offers off everywhere and says when', async () => {
    await optIntoPartnerOffers();
    t.clock.advance(60_000);
    const res = await withGpc('/api/me/pets');
    expect(res.statusCode, res.body).toBe(200);
    expect(await partnerOffers()).toEqual([false, false, false]);
    const { gpcHonouredAt, matrix } = await preferences();
    expect(gpcHonouredAt).toBe('2026-11-23T17:01:00.000Z');
    expect(matrix.find((c) => c.category === 'partner-offers')?.reason).toMatch(
      /Global Privacy Control/,
    );
    const events = await gpcEvents();
    expect(events.map((e) => [e.channel, e.previous, e.enabled, e.at])).toEqual(
      expect.arrayContaining([
        ['email', true, false, '2026-11-23T17:01:00.000Z'],
        ['sms', true, false, '2026-11-23T17:01:00.000Z'],
        ['push', true, false, '2026-11-23T17:01:00.000Z'],
      ]),
    );
    expect(events).toHaveLength(3);
  });

  test('the header on the preferences request itself is honoured before the answer', async () => {
    await optIntoPartnerOffers();
    const res = await withGpc('/api/me/preferences');
    const body = PreferenceMatrixSchema.parse(res.json());
    expect(body.gpcHonouredAt).toBe('2026-11-23T17:00:00.000Z');
    expect(body.matrix.filter((c) => c.category === 'partner-offers' && c.enabled)).toEqual([]);
  });

  test('the signal is idempotent: more requests with it record nothing more', async () => {
    await optIntoPartnerOffers();
    await withGpc('/api/me/preferences');
    t.clock.advance(60_000);
    await withGpc('/api/me/preferences');
    await withGpc('/api/me/consent-events');
    expect(await gpcEvents()).toHaveLength(3);
    expect((await preferences()).gpcHonouredAt).toBe('2026-11-23T17:00:00.000Z');
  });

  test('POST /api/me/gpc does the same, for browsers whose app sees navigator.globalPrivacyControl', async () => {
    await optIntoPartnerOffers();
    const first = await as(t, owner).post('/api/me/gpc', {});
    expect(first.statusCode, first.body).toBe(204);
    expect(await partnerOffers()).toEqual([false, false, false]);
    expect(await gpcEvents()).toHaveLength(3);
    const again = await as(t, owner).post('/api/me/gpc', {});
    expect(again.statusCode).toBe(204);
    expect(await gpcEvents()).toHaveLength(3);
  });

  test('with partner offers already off, the signal is recorded as honoured without consent events', async () => {
    await withGpc('/api/me/preferences');
    expect((await preferences()).gpcHonouredAt).toBe('2026-11-23T17:00:00.000Z');
    expect(await gpcEvents()).toEqual([]);
  });

  test('a later opt-in by the owner stands: the next signed request does not undo it', async () => {
    await withGpc('/api/me/preferences');
    await optIntoPartnerOffers();
    await withGpc('/api/me/preferences');
    expect(await partnerOffers()).toEqual([true, true, true]);
  });

  test('the signal touches nothing but partner offers', async () => {
    await as(t, owner).put('/api/me/preferences', {
      changes: [{ category: 'marketing', channel: 'email', enabled: true }],
    });
    const before = (await preferences()).matrix.filter((c) => c.category !== 'partner-offers');
    await withGpc('/api/me/preferences');
    expect((await preferences()).matrix.filter((c) => c.category !== 'partner-offers')).toEqual(
      before,
    );
  });

  test('requests outside /api/me/*, from staff or without a session are left alone', async () => {
    await optIntoPartnerOffers();
    await t.app.inject({
      url: '/api/clinics/dr-kim',
      headers: { cookie: owner.cookie, 'sec-gpc': '1' },
    });
    await t.app.inject({ url: '/api/me/preferences', headers: { 'sec-gpc': '1' } });
    const staff = await signIn(t, 'frontdesk@dr-kim.example');
    await t.app.inject({ url: '/api/me', headers: { cookie: staff.cookie, 'sec-gpc': '1' } });
    expect(await partnerOffers()).toEqual([true, true, true]);
    expect((await preferences()).gpcHonouredAt).toBeNull();
  });

  test('one owner’s signal changes nobody else’s preferences', async () => {
    const other = await signIn(t, 'tom@example.com');
    await optIntoPartnerOffers(other);
    await t.app.inject({
      method: 'POST',
      url: '/api/me/gpc',
      payload: {},
      headers: { cookie: owner.cookie, origin: APP_ORIGIN },
    });
    expect(await partnerOffers(other)).toEqual([true, true, true]);
    expect((await preferences(other)).gpcHonouredAt).toBeNull();
  });
});
