import { afterEach, beforeEach, expect, test } from 'vitest';
import { AccountEventListSchema } from '../../../src/contract/account.ts';
import { UserSchema } from '../../../src/contract/auth.ts';
import { DEMO_STAFF_EMAIL } from '../../../server/seed/demo-clinic.ts';
import { addSecondClinic, as, signIn, type SignedIn } from '../../support/sessions.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

/** Sends what the outbox holds and returns the newest mail to `to`, if any. */
async function lastMailTo(to: string) {
  await t.app.mailOutbox.drain();
  return [...t.sentMail].reverse().find((m) => m.to === to);
}

async function mailedCode(to: string): Promise<string> {
  const code = /\b(\d{6})\b/.exec((await lastMailTo(to))?.text ?? '')?.[1];
  if (!code) throw new Error(`No code was mailed to ${to}.`);
  return code;
}

const emailOf = async (userId: number) =>
  (
    await t.database.kysely
      .selectFrom('users')
      .select('email')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
  ).email;

async function timeline(who: SignedIn) {
  return AccountEventListSchema.parse((await as(t, who).get('/api/me/activity')).json());
}

test('owner changes their email with a code sent to the new address, and the old one is told', async () => {
  const maria = await signIn(t, 'maria@example.com');

  const asked = await as(t, maria).post('/api/me/email-change', {
    email: ' Maria.New@Example.com ',
  });
  expect(asked.statusCode, asked.body).toBe(202);
  const codeMail = await lastMailTo('maria.new@example.com');
  expect(codeMail?.subject).toMatch(/confirms your new email address/);
  expect(await emailOf(maria.userId)).toBe('maria@example.com');

  const verified = await as(t, maria).post('/api/me/email-change/verify', {
    code: await mailedCode('maria.new@example.com'),
  });
  expect(verified.statusCode, verified.body).toBe(200);
  expect(UserSchema.parse(verified.json())).toMatchObject({
    id: maria.userId,
    email: 'maria.new@example.com',
  });
  expect(await emailOf(maria.userId)).toBe('maria.new@example.com');

  const notice = await lastMailTo('maria@example.com');
  expect(notice?.subject).toBe("Your email address at Dr. Kim's Veterinary Clinic was changed");
  expect(notice?.text).toContain('m•••@e•••.com');
  expect(notice?.text).not.toContain('maria.new@example.com');
  expect(notice?.text).toMatch(/If you did not do this, contact/);

  const [latest] = await timeline(maria);
  expect(latest).toMatchObject({
    kind: 'email-changed',
    actor: 'owner',
    changes: [{ field: 'email', from: 'maria@example.com', to: 'maria.new@example.com' }],
  });
  expect((await as(t, maria).get('/api/me')).json()).toMatchObject({
    email: 'maria.new@example.com',
  });

  const again = await signIn(t, 'maria.new@example.com');
  expect(again.userId).toBe(maria.userId);

  // The demo clinic is open to new owners, so the old address now signs up someone new.
  const old = await signIn(t, 'maria@example.com', { confirmAge: false });
  expect(old.userId).not.toBe(maria.userId);
  expect(
    (await t.app.inject({ url: '/api/me', headers: { cookie: old.cookie } })).json(),
  ).toMatchObject({
    email: 'maria@example.com',
    ageConfirmed: false,
  });
});

test('at a clinic closed to new owners, the old address no longer gets a sign-in code', async () => {
  const maria = await signIn(t, 'maria@example.com');
  await as(t, maria).post('/api/me/email-change', { email: 'maria.new@example.com' });
  const verified = await as(t, maria).post('/api/me/email-change/verify', {
    code: await mailedCode('maria.new@example.com'),
  });
  expect(verified.statusCode).toBe(200);
  await t.app.mailOutbox.drain();
  await t.database.kysely.updateTable('clinics').set({ is_open_registration: 0 }).execute();
  const mailsBefore = t.sentMail.length;

  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/code',
    payload: { clinic: 'dr-kim', email: 'maria@example.com' },
  });
  expect(res.statusCode).toBe(202);
  await t.app.mailOutbox.drain();
  expect(t.sentMail.slice(mailsBefore)).toEqual([]);
});

test('a wrong code changes nothing and says how many tries are left', async () => {
  const maria = await signIn(t, 'maria@example.com');
  await as(t, maria).post('/api/me/email-change', { email: 'maria.new@example.com' });
  const code = await mailedCode('maria.new@example.com');
  const wrong = code === '123456' ? '654321' : '123456';
  const mailsBefore = t.sentMail.length;

  const res = await as(t, maria).post('/api/me/email-change/verify', { code: wrong });
  expect(res.statusCode).toBe(400);
  expect(res.json()).toEqual({
    code: 'invalid-code',
    message: 'That code is not right. You can try 4 more times.',
  });
  expect(await emailOf(maria.userId)).toBe('maria@example.com');
  expect((await timeline(maria)).map((e) => e.kind)).not.toContain('email-changed');
  await t.app.mailOutbox.drain();
  expect(t.sentMail.slice(mailsBefore)).toEqual([]);

  // The right code still works afterwards.
  const right = await as(t, maria).post('/api/me/email-change/verify', { code });
  expect(right.statusCode).toBe(200);
});

test('a code without an email change in progress is refused', async () => {
  const maria = await signIn(t, 'maria@example.com');
  const res = await as(t, maria).post('/api/me/email-change/verify', { code: '123456' });
  expect(res.statusCode).toBe(400);
  expect(res.json()).toMatchObject({ code: 'invalid-code' });
});

test('an address another account at the clinic uses is refused as taken, and gets no mail', async () => {
  const maria = await signIn(t, 'maria@example.com');
  await signIn(t, 'sam@example.com');
  const mailsBefore = t.sentMail.length;

  for (const email of ['sam@example.com', 'SAM@example.com', DEMO_STAFF_EMAIL]) {
    const res = await as(t, maria).post('/api/me/email-change', { email });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'email-taken' });
  }
  await t.app.mailOutbox.drain();
  expect(t.sentMail.slice(mailsBefore)).toEqual([]);
});

test('an address that an account takes between the code and its use is refused with 409', async () => {
  const maria = await signIn(t, 'maria@example.com');
  await as(t, maria).post('/api/me/email-change', { email: 'shared@example.com' });
  const code = await mailedCode('shared@example.com');
  await signIn(t, 'shared@example.com');

  const res = await as(t, maria).post('/api/me/email-change/verify', { code });
  expect(res.statusCode).toBe(409);
  expect(res.json()).toMatchObject({ code: 'email-taken' });
  expect(await emailOf(maria.userId)).toBe('maria@example.com');
  expect((await timeline(maria)).map((e) => e.kind)).not.toContain('email-changed');
  expect(await lastMailTo('maria@example.com')).toMatchObject({
    subject: expect.stringMatching(/sign-in code/),
  });
});

test('an address used at another clinic is free here', async () => {
  const { staffEmail } = await addSecondClinic(t);
  const maria = await signIn(t, 'maria@example.com');
  const res = await as(t, maria).post('/api/me/email-change', { email: staffEmail });
  expect(res.statusCode).toBe(202);
});

test('asking for the address the account already has is refused as the same email', async () => {
  const maria = await signIn(t, 'maria@example.com');
  const res = await as(t, maria).post('/api/me/email-change', { email: 'Maria@Example.com' });
  expect(res.statusCode).toBe(400);
  expect(res.json()).toEqual({
    code: 'same-email',
    message: 'That is already your email address.',
  });
});

test('asks about taken addresses count too: the eleventh in an hour is refused', async () => {
  const maria = await signIn(t, 'maria@example.com');
  await signIn(t, 'sam@example.com');
  for (let i = 0; i < 10; i++) {
    expect(
      (await as(t, maria).post('/api/me/email-change', { email: 'sam@example.com' })).statusCode,
    ).toBe(409);
  }
  const refused = await as(t, maria).post('/api/me/email-change', { email: 'free@example.com' });
  expect(refused.statusCode).toBe(429);
  expect(refused.json()).toMatchObject({ code: 'rate-limited' });
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

  t.clock.advance(61 * 60_000);
  expect(
    (await as(t, maria).post('/api/me/email-change', { email: 'free@example.com' })).statusCode,
  ).toBe(202);
});

test('a malformed new address is refused with a readable message', async () => {
  const maria = await signIn(t, 'maria@example.com');
  const res = await as(t, maria).post('/api/me/email-change', { email: 'maria at home' });
  expect(res.statusCode).toBe(400);
  expect(res.json()).toMatchObject({
    code: 'invalid-request',
    message: expect.stringMatching(/Enter an email address/),
  });
});
