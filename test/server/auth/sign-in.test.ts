import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { UserSchema } from '../../../src/contract/auth.ts';
import { createSmtpMailer } from '../../../server/mail/mailer.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { codeIn, startSmtpServer } from '../../support/smtp-server.ts';

type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;
let smtp: Smtp;
let t: TestApp;
const ORIGIN = 'http://localhost:80';
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  t = await createTestApp({ mailer: createSmtpMailer(smtp.url) });
});
afterEach(() => t.close());

const post = (
  url: string,
  payload: unknown,
  options: { cookie?: string; origin?: string | null; ip?: string } = {},
) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    remoteAddress: options.ip ?? '127.0.0.1',
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.origin === null ? {} : { origin: options.origin ?? ORIGIN }),
    },
  });

const getWith = (url: string, cookie?: string) =>
  t.app.inject({ url, headers: cookie ? { cookie } : {} });

async function requestCode(email: string, ip?: string) {
  const res = await post('/api/auth/code', { clinic: 'dr-kim', email }, { origin: null, ip });
  await t.app.mailOutbox.drain();
  return res;
}

async function mailedCode(email: string) {
  return codeIn(await smtp.waitFor(email, (m) => /sign-in code/.test(m.subject)));
}

/** Signs in through the real mail round trip; returns the session cookie. */
async function signIn(email: string, options: { confirmAge?: boolean; cookie?: string } = {}) {
  const before = smtp.received.length;
  await requestCode(email);
  const mail = await smtp.waitFor(email.toLowerCase(), (m) => smtp.received.indexOf(m) >= before);
  const res = await post(
    '/api/auth/verify',
    { clinic: 'dr-kim', email, code: codeIn(mail) },
    // A browser sends Origin on every POST; the rule bites only where a cookie is sent.
    { origin: options.cookie ? ORIGIN : null, cookie: options.cookie },
  );
  expect(res.statusCode, res.body).toBe(200);
  const setCookie = String(res.headers['set-cookie']);
  const cookie = setCookie.split(';')[0] as string;
  if (options.confirmAge !== false) {
    const confirmed = await post('/api/me/age-confirmation', { sixteenOrOlder: true }, { cookie });
    expect(confirmed.statusCode).toBe(204);
  }
  return { cookie, setCookie, body: res.json() };
}

describe('asking for a code', () => {
  test('the answer is the same whether or not the address is known', async () => {
    const known = await requestCode('frontdesk@dr-kim.example');
    const unknown = await requestCode('stranger@example.com');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
  });

  test('the code arrives by mail: six digits, and only its hash is stored', async () => {
    await requestCode('maria@example.com');
    const mail = await smtp.waitFor('maria@example.com');
    expect(mail.subject).toMatch(/^\d{6} is your Dr\. Kim's Veterinary Clinic sign-in code$/);
    expect(mail.from).toBe('privacy@dr-kim.example');
    const code = codeIn(mail);
    const rows = await t.database.kysely.selectFrom('one_time_codes').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code);
  });

  test('a clinic without open registration sends no code to an unknown address', async () => {
    await t.database.kysely
      .updateTable('clinics')
      .set({ is_open_registration: 0 })
      .where('slug', '=', 'dr-kim')
      .execute();
    const res = await requestCode('closed-door@example.com');
    expect(res.statusCode).toBe(202);
    expect(smtp.received.some((m) => m.to.includes('closed-door@example.com'))).toBe(false);
    expect(await t.database.kysely.selectFrom('one_time_codes').selectAll().execute()).toEqual([]);
  });

  test('an address may ask for 5 codes an hour; the sixth is refused with Retry-After', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await requestCode('busy@example.com')).statusCode).toBe(202);
    }
    const refused = await requestCode('busy@example.com');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('rate-limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(61 * 60 * 1000);
    expect((await requestCode('busy@example.com')).statusCode).toBe(202);
  });

  test('one network address may ask for 30 codes an hour, whatever the addresses', async () => {
    for (let i = 0; i < 30; i++) {
      const res = await post(
        '/api/auth/code',
        { clinic: 'dr-kim', email: `p${i}@example.com` },
        { origin: null, ip: '203.0.113.9' },
      );
      expect(res.statusCode).toBe(202);
    }
    const refused = await post(
      '/api/auth/code',
      { clinic: 'dr-kim', email: 'p30@example.com' },
      { origin: null, ip: '203.0.113.9' },
    );
    expect(refused.statusCode).toBe(429);
    const elsewhere = await post(
      '/api/auth/code',
      { clinic: 'dr-kim', email: 'p30@example.com' },
      { origin: null, ip: '198.51.100.7' },
    );
    expect(elsewhere.statusCode).toBe(202);
  });

  test('a malformed address or clinic is a 400 with a readable message', async () => {
    const res = await post(
      '/api/auth/code',
      { clinic: 'dr-kim', email: 'not-an-address' },
      { origin: null },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'invalid-request',
      message: expect.stringMatching(/email/),
    });
  });
});

describe('verifying the code', () => {
  test('the first sign-in creates the owner, who must then confirm their age', async () => {
    const { cookie, setCookie, body } = await signIn('New.Owner@Example.com', {
      confirmAge: false,
    });
    expect(body.user).toMatchObject({
      role: 'owner',
      clinic: 'dr-kim',
      email: 'new.owner@example.com',
      ageConfirmed: false,
    });
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    const me = UserSchema.parse((await getWith('/api/me', cookie)).json());
    expect(me.ageConfirmed).toBe(false);
    const gated = await getWith('/api/me/sessions', cookie);
    expect(gated.statusCode).toBe(403);
    expect(gated.json().code).toBe('age-confirmation-required');
    expect(
      (await post('/api/me/age-confirmation', { sixteenOrOlder: true }, { cookie })).statusCode,
    ).toBe(204);
    expect(
      (await post('/api/me/age-confirmation', { sixteenOrOlder: true }, { cookie })).statusCode,
    ).toBe(204);
    expect((await getWith('/api/me/sessions', cookie)).statusCode).toBe(200);
    expect((await getWith('/api/me', cookie)).json().ageConfirmed).toBe(true);
  });

  test('someone under 16 ends the sign-up: no account is kept, only the refusal', async () => {
    const { cookie } = await signIn('young@example.com', { confirmAge: false });
    const res = await post('/api/me/age-confirmation', { sixteenOrOlder: false }, { cookie });
    expect(res.statusCode).toBe(204);
    expect((await getWith('/api/me', cookie)).statusCode).toBe(401);
    const users = await t.database.kysely.selectFrom('users').select('email').execute();
    expect(users.map((u) => u.email)).not.toContain('young@example.com');
    const codes = await t.database.kysely.selectFrom('one_time_codes').select('email').execute();
    expect(codes.map((c) => c.email)).not.toContain('young@example.com');
    const refusals = await t.database.kysely.selectFrom('age_refusals').selectAll().execute();
    expect(refusals).toHaveLength(1);
    expect(JSON.stringify(refusals)).not.toContain('young@example.com');
  });

  test('a wrong code is a 400; after 5 wrong codes even the right one gets 429 until a new code', async () => {
    await requestCode('guess@example.com');
    const code = await mailedCode('guess@example.com');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await post(
        '/api/auth/verify',
        { clinic: 'dr-kim', email: 'guess@example.com', code: wrong },
        { origin: null },
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('invalid-code');
    }
    const locked = await post(
      '/api/auth/verify',
      { clinic: 'dr-kim', email: 'guess@example.com', code },
      { origin: null },
    );
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('too-many-attempts');

    await requestCode('guess@example.com');
    const fresh = await smtp.waitFor('guess@example.com', (m) => codeIn(m) !== code || true);
    const ok = await post(
      '/api/auth/verify',
      { clinic: 'dr-kim', email: 'guess@example.com', code: codeIn(fresh) },
      { origin: null },
    );
    expect(ok.statusCode).toBe(200);
  });

  test('parallel guesses cannot get past the limit of five', async () => {
    await requestCode('racer@example.com');
    const code = await mailedCode('racer@example.com');
    const wrong = code === '999999' ? '888888' : '999999';
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        post(
          '/api/auth/verify',
          { clinic: 'dr-kim', email: 'racer@example.com', code: wrong },
          { origin: null },
        ),
      ),
    );
    expect(results.filter((r) => r.statusCode === 400)).toHaveLength(5);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(7);
  });

  test('a code expires after 10 minutes and works only once', async () => {
    await requestCode('late@example.com');
    const code = await mailedCode('late@example.com');
    t.clock.advance(10 * 60 * 1000 + 1);
    const late = await post(
      '/api/auth/verify',
      { clinic: 'dr-kim', email: 'late@example.com', code },
      { origin: null },
    );
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({
      code: 'invalid-code',
      message: expect.stringMatching(/expired/),
    });

    await requestCode('once@example.com');
    const once = await mailedCode('once@example.com');
    const first = await post(
      '/api/auth/verify',
      { clinic: 'dr-kim', email: 'once@example.com', code: once },
      { origin: null },
    );
    expect(first.statusCode).toBe(200);
    const again = await post(
      '/api/auth/verify',
      { clinic: 'dr-kim', email: 'once@example.com', code: once },
      { origin: null },
    );
    expect(again.statusCode).toBe(400);
  });

  test('only the newest code works', async () => {
    await requestCode('twice@example.com');
    const older = await mailedCode('twice@example.com');
    const count = smtp.received.length;
    await requestCode('twice@example.com');
    const newer = codeIn(
      await smtp.waitFor('twice@example.com', (m) => smtp.received.indexOf(m) >= count),
    );
    if (older !== newer) {
      const res = await post(
        '/api/auth/verify',
        { clinic: 'dr-kim', email: 'twice@example.com', code: older },
        { origin: null },
      );
      expect(res.statusCode).toBe(400);
    }
    const ok = await post(
      '/api/auth/verify',
      { clinic: 'dr-kim', email: 'twice@example.com', code: newer },
      { origin: null },
    );
    expect(ok.statusCode).toBe(200);
  });

  test('the seeded front desk signs in as the clinic admin', async () => {
    const { body } = await signIn('frontdesk@dr-kim.example', { confirmAge: false });
    expect(body.user).toMatchObject({ role: 'admin', clinic: 'dr-kim', ageConfirmed: true });
  });
});

describe('sessions', () => {
  test('signing in again with a session cookie rotates it: the old session ends', async () => {
    const first = await signIn('rotate@example.com');
    const second = await signIn('rotate@example.com', { cookie: first.cookie, confirmAge: false });
    expect(second.cookie).not.toBe(first.cookie);
    expect((await getWith('/api/me', first.cookie)).statusCode).toBe(401);
    expect((await getWith('/api/me', second.cookie)).statusCode).toBe(200);
  });

  test('an owner session ends after 30 idle days, and after 90 days whatever happens', async () => {
    const idle = await signIn('idle@example.com');
    t.clock.advance(29 * DAY);
    expect((await getWith('/api/me', idle.cookie)).statusCode).toBe(200);
    t.clock.advance(31 * DAY);
    expect((await getWith('/api/me', idle.cookie)).statusCode).toBe(401);

    const busy = await signIn('busy-owner@example.com');
    for (let day = 20; day < 90; day += 20) {
      t.clock.advance(20 * DAY);
      expect((await getWith('/api/me', busy.cookie)).statusCode, `day ${day}`).toBe(200);
    }
    t.clock.advance(11 * DAY);
    expect((await getWith('/api/me', busy.cookie)).statusCode).toBe(401);
  });

  test('a staff session ends after 12 idle hours', async () => {
    const staff = await signIn('frontdesk@dr-kim.example', { confirmAge: false });
    t.clock.advance(11 * 3600 * 1000);
    expect((await getWith('/api/me', staff.cookie)).statusCode).toBe(200);
    t.clock.advance(13 * 3600 * 1000);
    expect((await getWith('/api/me', staff.cookie)).statusCode).toBe(401);
  });

  test('signing out ends the session and clears the cookie', async () => {
    const { cookie } = await signIn('leaver@example.com');
    const res = await post('/api/auth/sign-out', {}, { cookie });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/pawtal-session=;/);
    expect((await getWith('/api/me', cookie)).statusCode).toBe(401);
  });

  test('an owner can sign out their other devices and keep this one', async () => {
    const phone = await signIn('devices@example.com');
    const laptop = await signIn('devices@example.com', { confirmAge: false });
    const sessions = (await getWith('/api/me/sessions', laptop.cookie)).json();
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s: { isCurrent: boolean }) => s.isCurrent)).toHaveLength(1);
    const res = await post('/api/auth/sign-out-others', {}, { cookie: laptop.cookie });
    expect(res.json()).toEqual({ ended: 1 });
    expect((await getWith('/api/me', phone.cookie)).statusCode).toBe(401);
    expect((await getWith('/api/me', laptop.cookie)).statusCode).toBe(200);
  });

  test('without a session, /api/me is a 401', async () => {
    const res = await getWith('/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
  });
});

describe('the origin rule', () => {
  test('an unsafe request with the session cookie must come from our own origin', async () => {
    const { cookie } = await signIn('origin@example.com');
    const missing = await post('/api/auth/sign-out-others', {}, { cookie, origin: null });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('origin-not-allowed');
    const foreign = await post(
      '/api/auth/sign-out-others',
      {},
      { cookie, origin: 'https://evil.example' },
    );
    expect(foreign.statusCode).toBe(403);
    const ours = await post('/api/auth/sign-out-others', {}, { cookie, origin: ORIGIN });
    expect(ours.statusCode).toBe(200);
  });

  test('the origin may be any address the request was made to, or PUBLIC_URL', async () => {
    const { cookie } = await signIn('origin2@example.com');
    const byIp = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out-others',
      headers: { cookie, host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' },
    });
    expect(byIp.statusCode).toBe(200);
    const mismatch = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out-others',
      headers: { cookie, host: '127.0.0.1:8080', origin: 'http://localhost:8080' },
    });
    expect(mismatch.statusCode).toBe(403);
  });
});

describe('step-up', () => {
  test('a fresh code steps the session up for 10 minutes', async () => {
    const { cookie } = await signIn('careful@example.com');
    expect((await getWith('/api/me', cookie)).json().steppedUpUntil).toBeNull();
    expect((await post('/api/auth/step-up/code', {}, { cookie })).statusCode).toBe(202);
    await t.app.mailOutbox.drain();
    const mail = await smtp.waitFor('careful@example.com', (m) =>
      /confirms it is you/.test(m.subject),
    );
    const wrong = await post(
      '/api/auth/step-up',
      { code: codeIn(mail) === '123456' ? '654321' : '123456' },
      { cookie },
    );
    expect(wrong.statusCode).toBe(400);
    expect((await post('/api/auth/step-up', { code: codeIn(mail) }, { cookie })).statusCode).toBe(
      204,
    );
    const until = (await getWith('/api/me', cookie)).json().steppedUpUntil;
    expect(new Date(until).getTime() - t.clock.now().getTime()).toBe(10 * 60 * 1000);
    t.clock.advance(10 * 60 * 1000 + 1);
    expect((await getWith('/api/me', cookie)).json().steppedUpUntil).toBeNull();
  });
});

describe('mail delivery', () => {
  test('an SMTP server that is down loses nothing: the outbox retries until it is back', async () => {
    smtp.failNext(2);
    await requestCode('patient@example.com');
    let outbox = await t.database.kysely.selectFrom('mail_outbox').selectAll().execute();
    expect(outbox[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(outbox[0]?.last_error).toMatch(/451|try later/);

    t.clock.advance(30_000);
    await t.app.mailOutbox.drain();
    outbox = await t.database.kysely.selectFrom('mail_outbox').selectAll().execute();
    expect(outbox[0]).toMatchObject({ status: 'pending', attempts: 2 });

    t.clock.advance(120_000);
    await t.app.mailOutbox.drain();
    outbox = await t.database.kysely.selectFrom('mail_outbox').selectAll().execute();
    expect(outbox[0]).toMatchObject({ status: 'sent', attempts: 3 });
    const code = await mailedCode('patient@example.com');
    const ok = await post(
      '/api/auth/verify',
      { clinic: 'dr-kim', email: 'patient@example.com', code },
      { origin: null },
    );
    expect(ok.statusCode).toBe(200);
  });
});
