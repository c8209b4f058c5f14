import { expect } from 'vitest';
import {
  PrivacyRequestDetailSchema,
  PrivacyRequestSchema,
  StaffRequestDetailSchema,
  type CreateRequest,
} from '../../../src/contract/requests.ts';
import { as, type SignedIn } from '../../support/sessions.ts';
import type { SentMail, TestApp } from '../../support/test-app.ts';

/** The demo clinic's staff admin, seeded by server/seed/demo-clinic.ts. */
export const FRONT_DESK = 'frontdesk@dr-kim.example';

/** The newest mail sent to `to` (after draining the outbox), optionally matching `subject`. */
export async function lastMailTo(t: TestApp, to: string, subject?: RegExp): Promise<SentMail> {
  await t.app.mailOutbox.drain();
  const mail = [...t.sentMail]
    .reverse()
    .find((m) => m.to === to && (!subject || subject.test(m.subject)));
  if (!mail) throw new Error(`No mail${subject ? ` matching ${subject}` : ''} was sent to ${to}.`);
  return mail;
}

export const codeIn = (mail: SentMail) => {
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
  if (!code) throw new Error(`No code in: ${mail.text}`);
  return code;
};

/** A fresh step-up through the real code round trip. */
export async function stepUp(t: TestApp, who: SignedIn): Promise<void> {
  const asked = await as(t, who).post('/api/auth/step-up/code', {});
  expect(asked.statusCode, asked.body).toBe(202);
  const mail = await lastMailTo(t, who.email, /confirms it is you/);
  const done = await as(t, who).post('/api/auth/step-up', { code: codeIn(mail) });
  expect(done.statusCode, done.body).toBe(204);
}

export async function fileRequest(t: TestApp, who: SignedIn, body: CreateRequest) {
  const res = await as(t, who).post('/api/me/requests', body);
  expect(res.statusCode, res.body).toBe(201);
  return PrivacyRequestSchema.parse(res.json());
}

export async function ownRequest(t: TestApp, who: SignedIn, id: number) {
  const res = await as(t, who).get(`/api/me/requests/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return PrivacyRequestDetailSchema.parse(res.json());
}

export async function staffAction(
  t: TestApp,
  staff: SignedIn,
  id: number,
  action: 'verify' | 'start' | 'extend' | 'complete' | 'deny',
  body: object = {},
  clinic = 'dr-kim',
) {
  return as(t, staff).post(`/api/clinics/${clinic}/requests/${id}/${action}`, body);
}

export async function staffActionOk(
  t: TestApp,
  staff: SignedIn,
  id: number,
  action: 'verify' | 'start' | 'extend' | 'complete' | 'deny',
  body: object = {},
) {
  const res = await staffAction(t, staff, id, action, body);
  expect(res.statusCode, res.body).toBe(200);
  return StaffRequestDetailSchema.parse(res.json());
}
