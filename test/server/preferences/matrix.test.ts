import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  ConsentEventListSchema,
  PreferenceMatrixSchema,
  type Category,
  type Channel,
  type PreferenceCell,
} from '../../../src/contract/preferences.ts';
import { as, signIn, type SignedIn } from '../../support/sessions.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
let owner: SignedIn;

beforeEach(async () => {
  t = await createTestApp();
  owner = await signIn(t, 'maria@example.com');
});
afterEach(() => t.close());

async function matrix(who: SignedIn = owner) {
  const res = await as(t, who).get('/api/me/preferences');
  expect(res.statusCode, res.body).toBe(200);
  return PreferenceMatrixSchema.parse(res.json());
}

const cell = (cells: PreferenceCell[], category: Category, channel: Channel) => {
  const found = cells.find((c) => c.category === category && c.channel === channel);
  if (!found) throw new Error(`no ${category}/${channel} cell`);
  return found;
};

const enabledCells = (cells: PreferenceCell[]) =>
  cells.filter((c) => c.enabled).map((c) => `${c.category}/${c.channel}`);

async function events(who: SignedIn = owner) {
  return ConsentEventListSchema.parse((await as(t, who).get('/api/me/consent-events')).json());
}

describe('defaults', () => {
  test('a new owner sees every category on every channel, with the demo clinic defaults', async () => {
    const { matrix: cells, gpcHonouredAt } = await matrix();
    expect(cells).toHaveLength(18);
    expect(enabledCells(cells)).toEqual([
      'service/email',
      'service/sms',
      'service/push',
      'reminders/email',
      'reminders/sms',
      'reminders/push',
      'clinic-news/email',
      'clinic-news/push',
    ]);
    expect(gpcHonouredAt).toBeNull();
    expect(await events()).toEqual([]);
  });

  test('service messages are on and locked on every channel, saying why and what closing the account means', async () => {
    const { matrix: cells } = await matrix();
    for (const channel of ['email', 'sms', 'push'] as const) {
      const service = cell(cells, 'service', channel);
      expect(service).toMatchObject({ enabled: true, locked: true });
      expect(service.reason).toMatch(/part of having an account/);
      expect(service.reason).toMatch(/Closing your account stops them/);
    }
    expect(cells.filter((c) => c.locked)).toHaveLength(3);
  });

  test('marketing, surveys and partner offers are off until the owner turns them on', async () => {
    const { matrix: cells } = await matrix();
    for (const category of ['marketing', 'surveys', 'partner-offers'] as const) {
      for (const channel of ['email', 'sms', 'push'] as const) {
        expect(cell(cells, category, channel)).toMatchObject({ enabled: false, locked: false });
      }
    }
  });

  test("reminders and clinic news follow the clinic's own defaults, until the owner chooses", async () => {
    await as(t, owner).put('/api/me/preferences', {
      changes: [{ category: 'reminders', channel: 'push', enabled: false }],
    });
    await t.database.kysely
      .updateTable('clinics')
      .set({
        preference_defaults: JSON.stringify({
          reminders: { email: false, sms: false, push: true },
          'clinic-news': { email: false, sms: true, push: false },
        }),
      })
      .where('slug', '=', 'dr-kim')
      .execute();
    const { matrix: cells } = await matrix();
    expect(cell(cells, 'reminders', 'email').enabled).toBe(false);
    expect(cell(cells, 'reminders', 'sms').enabled).toBe(false);
    // The owner's own choice outlives the clinic's change of default.
    expect(cell(cells, 'reminders', 'push').enabled).toBe(false);
    expect(cell(cells, 'clinic-news', 'sms').enabled).toBe(true);
    expect(cell(cells, 'clinic-news', 'email').enabled).toBe(false);
  });

  test('a clinic default can never switch marketing, surveys or partner offers on', async () => {
    await t.database.kysely
      .updateTable('clinics')
      .set({
        preference_defaults: JSON.stringify({
          marketing: { email: true, sms: true, push: true },
          surveys: { email: true },
          'partner-offers': { push: true },
          service: { email: false },
        }),
      })
      .where('slug', '=', 'dr-kim')
      .execute();
    const { matrix: cells } = await matrix();
    expect(enabledCells(cells)).toEqual(['service/email', 'service/sms', 'service/push']);
  });
});

describe('changing preferences', () => {
  test('marketing is opted into one channel at a time; the other channels stay off', async () => {
    const res = await as(t, owner).put('/api/me/preferences', {
      changes: [{ category: 'marketing', channel: 'email', enabled: true }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const cells = PreferenceMatrixSchema.parse(res.json()).matrix;
    expect(cell(cells, 'marketing', 'email').enabled).toBe(true);
    expect(cell(cells, 'marketing', 'sms').enabled).toBe(false);
    expect(cell(cells, 'marketing', 'push').enabled).toBe(false);
    expect((await matrix()).matrix).toEqual(cells);
  });

  test('each channel of a category is switched independently of the others', async () => {
    await as(t, owner).put('/api/me/preferences', {
      changes: [
        { category: 'reminders', channel: 'sms', enabled: false },
        { category: 'surveys', channel: 'push', enabled: true },
      ],
    });
    const { matrix: cells } = await matrix();
    expect(cell(cells, 'reminders', 'sms').enabled).toBe(false);
    expect(cell(cells, 'reminders', 'email').enabled).toBe(true);
    expect(cell(cells, 'reminders', 'push').enabled).toBe(true);
    expect(cell(cells, 'surveys', 'push').enabled).toBe(true);
    expect(cell(cells, 'surveys', 'email').enabled).toBe(false);
  });

  test('switching a service cell off is refused with 409 locked, and nothing of the batch is applied', async () => {
    const before = await matrix();
    const res = await as(t, owner).put('/api/me/preferences', {
      changes: [
        { category: 'marketing', channel: 'email', enabled: true },
        { category: 'service', channel: 'sms', enabled: false },
        { category: 'reminders', channel: 'push', enabled: false },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'locked', message: expect.any(String) });
    expect(res.json().message).toMatch(/part of having an account/);
    expect(await matrix()).toEqual(before);
    expect(await events()).toEqual([]);
  });

  test('sending a locked cell back with the value it has is accepted and records nothing', async () => {
    const res = await as(t, owner).put('/api/me/preferences', {
      changes: [{ category: 'service', channel: 'email', enabled: true }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await events()).toEqual([]);
  });

  test('a change to the value a cell already has writes no consent event', async () => {
    const res = await as(t, owner).put('/api/me/preferences', {
      changes: [
        { category: 'reminders', channel: 'email', enabled: true },
        { category: 'marketing', channel: 'sms', enabled: false },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(await events()).toEqual([]);
  });

  test('a malformed change is a 400 and changes nothing', async () => {
    for (const body of [
      { changes: [] },
      { changes: [{ category: 'gossip', channel: 'email', enabled: true }] },
      { changes: [{ category: 'marketing', channel: 'fax', enabled: true }] },
      { changes: [{ category: 'marketing', channel: 'email', enabled: 'yes' }] },
      {},
    ]) {
      const res = await as(t, owner).put('/api/me/preferences', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('invalid-request');
    }
    expect(await events()).toEqual([]);
  });

  test('preferences are never cached by the browser or a proxy', async () => {
    const res = await as(t, owner).get('/api/me/preferences');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
