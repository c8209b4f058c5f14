import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  ConsentEventListSchema,
  PreferenceMatrixSchema,
  UnsubscribePreviewSchema,
  UnsubscribeResultSchema,
} from '../../../src/contract/preferences.ts';
import { loadConfig } from '../../../server/config.ts';
import { createSmtpMailer } from '../../../server/mail/mailer.ts';
import { unsubscribeHeaders } from '../../../server/preferences/owner-message-mail.ts';
import type { PreferencesService } from '../../../server/preferences/preferences.service.ts';
import { publicOrigin } from '../../../server/preferences/public-origin.ts';
import { APP_ORIGIN, as, type SignedIn } from '../../support/sessions.ts';
import { codeIn, startSmtpServer, type ReceivedMail } from '../../support/smtp-server.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { preferencesServiceFor } from './preferences-service.ts';

type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;
let smtp: Smtp;
let t: TestApp;
let preferences: PreferencesService;
let owner: SignedIn;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  t = await createTestApp({ mailer: createSmtpMailer(smtp.url) });
  preferences = await preferencesServiceFor(t);
  owner = await signInOverSmtp('maria@example.com');
});
afterEach(() => t.close());

/** The real round trip: the code is read from the mail that arrived over SMTP. */
async function signInOverSmtp(email: string): Promise<SignedIn> {
  const before = smtp.received.length;
  await t.app.inject({
    method: 'POST',
    url: '/api/auth/code',
    payload: { clinic: 'dr-kim', email },
  });
  await t.app.mailOutbox.drain();
  const mail = await smtp.waitFor(email, (m) => smtp.received.indexOf(m) >= before);
  const verified = await t.app.inject({
    method: 'POST',
    url: '/api/auth/verify',
    payload: { clinic: 'dr-kim', email, code: codeIn(mail) },
  });
  expect(verified.statusCode, verified.body).toBe(200);
  const who: SignedIn = {
    cookie: String(verified.headers['set-cookie']).split(';')[0] as string,
    userId: verified.json().user.id as number,
    email,
  };
  expect(
    (await as(t, who).post('/api/me/age-confirmation', { sixteenOrOlder: true })).statusCode,
  ).toBe(204);
  return who;
}

async function optIn(who: SignedIn, category: string, channel = 'email') {
  const res = await as(t, who).put('/api/me/preferences', {
    changes: [{ category, channel, enabled: true }],
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** Sends a marketing mail through the outbox to the SMTP server, and returns what arrived. */
async function mailOffer(who: SignedIn, subject = 'Winter dental checks'): Promise<ReceivedMail> {
  const outcome = await preferences.sendOwnerMessage({
    userId: who.userId,
    category: 'marketing',
    subject,
    text: 'Dental checks are 20% off in December.',
  });
  expect(outcome.status).toBe('queued');
  await t.app.mailOutbox.drain();
  return smtp.waitFor(who.email, (m) => m.subject === subject);
}

function oneClickPath(mail: ReceivedMail): string {
  const header = mail.headers.get('list-unsubscribe') ?? '';
  const match = /^<(http:\/\/localhost:8080(\/api\/unsubscribe\/[A-Za-z0-9_.-]+))>$/.exec(header);
  if (!match) throw new Error(`Unexpected List-Unsubscribe: ${header}`);
  return match[2] as string;
}

/** What a mail client does for RFC 8058: a form POST, with no cookie and no Origin. */
const oneClick = (path: string) =>
  t.app.inject({
    method: 'POST',
    url: path,
    payload: 'List-Unsubscribe=One-Click',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

async function events(who: SignedIn = owner) {
  return ConsentEventListSchema.parse((await as(t, who).get('/api/me/consent-events')).json());
}

async function cellOf(who: SignedIn, category: string, channel = 'email') {
  const { matrix } = PreferenceMatrixSchema.parse(
    (await as(t, who).get('/api/me/preferences')).json(),
  );
  return matrix.find((c) => c.category === category && c.channel === channel);
}

describe('one-click unsubscribe from a real mail', () => {
  test('a marketing mail carries List-Unsubscribe and List-Unsubscribe-Post, and the link in its text', async () => {
    await optIn(owner, 'marketing');
    const mail = await mailOffer(owner);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const path = oneClickPath(mail);
    const token = path.split('/').pop() as string;
    expect(mail.text).toContain('Dental checks are 20% off in December.');
    expect(mail.text).toContain(`http://localhost:8080/c/dr-kim/unsubscribe/${token}`);
    expect(mail.text).toContain('http://localhost:8080/c/dr-kim/account/preferences');
  });

  test('the mail client’s one-click POST turns marketing email off at once and records an email-link event', async () => {
    await optIn(owner, 'marketing');
    const mail = await mailOffer(owner);
    t.clock.advance(5 * 60_000);
    const res = await oneClick(oneClickPath(mail));
    expect(res.statusCode, res.body).toBe(200);
    expect(UnsubscribeResultSchema.parse(res.json())).toEqual({
      category: 'marketing',
      channel: 'email',
      enabled: false,
      changed: true,
      clinic: { slug: 'dr-kim', name: "Dr. Kim's Veterinary Clinic" },
    });
    expect(await cellOf(owner, 'marketing')).toMatchObject({ enabled: false, locked: false });
    expect((await cellOf(owner, 'marketing', 'push'))?.enabled).toBe(false);
    const [latest] = await events();
    expect(latest).toMatchObject({
      category: 'marketing',
      channel: 'email',
      previous: true,
      enabled: false,
      source: 'email-link',
      at: '2026-11-23T17:05:00.000Z',
      policyVersion: 1,
    });
  });

  test('a replayed POST answers changed: false and records no second event', async () => {
    await optIn(owner, 'marketing');
    const path = oneClickPath(await mailOffer(owner));
    expect((await oneClick(path)).json().changed).toBe(true);
    const second = await oneClick(path);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ changed: false, enabled: false });
    expect((await events()).filter((e) => e.source === 'email-link')).toHaveLength(1);
  });

  test('GET describes what the link turns off and changes nothing, however often it is fetched', async () => {
    await optIn(owner, 'marketing');
    const path = oneClickPath(await mailOffer(owner));
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ url: path });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(UnsubscribePreviewSchema.parse(res.json())).toEqual({
        category: 'marketing',
        channel: 'email',
        enabled: true,
        clinic: { slug: 'dr-kim', name: "Dr. Kim's Veterinary Clinic" },
      });
    }
    expect((await cellOf(owner, 'marketing'))?.enabled).toBe(true);
    expect(await events()).toHaveLength(1);
    await oneClick(path);
    expect((await t.app.inject({ url: path })).json().enabled).toBe(false);
  });

  test('a tampered or made-up token is a 400 invalid-token, and nothing changes', async () => {
    await optIn(owner, 'marketing');
    const path = oneClickPath(await mailOffer(owner));
    const token = path.split('/').pop() as string;
    const [payload, signature] = token.split('.') as [string, string];
    const otherUser = Buffer.from(
      Buffer.from(payload, 'base64url')
        .toString()
        .replace(`.${owner.userId}.`, `.${owner.userId + 1000}.`),
    ).toString('base64url');
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of [
      `${otherUser}.${signature}`,
      `${payload}.${flipped}`,
      payload,
      'not-a-token',
      `${token}x`,
    ]) {
      const url = `/api/unsubscribe/${bad}`;
      const post = await oneClick(url);
      expect(post.statusCode, bad).toBe(400);
      expect(post.json().code).toBe('invalid-token');
      expect((await t.app.inject({ url })).json().code).toBe('invalid-token');
    }
    expect((await cellOf(owner, 'marketing'))?.enabled).toBe(true);
  });

  test('the app’s own page may confirm it with the owner signed in, and multipart/form-data works too', async () => {
    await optIn(owner, 'marketing');
    await optIn(owner, 'surveys');
    const path = oneClickPath(await mailOffer(owner));
    const fromApp = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { cookie: owner.cookie, origin: APP_ORIGIN },
    });
    expect(fromApp.statusCode, fromApp.body).toBe(200);
    expect(fromApp.json().changed).toBe(true);

    const surveys = preferences.unsubscribeLinks(
      { id: owner.userId, clinicSlug: 'dr-kim' },
      'surveys',
      'email',
      'http://localhost:8080',
    );
    const boundary = 'pawtal-boundary';
    const multipart = await t.app.inject({
      method: 'POST',
      url: new URL(surveys.oneClickUrl).pathname,
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(multipart.statusCode, multipart.body).toBe(200);
    expect(multipart.json()).toMatchObject({ category: 'surveys', changed: true });
  });

  test('a link unsubscribes only the owner it was sent to', async () => {
    const other = await signInOverSmtp('tom@example.com');
    await optIn(owner, 'marketing');
    await optIn(other, 'marketing');
    await oneClick(oneClickPath(await mailOffer(owner)));
    expect((await cellOf(owner, 'marketing'))?.enabled).toBe(false);
    expect((await cellOf(other, 'marketing'))?.enabled).toBe(true);
    expect(await events(other)).toHaveLength(1);
  });

  test('the link of a closed account no longer works', async () => {
    await optIn(owner, 'marketing');
    const path = oneClickPath(await mailOffer(owner));
    await t.database.kysely
      .updateTable('users')
      .set({ status: 'erased', email: null })
      .where('id', '=', owner.userId)
      .execute();
    const res = await oneClick(path);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not-found');
  });
});

describe('sending owner messages', () => {
  test('an owner who has not opted into marketing email is skipped, and nothing is mailed', async () => {
    const outcome = await preferences.sendOwnerMessage({
      userId: owner.userId,
      category: 'marketing',
      subject: 'Not for you',
      text: 'An offer.',
    });
    expect(outcome).toEqual({ status: 'skipped', reason: 'preference-off' });
    expect(await t.app.mailOutbox.drain()).toBe(0);
    expect(smtp.received.some((m) => m.subject === 'Not for you')).toBe(false);
  });

  test('clinic news goes out by default, and stops once its link has been used', async () => {
    const first = await preferences.sendOwnerMessage({
      userId: owner.userId,
      category: 'clinic-news',
      subject: 'Holiday opening hours',
      text: 'We close at noon on 24 December.',
    });
    expect(first.status).toBe('queued');
    await t.app.mailOutbox.drain();
    const mail = await smtp.waitFor(owner.email, (m) => m.subject === 'Holiday opening hours');
    expect(mail.text).toMatch(/clinic news emails are on for you/);
    const res = await oneClick(oneClickPath(mail));
    expect(res.json()).toMatchObject({ category: 'clinic-news', channel: 'email', changed: true });
    const second = await preferences.sendOwnerMessage({
      userId: owner.userId,
      category: 'clinic-news',
      subject: 'New year opening hours',
      text: 'Open as usual.',
    });
    expect(second).toEqual({ status: 'skipped', reason: 'preference-off' });
  });

  test('links point at PUBLIC_URL when it is set', async () => {
    const config = loadConfig({ PUBLIC_URL: 'https://pets.dr-kim.example/' });
    const service = await preferencesServiceFor(t, config);
    const links = service.unsubscribeLinks({ id: 7, clinicSlug: 'dr-kim' }, 'marketing', 'email');
    expect(links.oneClickUrl).toBe(`https://pets.dr-kim.example/api/unsubscribe/${links.token}`);
    expect(links.pageUrl).toBe(`https://pets.dr-kim.example/c/dr-kim/unsubscribe/${links.token}`);
  });
});

describe('helpers for other code', () => {
  test('unsubscribeHeaders gives the two RFC 8058 headers for a URL', () => {
    expect(unsubscribeHeaders('https://pets.example/api/unsubscribe/abc.def')).toEqual({
      'List-Unsubscribe': '<https://pets.example/api/unsubscribe/abc.def>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  test('publicOrigin prefers PUBLIC_URL, then the request’s own origin, then the local server', () => {
    const request = { protocol: 'http' as const, host: '127.0.0.1:8080' };
    expect(publicOrigin({ publicUrl: 'https://pets.example', port: 8080 }, request)).toBe(
      'https://pets.example',
    );
    expect(publicOrigin({ publicUrl: undefined, port: 8080 }, request)).toBe(
      'http://127.0.0.1:8080',
    );
    expect(publicOrigin({ publicUrl: undefined, port: 3000 })).toBe('http://localhost:3000');
  });
});
