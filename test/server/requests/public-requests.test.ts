import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  PrivacyRequestListSchema,
  PublicRequestReceiptSchema,
  StaffRequestDetailSchema,
} from '../../../src/contract/requests.ts';
import { as, signIn } from '../../support/sessions.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import {
  codeIn,
  FRONT_DESK,
  lastMailTo,
  ownRequest,
  staffAction,
  staffActionOk,
} from './request-helpers.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ now: '2026-11-23T17:00:00.000Z' });
});
afterEach(() => t.close());

const file = (body: object, clinic = 'dr-kim') =>
  t.app.inject({ method: 'POST', url: `/api/clinics/${clinic}/requests`, payload: body });
const confirm = (id: number, code: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/clinics/dr-kim/requests/${id}/identity`,
    payload: { code },
  });

async function staffView(id: number) {
  const staff = await signIn(t, FRONT_DESK);
  const res = await as(t, staff).get(`/api/clinics/dr-kim/requests/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return StaffRequestDetailSchema.parse(res.json());
}

describe('a person without an account', () => {
  test('verifies with a code sent to the address the clinic holds; the clock started at receipt', async () => {
    await signIn(t, 'maria@example.com');
    const res = await file({ type: 'access', name: 'Maria Lopez', contact: 'Maria@Example.com' });
    expect(res.statusCode, res.body).toBe(202);
    const receipt = PublicRequestReceiptSchema.parse(res.json());
    expect(receipt).toMatchObject({
      type: 'access',
      regime: 'gdpr+ccpa',
      receivedAt: '2026-11-23T17:00:00.000Z',
      acknowledgeBy: '2026-12-08T07:59:59.999Z',
      dueAt: '2026-12-24T07:59:59.999Z',
      extendedDueAt: null,
    });
    const mail = await lastMailTo(t, 'maria@example.com', /confirms privacy request/);
    expect(mail.text).toContain(receipt.reference);
    expect(mail.text).toContain(`/c/dr-kim/privacy-request?request=${receipt.id}`);

    const wrongCode = codeIn(mail) === '000000' ? '111111' : '000000';
    const wrong = await confirm(receipt.id, wrongCode);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'invalid-code' });
    expect(wrong.json().message).toContain('4 more times');

    // Two days later the person asks for a new code and enters it: the dates do not move.
    t.clock.advance(2 * 86_400_000);
    await t.app.inject({
      method: 'POST',
      url: `/api/clinics/dr-kim/requests/${receipt.id}/identity/code`,
    });
    const fresh = await lastMailTo(t, 'maria@example.com', /confirms privacy request/);
    expect((await confirm(receipt.id, codeIn(fresh))).json().verification).toBe('verified');
    expect(await staffView(receipt.id)).toMatchObject({
      receivedAt: '2026-11-23T17:00:00.000Z',
      dueAt: '2026-12-24T07:59:59.999Z',
      status: 'verified',
    });
  });

  test('a code entered in time verifies the request and links it to the account', async () => {
    const maria = await signIn(t, 'maria@example.com');
    const receipt = PublicRequestReceiptSchema.parse(
      (await file({ type: 'portability', name: 'Maria', contact: 'maria@example.com' })).json(),
    );
    const mail = await lastMailTo(t, 'maria@example.com', /confirms privacy request/);
    t.clock.advance(9 * 60_000);
    const ok = await confirm(receipt.id, codeIn(mail));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ reference: receipt.reference, verification: 'verified' });
    // Used once only.
    expect((await confirm(receipt.id, codeIn(mail))).json().verification).toBe('verified');

    const view = await staffView(receipt.id);
    expect(view).toMatchObject({
      status: 'verified',
      verification: 'verified',
      filedBy: 'person',
      dueAt: '2026-12-24T07:59:59.999Z',
      subject: { userId: maria.userId, email: 'maria@example.com' },
    });
    expect(view.timeline.map((e) => [e.kind, e.actor])).toEqual([
      ['received', 'person'],
      ['code-sent', 'system'],
      ['verified', 'person'],
    ]);
    const list = PrivacyRequestListSchema.parse(
      (await as(t, maria).get('/api/me/requests')).json(),
    );
    expect(list.map((r) => r.id)).toEqual([receipt.id]);
  });

  test('a code expires after 10 minutes, and five wrong tries void it', async () => {
    await signIn(t, 'maria@example.com');
    const receipt = PublicRequestReceiptSchema.parse(
      (await file({ type: 'access', name: 'Maria', contact: 'maria@example.com' })).json(),
    );
    const mail = await lastMailTo(t, 'maria@example.com', /confirms privacy request/);
    const wrongCode = codeIn(mail) === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 5; i += 1) {
      expect((await confirm(receipt.id, wrongCode)).statusCode).toBe(400);
    }
    const blocked = await confirm(receipt.id, codeIn(mail));
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('too-many-attempts');

    // A new code, then too late.
    const resend = await t.app.inject({
      method: 'POST',
      url: `/api/clinics/dr-kim/requests/${receipt.id}/identity/code`,
    });
    expect(resend.statusCode).toBe(202);
    const second = await lastMailTo(t, 'maria@example.com', /confirms privacy request/);
    expect(second).not.toBe(mail);
    t.clock.advance(10 * 60_000);
    const late = await confirm(receipt.id, codeIn(second));
    expect(late.statusCode).toBe(400);
    expect(late.json().message).toContain('expired');
    expect((await staffView(receipt.id)).verification).toBe('awaiting-code');
  });

  test('the answer does not reveal whether the contact is known', async () => {
    await signIn(t, 'maria@example.com');
    const known = await file({ type: 'erasure', name: 'Maria', contact: 'maria@example.com' });
    const unknown = await file({ type: 'erasure', name: 'Nobody', contact: 'nobody@example.com' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    // The id and reference differ by nature; everything else must be the same.
    const strip = (body: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(body).filter(([key]) => key !== 'id' && key !== 'reference'),
      );
    expect(strip(unknown.json())).toEqual(strip(known.json()));
    expect(Object.keys(unknown.json()).sort()).toEqual(Object.keys(known.json()).sort());
    await t.app.mailOutbox.drain();
    expect(t.sentMail.some((m) => m.to === 'nobody@example.com')).toBe(false);

    // Staff verify the unknown person by other means, and can then answer.
    const staff = await signIn(t, FRONT_DESK);
    const id = unknown.json().id as number;
    const view = await staffView(id);
    expect(view).toMatchObject({
      verification: 'awaiting-staff',
      subject: { userId: null, name: 'Nobody', email: 'nobody@example.com' },
    });
    const early = await staffAction(t, staff, id, 'complete');
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('not-verified');
    const verified = await staffActionOk(t, staff, id, 'verify', {
      note: 'Called the number on our paper file.',
    });
    expect(verified.timeline.at(-1)).toMatchObject({
      kind: 'verified',
      actor: 'staff',
      note: 'Called the number on our paper file.',
    });
    const done = await staffActionOk(t, staff, id, 'complete', {
      note: 'We hold no data about you.',
    });
    // The record keeps what was asked and how it was answered, not who asked.
    expect(done).toMatchObject({
      status: 'completed',
      isPseudonymised: true,
      subject: { userId: null, name: null, email: null, phone: null },
      completionNote: 'We hold no data about you.',
    });
  });

  test('the code step does not reveal whether the contact is known either', async () => {
    await signIn(t, 'maria@example.com');
    const known = (
      await file({ type: 'access', name: 'Maria', contact: 'maria@example.com' })
    ).json();
    const unknown = (
      await file({ type: 'access', name: 'N', contact: 'nobody@example.com' })
    ).json();
    const answers = async (id: number) => {
      const seen: Array<[number, unknown]> = [];
      for (let i = 0; i < 6; i += 1) {
        // A code no one was sent (one in a million could be the real one; then try another).
        const res = await confirm(id, '000001');
        seen.push([res.statusCode, res.json()]);
      }
      return seen;
    };
    expect(await answers(unknown.id)).toEqual(await answers(known.id));

    // A new code after the old one ran out: the answers still match, and so does the limit.
    t.clock.advance(11 * 60_000);
    const resend = async (id: number) => {
      const seen: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        seen.push(
          (
            await t.app.inject({
              method: 'POST',
              url: `/api/clinics/dr-kim/requests/${id}/identity/code`,
            })
          ).statusCode,
        );
      }
      return seen;
    };
    expect(await resend(unknown.id)).toEqual(await resend(known.id));
    expect((await confirm(unknown.id, '000001')).json()).toEqual(
      (await confirm(known.id, '000001')).json(),
    );
  });

  test('a request confirmed in the app answers a stranger’s code like any wrong code', async () => {
    const maria = await signIn(t, 'maria@example.com');
    const res = await as(t, maria).post('/api/me/requests', { type: 'access' });
    const probe = await confirm(res.json().id, '123456');
    expect(probe.statusCode).toBe(400);
    expect(probe.json().code).toBe('invalid-code');
    expect(JSON.stringify(probe.json())).not.toContain(res.json().reference);
  });

  test('a phone number the clinic holds gets the code by text', async () => {
    const maria = await signIn(t, 'maria@example.com');
    await as(t, maria).patch('/api/me/profile', { phone: '+15550100123' });
    const res = await file({ type: 'access', name: 'Maria', contact: '(555) 010-0123' });
    expect(res.statusCode).toBe(202);
    const texts = await t.database.kysely.selectFrom('sms_outbox').selectAll().execute();
    expect(texts).toHaveLength(1);
    expect(texts[0]?.to_number).toBe('+15550100123');
    const code = /\b(\d{6})\b/.exec(texts[0]?.text_body ?? '')?.[1] as string;
    expect((await confirm(res.json().id, code)).json().verification).toBe('verified');
  });

  test('filing is validated and rate limited per address', async () => {
    const bad = await file({ type: 'access', name: '', contact: 'x@example.com' });
    expect(bad.statusCode).toBe(400);
    expect(
      (await file({ type: 'access', name: 'A', contact: 'a@b.co' }, 'no-such-clinic')).statusCode,
    ).toBe(404);
    await signIn(t, 'maria@example.com');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push(
        (await file({ type: 'access', name: 'M', contact: 'maria@example.com' })).statusCode,
      );
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    // An unknown address is limited the same way, so a 429 does not tell which is known.
    t.clock.advance(61 * 60_000);
    const unknown: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      unknown.push(
        (await file({ type: 'access', name: 'N', contact: 'nobody@example.com' })).statusCode,
      );
    }
    expect(unknown).toEqual([202, 202, 202, 202, 202, 429]);
  });
});

describe('an authorized agent', () => {
  const agent = {
    name: 'Pat Advocate',
    email: 'pat@advocates.example',
    signedPermission: 'Maria Lopez signed a written permission for me on 20 Nov 2026.',
  };

  test("an agent's request waits until the owner confirms it in the app", async () => {
    const maria = await signIn(t, 'maria@example.com');
    const res = await file({
      type: 'access',
      name: 'Maria Lopez',
      contact: 'maria@example.com',
      agent,
    });
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().id as number;
    const agentMail = await lastMailTo(t, 'pat@advocates.example', /received/);
    expect(agentMail.text).toContain(res.json().reference);
    expect(agentMail.text).not.toContain('maria@example.com');
    const ownerMail = await lastMailTo(t, 'maria@example.com', /confirms privacy request/);
    expect(ownerMail.text).toContain('Pat Advocate');

    const list = PrivacyRequestListSchema.parse(
      (await as(t, maria).get('/api/me/requests')).json(),
    );
    expect(list[0]).toMatchObject({
      id,
      filedBy: 'agent',
      agentName: 'Pat Advocate',
      status: 'received',
      verification: 'awaiting-owner',
    });

    const staff = await signIn(t, FRONT_DESK);
    const byStaff = await staffAction(t, staff, id, 'verify');
    expect(byStaff.statusCode).toBe(409);
    expect(byStaff.json().code).toBe('owner-confirmation-required');
    const view = await staffView(id);
    expect(view.agent).toEqual(agent);

    const confirmed = await as(t, maria).post(`/api/me/requests/${id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'verified', verification: 'verified' });
    const detail = await ownRequest(t, maria, id);
    expect(detail.timeline.map((e) => [e.kind, e.actor])).toEqual([
      ['received', 'agent'],
      ['code-sent', 'system'],
      ['owner-confirmed', 'owner'],
    ]);
    const again = await as(t, maria).post(`/api/me/requests/${id}/confirm`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('nothing-to-confirm');
  });

  test('the owner can confirm an agent’s request with the code instead', async () => {
    await signIn(t, 'maria@example.com');
    const res = await file({ type: 'access', name: 'Maria', contact: 'maria@example.com', agent });
    const mail = await lastMailTo(t, 'maria@example.com', /confirms privacy request/);
    const ok = await confirm(res.json().id, codeIn(mail));
    expect(ok.json().verification).toBe('verified');
    expect((await staffView(res.json().id)).timeline.at(-1)).toMatchObject({
      kind: 'owner-confirmed',
      actor: 'owner',
    });
  });

  test('an agent’s request for someone the clinic cannot reach is never verified by staff, only denied', async () => {
    const res = await file({
      type: 'erasure',
      name: 'Nobody',
      contact: 'nobody@example.com',
      agent,
    });
    expect(res.statusCode).toBe(202);
    const id = res.json().id as number;
    const staff = await signIn(t, FRONT_DESK);
    expect(await staffView(id)).toMatchObject({ verification: 'awaiting-staff' });
    const byStaff = await staffAction(t, staff, id, 'verify');
    expect(byStaff.statusCode).toBe(409);
    expect(byStaff.json().code).toBe('owner-confirmation-required');
    const denied = await staffActionOk(t, staff, id, 'deny', {
      reason: 'We hold no record of this person and cannot ask them to confirm.',
    });
    expect(denied.status).toBe('denied');
  });

  test('an agent must state the signed permission', async () => {
    const res = await file({
      type: 'access',
      name: 'Maria',
      contact: 'maria@example.com',
      agent: { name: 'Pat', email: 'pat@advocates.example' },
    });
    expect(res.statusCode).toBe(400);
  });
});
