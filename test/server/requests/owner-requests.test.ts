import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  PrivacyRequestListSchema,
  RequestAllowanceSchema,
} from '../../../src/contract/requests.ts';
import { addSecondClinic, as, signIn } from '../../support/sessions.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import {
  codeIn,
  fileRequest,
  FRONT_DESK,
  lastMailTo,
  ownRequest,
  stepUp,
} from './request-helpers.ts';

let t: TestApp;
beforeEach(async () => {
  // Monday 23 November 2026, 9 am in Los Angeles (the demo clinic: GDPR and CCPA).
  t = await createTestApp({ now: '2026-11-23T17:00:00.000Z' });
});
afterEach(() => t.close());

describe('receipt', () => {
  test('an access request gets a receipt with the stricter dates, at once and by email', async () => {
    const maria = await signIn(t, 'maria@example.com');
    const res = await as(t, maria).post('/api/me/requests', {
      type: 'access',
      details: { note: 'Everything, please.' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json();
    expect(receipt).toMatchObject({
      type: 'access',
      status: 'verified',
      regime: 'gdpr+ccpa',
      receivedAt: '2026-11-23T17:00:00.000Z',
      // Mon 23 Nov + 10 business days = Mon 7 Dec, end of day in Los Angeles.
      acknowledgeBy: '2026-12-08T07:59:59.999Z',
      // GDPR's 23 Dec is earlier than CCPA's 7 Jan.
      dueAt: '2026-12-24T07:59:59.999Z',
      extendedDueAt: null,
      verification: 'verified',
      filedBy: 'owner',
    });
    expect(receipt.reference).toMatch(/^DRK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    // The fields ../shared/API.md fixes, by name (more may follow).
    for (const field of [
      'id',
      'reference',
      'type',
      'status',
      'regime',
      'receivedAt',
      'acknowledgeBy',
      'dueAt',
      'extendedDueAt',
    ]) {
      expect(receipt, field).toHaveProperty(field);
    }

    const mail = await lastMailTo(t, 'maria@example.com', /received your privacy request/);
    expect(mail.subject).toContain(receipt.reference);
    expect(mail.text).toContain(`Reference: ${receipt.reference}`);
    expect(mail.text).toContain('Received: Mon 23 Nov 2026, 09:00 PST');
    expect(mail.text).toContain('Acknowledged by: Mon 7 Dec 2026');
    expect(mail.text).toContain('Answer due by: Wed 23 Dec 2026');
    expect(mail.text).toContain('the GDPR and the CCPA');
    expect(mail.headers?.['List-Unsubscribe']).toBeUndefined();

    const detail = await ownRequest(t, maria, receipt.id);
    expect(detail.timeline.map((e) => [e.kind, e.actor, e.at])).toEqual([
      ['received', 'owner', '2026-11-23T17:00:00.000Z'],
      ['verified', 'system', '2026-11-23T17:00:00.000Z'],
    ]);
  });

  test('the list is newest first and holds only the owner’s own requests', async () => {
    const maria = await signIn(t, 'maria@example.com');
    const other = await signIn(t, 'other@example.com');
    const first = await fileRequest(t, maria, { type: 'access' });
    t.clock.advance(60_000);
    const second = await fileRequest(t, maria, { type: 'portability' });
    await fileRequest(t, other, { type: 'access' });

    const list = PrivacyRequestListSchema.parse(
      (await as(t, maria).get('/api/me/requests')).json(),
    );
    expect(list.map((r) => r.id)).toEqual([second.id, first.id]);
  });

  test("another owner's request is not found, and staff routes refuse owners", async () => {
    const maria = await signIn(t, 'maria@example.com');
    const other = await signIn(t, 'other@example.com');
    const request = await fileRequest(t, maria, { type: 'access' });

    const res = await as(t, other).get(`/api/me/requests/${request.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not-found');
    expect((await as(t, other).post(`/api/me/requests/${request.id}/confirm`)).statusCode).toBe(
      404,
    );
    const staffOnly = await as(t, maria).get(`/api/clinics/dr-kim/requests/${request.id}`);
    expect(staffOnly.statusCode).toBe(403);
    expect(staffOnly.json().code).toBe('staff-only');
  });

  test('requests need a signed-in, age-confirmed owner; staff cannot file as owners', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me/requests' })).statusCode).toBe(401);
    const young = await signIn(t, 'young@example.com', { confirmAge: false });
    const res = await as(t, young).post('/api/me/requests', { type: 'access' });
    expect(res.json().code).toBe('age-confirmation-required');
    const staff = await signIn(t, FRONT_DESK);
    expect((await as(t, staff).post('/api/me/requests', { type: 'access' })).json().code).toBe(
      'owners-only',
    );
  });

  test('bad input is refused with a code', async () => {
    const maria = await signIn(t, 'maria@example.com');
    const unknown = await as(t, maria).post('/api/me/requests', { type: 'everything' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('invalid-request');
    const bare = await as(t, maria).post('/api/me/requests', { type: 'rectification' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().code).toBe('corrections-required');
    const badPhone = await as(t, maria).post('/api/me/requests', {
      type: 'rectification',
      details: { corrections: [{ field: 'phone', old: null, new: 'call me' }] },
    });
    expect(badPhone.json().code).toBe('invalid-correction');
    const misplaced = await as(t, maria).post('/api/me/requests', {
      type: 'access',
      details: { corrections: [{ field: 'name', old: 'A', new: 'B' }] },
    });
    expect(misplaced.json().code).toBe('corrections-not-allowed');
  });
});

describe('a filing sent again (offline queue, answer lost)', () => {
  const CLIENT_ID = '2f6c1e0a-8d4b-4c1e-9a3f-7b5d2e9c4a10';

  test('the same clientRequestId returns the request already filed, without a second receipt', async () => {
    const maria = await signIn(t, 'maria@example.com');
    const first = await as(t, maria).post('/api/me/requests', {
      type: 'access',
      clientRequestId: CLIENT_ID,
    });
    expect(first.statusCode, first.body).toBe(201);
    await t.app.mailOutbox.drain();
    const receiptsBefore = t.sentMail.filter((m) => /received your privacy/.test(m.subject));
    expect(receiptsBefore).toHaveLength(1);

    t.clock.advance(5 * 60_000);
    const again = await as(t, maria).post('/api/me/requests', {
      type: 'access',
      clientRequestId: CLIENT_ID,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(first.json());

    const list = PrivacyRequestListSchema.parse(
      (await as(t, maria).get('/api/me/requests')).json(),
    );
    expect(list.map((r) => r.id)).toEqual([first.json().id]);
    await t.app.mailOutbox.drain();
    expect(t.sentMail.filter((m) => /received your privacy/.test(m.subject))).toHaveLength(1);
  });

  test('the same filing sent twice at once files one request', async () => {
    const maria = await signIn(t, 'maria@example.com');
    const body = { type: 'portability', clientRequestId: CLIENT_ID };
    const [a, b] = await Promise.all([
      as(t, maria).post('/api/me/requests', body),
      as(t, maria).post('/api/me/requests', body),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    const list = PrivacyRequestListSchema.parse(
      (await as(t, maria).get('/api/me/requests')).json(),
    );
    expect(list).toHaveLength(1);
  });

  test('a retried second access request is not refused by the limit it counts towards', async () => {
    const maria = await signIn(t, 'maria@example.com');
    await fileRequest(t, maria, { type: 'access' });
    const second = await fileRequest(t, maria, { type: 'access', clientRequestId: CLIENT_ID });
    const retry = await as(t, maria).post('/api/me/requests', {
      type: 'access',
      clientRequestId: CLIENT_ID,
    });
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json().id).toBe(second.id);
    // A new filing is still refused.
    const third = await as(t, maria).post('/api/me/requests', {
      type: 'access',
      clientRequestId: 'another-filing-0001',
    });
    expect(third.statusCode).toBe(429);
  });

  test('the id is the owner’s own: another owner, or another type, does not match it', async () => {
    const maria = await signIn(t, 'maria@example.com');
    const ben = await signIn(t, 'ben@example.com');
    const mine = await fileRequest(t, maria, { type: 'portability', clientRequestId: CLIENT_ID });
    const bens = await as(t, ben).post('/api/me/requests', {
      type: 'portability',
      clientRequestId: CLIENT_ID,
    });
    expect(bens.statusCode).toBe(201);
    expect(bens.json().id).not.toBe(mine.id);
    const otherType = await as(t, maria).post('/api/me/requests', {
      type: 'objection',
      clientRequestId: CLIENT_ID,
    });
    expect(otherType.statusCode).toBe(409);
    expect(otherType.json().code).toBe('client-request-id-reused');
    const tooLong = await as(t, maria).post('/api/me/requests', {
      type: 'access',
      clientRequestId: 'x'.repeat(65),
    });
    expect(tooLong.statusCode).toBe(400);
  });
});

describe('CCPA access limit', () => {
  test('three access requests sent at once file two; the third is refused', async () => {
    const maria = await signIn(t, 'maria@example.com');
    const answers = await Promise.all(
      [1, 2, 3].map(() => as(t, maria).post('/api/me/requests', { type: 'access' })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 201, 429]);
    const list = PrivacyRequestListSchema.parse(
      (await as(t, maria).get('/api/me/requests')).json(),
    );
    expect(list.filter((r) => r.type === 'access')).toHaveLength(2);
  });

  test('third access request within 12 months is refused with the next free date', async () => {
    let maria = await signIn(t, 'maria@example.com');
    // Months pass between requests: each time the owner signs in afresh (sessions idle out).
    const later = async (at: string) => {
      t.clock.set(at);
      maria = await signIn(t, 'maria@example.com');
    };
    const allowance = async () =>
      RequestAllowanceSchema.parse((await as(t, maria).get('/api/me/requests/allowance')).json());
    expect(await allowance()).toEqual({
      accessLimit: { limit: 2, used: 0, remaining: 2, nextAvailableAt: null },
    });

    await fileRequest(t, maria, { type: 'access' });
    await later('2027-02-03T18:00:00.000Z');
    await fileRequest(t, maria, { type: 'access' });
    // Other types never count.
    await fileRequest(t, maria, { type: 'portability' });
    await fileRequest(t, maria, {
      type: 'rectification',
      details: { corrections: [{ field: 'name', old: null, new: 'Maria' }] },
    });
    expect(await allowance()).toEqual({
      accessLimit: { limit: 2, used: 2, remaining: 0, nextAvailableAt: '2027-11-23T17:00:00.000Z' },
    });

    await later('2027-03-01T18:00:00.000Z');
    const third = await as(t, maria).post('/api/me/requests', { type: 'access' });
    expect(third.statusCode).toBe(429);
    expect(third.json()).toMatchObject({
      code: 'access-limit',
      limit: 2,
      used: 2,
      // The older counted request's receivedAt + 12 calendar months.
      nextAvailableAt: '2027-11-23T17:00:00.000Z',
    });
    expect(third.json().message).toContain('23 Nov 2027');

    // A refused request is not a request: it is not counted and leaves no record.
    const list = PrivacyRequestListSchema.parse(
      (await as(t, maria).get('/api/me/requests')).json(),
    );
    expect(list.filter((r) => r.type === 'access')).toHaveLength(2);

    await later('2027-11-23T16:59:59.999Z');
    expect((await as(t, maria).post('/api/me/requests', { type: 'access' })).statusCode).toBe(429);
    t.clock.set('2027-11-23T17:00:00.000Z');
    await fileRequest(t, maria, { type: 'access' });
    expect(await allowance()).toEqual({
      accessLimit: { limit: 2, used: 2, remaining: 0, nextAvailableAt: '2028-02-03T18:00:00.000Z' },
    });
  });

  test('with three counted (one from the public page) the next free date is the second oldest’s', async () => {
    let maria = await signIn(t, 'maria@example.com');
    await fileRequest(t, maria, { type: 'access' });
    t.clock.set('2027-01-10T18:00:00.000Z');
    maria = await signIn(t, 'maria@example.com');
    await fileRequest(t, maria, { type: 'access' });
    // The public page cannot refuse (that would tell a stranger the address is known).
    t.clock.set('2027-02-03T18:00:00.000Z');
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/clinics/dr-kim/requests',
      payload: { type: 'access', name: 'Maria', contact: 'maria@example.com' },
    });
    expect(filed.statusCode).toBe(202);
    const code = codeIn(await lastMailTo(t, 'maria@example.com', /confirms privacy request/));
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/clinics/dr-kim/requests/${filed.json().id}/identity`,
      payload: { code },
    });
    expect(confirmed.json().verification).toBe('verified');
    maria = await signIn(t, 'maria@example.com');

    const third = await as(t, maria).post('/api/me/requests', { type: 'access' });
    expect(third.statusCode).toBe(429);
    // 23 Nov 2027 frees one, but two stay counted; 10 Jan 2028 (10:00 PST) brings it under 2.
    expect(third.json()).toMatchObject({ used: 3, nextAvailableAt: '2028-01-10T18:00:00.000Z' });
    expect((await as(t, maria).get('/api/me/requests/allowance')).json()).toEqual({
      accessLimit: { limit: 2, used: 3, remaining: 0, nextAvailableAt: '2028-01-10T18:00:00.000Z' },
    });
  });

  test('access requests filed in the owner’s name but never confirmed do not count', async () => {
    await signIn(t, 'maria@example.com');
    // Someone who knows Maria's address files twice from the public page; she ignores the codes.
    for (let i = 0; i < 2; i += 1) {
      const filed = await t.app.inject({
        method: 'POST',
        url: '/api/clinics/dr-kim/requests',
        payload: { type: 'access', name: 'Maria', contact: 'maria@example.com' },
      });
      expect(filed.statusCode).toBe(202);
    }
    const maria = await signIn(t, 'maria@example.com');
    expect((await as(t, maria).get('/api/me/requests/allowance')).json()).toMatchObject({
      accessLimit: { used: 0, remaining: 2 },
    });
    await fileRequest(t, maria, { type: 'access' });
    await fileRequest(t, maria, { type: 'access' });
    expect((await as(t, maria).post('/api/me/requests', { type: 'access' })).statusCode).toBe(429);
  });

  test('a GDPR-only clinic has no count and no limit', async () => {
    const north = await addSecondClinic(t);
    const aoife = await signIn(t, 'aoife@example.ie', { clinic: north.slug });
    const allowance = await as(t, aoife).get('/api/me/requests/allowance');
    expect(allowance.json()).toEqual({ accessLimit: null });
    for (let i = 0; i < 3; i += 1) {
      const receipt = await fileRequest(t, aoife, { type: 'access' });
      expect(receipt).toMatchObject({ regime: 'gdpr', acknowledgeBy: null });
      expect(receipt.reference).toMatch(/^NOR-/);
    }
  });
});

describe('step-up for sensitive requests', () => {
  test('deleting the account needs a fresh step-up code', async () => {
    const maria = await signIn(t, 'maria@example.com');
    const res = await as(t, maria).post('/api/me/requests', { type: 'erasure' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('step-up-required');

    await stepUp(t, maria);
    const receipt = await fileRequest(t, maria, { type: 'erasure' });
    expect(receipt).toMatchObject({ type: 'erasure', status: 'verified' });
    expect(receipt.nextSteps).toContain('Wed 23 Dec 2026');

    // Ten minutes later the step-up has run out.
    t.clock.advance(10 * 60_000 + 1);
    expect((await as(t, maria).post('/api/me/requests', { type: 'erasure' })).statusCode).toBe(403);
  });
});
