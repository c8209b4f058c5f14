import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  PrivacyRequestListSchema,
  StaffRequestDetailSchema,
  StaffRequestListSchema,
} from '../../../src/contract/requests.ts';
import { addSecondClinic, as, signIn } from '../../support/sessions.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import {
  fileRequest,
  FRONT_DESK,
  lastMailTo,
  ownRequest,
  staffAction,
  staffActionOk,
  stepUp,
} from './request-helpers.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ now: '2026-11-23T17:00:00.000Z' });
});
afterEach(() => t.close());

describe('queue', () => {
  test('staff see open requests soonest due first, with owner, days left and filters', async () => {
    const maria = await signIn(t, 'maria@example.com');
    await as(t, maria).patch('/api/me/profile', { name: 'Maria Lopez', phone: '+15550100123' });
    const first = await fileRequest(t, maria, { type: 'access' });
    t.clock.set('2026-11-25T17:00:00.000Z');
    const ben = await signIn(t, 'ben@example.com');
    const second = await fileRequest(t, ben, { type: 'portability' });
    const staff = await signIn(t, FRONT_DESK);
    // The second request is extended, so its due date moves after the first one's.
    await staffActionOk(t, staff, first.id, 'extend', { reason: 'Records are in two systems.' });

    const res = await as(t, staff).get('/api/clinics/dr-kim/requests');
    expect(res.statusCode, res.body).toBe(200);
    const queue = StaffRequestListSchema.parse(res.json());
    expect(queue.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(queue[0]).toMatchObject({
      effectiveDueAt: '2026-12-26T07:59:59.999Z',
      daysLeft: 30,
      isOverdue: false,
      subject: { userId: ben.userId, email: 'ben@example.com' },
    });
    expect(queue[1]).toMatchObject({
      status: 'extended',
      effectiveDueAt: '2027-02-22T07:59:59.999Z',
      subject: { name: 'Maria Lopez', email: 'maria@example.com', phone: '+15550100123' },
    });

    const access = StaffRequestListSchema.parse(
      (await as(t, staff).get('/api/clinics/dr-kim/requests?type=access')).json(),
    );
    expect(access.map((r) => r.id)).toEqual([first.id]);
    const extended = StaffRequestListSchema.parse(
      (await as(t, staff).get('/api/clinics/dr-kim/requests?status=extended')).json(),
    );
    expect(extended.map((r) => r.id)).toEqual([first.id]);
    const bad = await as(t, staff).get('/api/clinics/dr-kim/requests?status=lost');
    expect(bad.statusCode).toBe(400);

    // Past its due date a request shows overdue.
    t.clock.set('2026-12-27T17:00:00.000Z');
    const later = await signIn(t, FRONT_DESK);
    const overdue = StaffRequestListSchema.parse(
      (await as(t, later).get('/api/clinics/dr-kim/requests')).json(),
    );
    expect(overdue[0]).toMatchObject({ id: second.id, isOverdue: true, daysLeft: -2 });
  });

  test("another clinic's staff cannot see or act on this clinic's requests", async () => {
    const maria = await signIn(t, 'maria@example.com');
    const request = await fileRequest(t, maria, { type: 'access' });
    const north = await addSecondClinic(t);
    const otherStaff = await signIn(t, north.staffEmail, { clinic: north.slug });

    for (const res of [
      await as(t, otherStaff).get('/api/clinics/dr-kim/requests'),
      await as(t, otherStaff).get(`/api/clinics/dr-kim/requests/${request.id}`),
      await staffAction(t, otherStaff, request.id, 'complete'),
      await staffAction(t, otherStaff, request.id, 'extend', { reason: 'Because of reasons.' }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('staff-only');
    }
    // Through their own clinic's address, the request does not exist.
    const viaOwn = await as(t, otherStaff).get(`/api/clinics/${north.slug}/requests/${request.id}`);
    expect(viaOwn.statusCode).toBe(404);
    const actOwn = await staffAction(
      t,
      otherStaff,
      request.id,
      'deny',
      { reason: 'Not ours at all.' },
      north.slug,
    );
    expect(actOwn.statusCode).toBe(404);
    expect((await ownRequest(t, maria, request.id)).status).toBe('verified');
  });
});

describe('extension', () => {
  test('staff extend once inside the first period; the owner is told why and sees it', async () => {
    let maria = await signIn(t, 'maria@example.com');
    const request = await fileRequest(t, maria, { type: 'access' });
    t.clock.set('2026-12-24T07:59:59.999Z');
    const staff = await signIn(t, FRONT_DESK);

    const extended = await staffActionOk(t, staff, request.id, 'extend', {
      reason: 'Your records span two practice systems.',
    });
    expect(extended).toMatchObject({
      status: 'extended',
      dueAt: '2026-12-24T07:59:59.999Z',
      // CCPA's 90 days (21 Feb) beat GDPR's two further months (23 Feb).
      extendedDueAt: '2027-02-22T07:59:59.999Z',
      extensionReason: 'Your records span two practice systems.',
    });
    expect(extended.timeline.at(-1)).toMatchObject({
      kind: 'extended',
      actor: 'staff',
      actorName: 'Front desk',
      at: '2026-12-24T07:59:59.999Z',
      note: 'Your records span two practice systems.',
    });

    const mail = await lastMailTo(t, 'maria@example.com', /more time/);
    expect(mail.text).toContain('Sun 21 Feb 2027');
    expect(mail.text).toContain('Why: Your records span two practice systems.');

    const twice = await staffAction(t, staff, request.id, 'extend', { reason: 'Even more time.' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('already-extended');

    maria = await signIn(t, 'maria@example.com');
    const seen = await ownRequest(t, maria, request.id);
    expect(seen.timeline.map((e) => e.kind)).toEqual(['received', 'verified', 'extended']);
    expect(seen.timeline.at(-1)).not.toHaveProperty('actorName');
  });

  test('extending after the first period ends is refused', async () => {
    const maria = await signIn(t, 'maria@example.com');
    const request = await fileRequest(t, maria, { type: 'portability' });
    t.clock.set('2026-12-24T08:00:00.000Z');
    const staff = await signIn(t, FRONT_DESK);
    const res = await staffAction(t, staff, request.id, 'extend', { reason: 'We were busy.' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'extension-too-late',
      extensionNoticeBy: '2026-12-24T07:59:59.999Z',
    });
    const detail = StaffRequestDetailSchema.parse(
      (await as(t, staff).get(`/api/clinics/dr-kim/requests/${request.id}`)).json(),
    );
    expect(detail).toMatchObject({ status: 'verified', extendedDueAt: null });
  });

  test('an extension needs a reason', async () => {
    const maria = await signIn(t, 'maria@example.com');
    const request = await fileRequest(t, maria, { type: 'access' });
    const staff = await signIn(t, FRONT_DESK);
    const res = await staffAction(t, staff, request.id, 'extend', {});
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid-request');
  });
});

describe('completion and refusal', () => {
  test('completing an access request attaches the export, which the owner downloads', async () => {
    const maria = await signIn(t, 'maria@example.com');
    await as(t, maria).post('/api/me/pets', { name: 'Rex', species: 'dog', birthDate: null });
    const request = await fileRequest(t, maria, { type: 'access' });
    let staff = await signIn(t, FRONT_DESK);
    await staffActionOk(t, staff, request.id, 'start');
    t.clock.advance(3 * 86_400_000);
    staff = await signIn(t, FRONT_DESK);
    const done = await staffActionOk(t, staff, request.id, 'complete', {
      note: 'Here is everything we hold.',
    });
    expect(done).toMatchObject({
      status: 'completed',
      completedAt: '2026-11-26T17:00:00.000Z',
      exportUrl: `/api/me/requests/${request.id}/export`,
      // Kept 24 months after it ends (11 CCR §7101).
      retainUntil: '2028-11-26T17:00:00.000Z',
    });
    expect(done.timeline.map((e) => [e.kind, e.actor])).toEqual([
      ['received', 'owner'],
      ['verified', 'system'],
      ['in-progress', 'staff'],
      ['completed', 'staff'],
    ]);
    const mail = await lastMailTo(t, 'maria@example.com', /is complete/);
    expect(mail.text).toContain('From the clinic: Here is everything we hold.');

    const seen = await ownRequest(t, maria, request.id);
    expect(seen.exportUrl).toBe(`/api/me/requests/${request.id}/export`);
    const locked = await as(t, maria).get(seen.exportUrl as string);
    expect(locked.statusCode).toBe(403);
    expect(locked.json().code).toBe('step-up-required');
    await stepUp(t, maria);
    const download = await as(t, maria).get(seen.exportUrl as string);
    expect(download.statusCode).toBe(200);
    const data = download.json();
    expect(data.schemaVersion).toBe(1);
    expect(data.sections.profile[0].email).toBe('maria@example.com');
    expect(data.sections.pets.map((p: { name: string }) => p.name)).toEqual(['Rex']);
    expect(data.sections.requests[0].reference).toBe(request.reference);

    const again = await staffAction(t, staff, request.id, 'complete');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('request-closed');
  });

  test('a refusal gives the reasons and the right to complain, by mail and in the app', async () => {
    const maria = await signIn(t, 'maria@example.com');
    const request = await fileRequest(t, maria, { type: 'portability' });
    const staff = await signIn(t, FRONT_DESK);
    const denied = await staffActionOk(t, staff, request.id, 'deny', {
      reason: 'This repeats a request answered last week.',
    });
    expect(denied).toMatchObject({
      status: 'denied',
      denialReason: 'This repeats a request answered last week.',
    });
    expect(denied.rightToComplain).toMatch(/supervisory authority/);
    expect(denied.rightToComplain).toMatch(/judicial remedy/);

    const mail = await lastMailTo(t, 'maria@example.com', /was refused/);
    expect(mail.text).toContain('Why: This repeats a request answered last week.');
    expect(mail.text).toContain('supervisory authority');
    expect(mail.text).toContain('judicial remedy');

    const seen = await ownRequest(t, maria, request.id);
    expect(seen.rightToComplain).toMatch(/supervisory authority/);
    expect(seen.nextSteps).toMatch(/judicial remedy/);

    for (const action of ['verify', 'start', 'complete'] as const) {
      const res = await staffAction(t, staff, request.id, action);
      expect(res.statusCode, action).toBe(409);
      expect(res.json().code, action).toBe('request-closed');
    }
    const extend = await staffAction(t, staff, request.id, 'extend', { reason: 'Too late now.' });
    expect(extend.json().code).toBe('request-closed');
  });

  test('invalid transitions are refused with a code', async () => {
    const maria = await signIn(t, 'maria@example.com');
    const request = await fileRequest(t, maria, { type: 'access' });
    const staff = await signIn(t, FRONT_DESK);
    const verify = await staffAction(t, staff, request.id, 'verify');
    expect(verify.statusCode).toBe(409);
    expect(verify.json().code).toBe('already-verified');
    await staffActionOk(t, staff, request.id, 'start');
    const startAgain = await staffAction(t, staff, request.id, 'start');
    expect(startAgain.statusCode).toBe(409);
    expect(startAgain.json().code).toBe('invalid-transition');
    const missing = await staffAction(t, staff, 999_999, 'complete');
    expect(missing.statusCode).toBe(404);
  });

  test('rectification: staff see old and new values, and completing applies the name', async () => {
    const maria = await signIn(t, 'maria@example.com');
    await as(t, maria).patch('/api/me/profile', { name: 'Maria Lopes' });
    const request = await fileRequest(t, maria, {
      type: 'rectification',
      details: {
        note: 'My surname is misspelt, and Rex was born in 2019.',
        corrections: [
          { field: 'name', old: 'Maria Lopes', new: 'Maria Lopez' },
          { field: 'pet Rex: birth date', old: '2018-05-01', new: '2019-05-01' },
        ],
      },
    });
    const staff = await signIn(t, FRONT_DESK);
    const seen = StaffRequestDetailSchema.parse(
      (await as(t, staff).get(`/api/clinics/dr-kim/requests/${request.id}`)).json(),
    );
    expect(seen.details.corrections).toEqual([
      { field: 'name', old: 'Maria Lopes', new: 'Maria Lopez' },
      { field: 'pet Rex: birth date', old: '2018-05-01', new: '2019-05-01' },
    ]);
    await staffActionOk(t, staff, request.id, 'complete', {
      note: "Name corrected; Rex's birth date corrected in our records.",
    });
    const me = await as(t, maria).get('/api/me');
    expect(me.json().name).toBe('Maria Lopez');
    const activity = await as(t, maria).get('/api/me/activity');
    expect(activity.json()[0]).toMatchObject({
      kind: 'profile-updated',
      actor: 'staff',
      changes: [{ field: 'name', from: 'Maria Lopes', to: 'Maria Lopez' }],
    });
  });
});

describe('objection and restriction', () => {
  test('an objection switches every marketing category off on every channel at once', async () => {
    const maria = await signIn(t, 'maria@example.com');
    await as(t, maria).put('/api/me/preferences', {
      changes: [
        { category: 'marketing', channel: 'email', enabled: true },
        { category: 'surveys', channel: 'push', enabled: true },
        { category: 'partner-offers', channel: 'sms', enabled: true },
        { category: 'clinic-news', channel: 'email', enabled: true },
      ],
    });
    t.clock.advance(60_000);
    const request = await fileRequest(t, maria, { type: 'objection' });
    expect(request.status).toBe('completed');

    const matrix = (await as(t, maria).get('/api/me/preferences')).json().matrix as Array<{
      category: string;
      channel: string;
      enabled: boolean;
    }>;
    for (const cell of matrix.filter((c) =>
      ['marketing', 'surveys', 'partner-offers'].includes(c.category),
    )) {
      expect(cell.enabled, `${cell.category}/${cell.channel}`).toBe(false);
    }
    // Not marketing: untouched.
    expect(matrix.find((c) => c.category === 'clinic-news' && c.channel === 'email')?.enabled).toBe(
      true,
    );
    const events = (await as(t, maria).get('/api/me/consent-events')).json() as Array<{
      category: string;
      channel: string;
      source: string;
      enabled: boolean;
      previous: boolean;
      at: string;
    }>;
    const objection = events.filter((e) => e.source === 'objection');
    expect(
      objection.map((e) => `${e.category}/${e.channel}:${e.previous}→${e.enabled}`).sort(),
    ).toEqual([
      'marketing/email:true→false',
      'partner-offers/sms:true→false',
      'surveys/push:true→false',
    ]);
    expect(new Set(objection.map((e) => e.at))).toEqual(new Set([t.clock.now().toISOString()]));
  });

  test('an objection made while a restriction stands still holds once the restriction is lifted', async () => {
    const maria = await signIn(t, 'maria@example.com');
    await as(t, maria).put('/api/me/preferences', {
      changes: [
        { category: 'marketing', channel: 'email', enabled: true },
        { category: 'surveys', channel: 'sms', enabled: true },
      ],
    });
    const restriction = await fileRequest(t, maria, { type: 'restriction' });
    const objection = await fileRequest(t, maria, { type: 'objection' });
    expect(objection.status).toBe('completed');
    const staff = await signIn(t, FRONT_DESK);
    await staffActionOk(t, staff, restriction.id, 'complete', { note: 'Restriction ended.' });

    const matrix = (await as(t, maria).get('/api/me/preferences')).json().matrix as Array<{
      category: string;
      channel: string;
      enabled: boolean;
    }>;
    for (const cell of matrix.filter((c) =>
      ['marketing', 'surveys', 'partner-offers'].includes(c.category),
    )) {
      expect(cell.enabled, `${cell.category}/${cell.channel}`).toBe(false);
    }
  });

  test('a restriction lets only service messages through until the request is closed', async () => {
    const maria = await signIn(t, 'maria@example.com');
    await as(t, maria).put('/api/me/preferences', {
      changes: [{ category: 'marketing', channel: 'email', enabled: true }],
    });
    const request = await fileRequest(t, maria, { type: 'restriction' });
    const cells = async () =>
      (await as(t, maria).get('/api/me/preferences')).json().matrix as Array<{
        category: string;
        channel: string;
        enabled: boolean;
        locked: boolean;
      }>;
    const during = await cells();
    for (const cell of during) {
      expect(cell.enabled, `${cell.category}/${cell.channel}`).toBe(cell.category === 'service');
      expect(cell.locked).toBe(true);
    }
    const events = (await as(t, maria).get('/api/me/consent-events')).json() as Array<{
      source: string;
      category: string;
      enabled: boolean;
    }>;
    expect(events.filter((e) => e.source === 'restriction').length).toBeGreaterThan(0);
    expect(events.some((e) => e.source === 'restriction' && e.category === 'service')).toBe(false);

    // A marketing mail is skipped while it stands; service mail (the request's) still goes.
    const staff = await signIn(t, FRONT_DESK);
    await staffActionOk(t, staff, request.id, 'complete', { note: 'Your data was corrected.' });
    const after = await cells();
    expect(after.find((c) => c.category === 'marketing' && c.channel === 'email')).toMatchObject({
      enabled: true,
      locked: false,
    });
    const mail = await lastMailTo(t, 'maria@example.com', /is complete/);
    expect(mail.text).toContain('the restriction is lifted');
  });
});

test('the owner list shows extension and completion as they happen', async () => {
  const maria = await signIn(t, 'maria@example.com');
  const request = await fileRequest(t, maria, { type: 'access' });
  const staff = await signIn(t, FRONT_DESK);
  await staffActionOk(t, staff, request.id, 'extend', { reason: 'Large archive to search.' });
  const list = PrivacyRequestListSchema.parse((await as(t, maria).get('/api/me/requests')).json());
  expect(list[0]).toMatchObject({ status: 'extended', extendedDueAt: '2027-02-22T07:59:59.999Z' });
});

test('status changes reach an owner with a phone by text too, unless their service texts are off', async () => {
  const maria = await signIn(t, 'maria@example.com');
  expect((await as(t, maria).patch('/api/me/profile', { phone: '+15550100777' })).statusCode).toBe(
    200,
  );
  const request = await fileRequest(t, maria, { type: 'access' });
  const staff = await signIn(t, FRONT_DESK);
  await staffActionOk(t, staff, request.id, 'complete');
  const texts = async () =>
    (await t.database.kysely.selectFrom('sms_outbox').selectAll().orderBy('id').execute()).filter(
      (row) => row.to_number === '+15550100777',
    );
  const completed = (await texts()).at(-1);
  expect(completed?.text_body).toContain('Privacy request complete');
  expect(completed?.text_body).toContain(request.reference);
  expect(completed?.text_body).toContain(`/c/dr-kim/account/privacy/requests/${request.id}`);

  // STOP turns every text off, service included: the next change comes by mail and in the app.
  const stoppedAt = t.clock.now().toISOString();
  await t.database.kysely
    .insertInto('preference_states')
    .values({ user_id: maria.userId, sms_opted_out_at: stoppedAt, gpc_honoured_at: null })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ sms_opted_out_at: stoppedAt }))
    .execute();
  const count = (await texts()).length;
  const second = await fileRequest(t, maria, { type: 'portability' });
  await staffActionOk(t, staff, second.id, 'complete');
  expect(await texts()).toHaveLength(count);
});
