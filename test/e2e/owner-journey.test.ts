import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { ConsentEventListSchema, PreferenceMatrixSchema } from '../../src/contract/preferences.ts';
import { getOrCreateSecret } from '../../server/lib/secrets.ts';
import { createSmtpMailer } from '../../server/mail/mailer.ts';
import { createPreferencesService } from '../../server/preferences/preferences.service.ts';
import {
  axeViolations,
  launchPhone,
  waitForServiceWorkerControl,
  type Phone,
} from '../support/e2e-browser.ts';
import { startE2eServer, type E2eServer } from '../support/e2e-server.ts';
import { codeIn, startSmtpServer } from '../support/smtp-server.ts';

/**
 * One owner's whole journey, in order, on one phone: each test carries on where the one before
 * it left off (vitest runs a file's tests one after another). Mail goes through the real
 * outbox, nodemailer and an SMTP server on loopback, and the codes and links are read from
 * what arrived there.
 */

const EMAIL = 'journey.owner@example.com';
const PENDING = 'Saved on this phone — will be sent when you’re online';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let server: E2eServer;
let phone: Phone;
let page: Page;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startE2eServer({ mailer: createSmtpMailer(smtp.url) });
  phone = await launchPhone({ baseURL: server.origin });
  page = await phone.newPage();
  // Install the worker first, so the screens load as they do on an owner's phone.
  await page.goto('/c/dr-kim/');
  await waitForServiceWorkerControl(page);
});

afterEach(() => phone?.assertNoBrowserErrors());

afterAll(async () => {
  await phone?.close();
  await server?.close();
  await smtp?.close();
});

async function expectNoAxeViolations(screen: string): Promise<void> {
  expect(await axeViolations(page), screen).toEqual([]);
}

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const marketingEmail = () =>
  page.getByRole('switch', { name: 'Marketing newsletter by email', exact: true });

/** The owner's own view of the server, with the session cookie the phone holds. */
async function fromServer<T>(pathname: string, schema: { parse(value: unknown): T }): Promise<T> {
  const response = await phone.context.request.get(pathname);
  expect(response.status(), pathname).toBe(200);
  return schema.parse(await response.json());
}

async function isOnAtServer(category: string, channel: string): Promise<boolean | undefined> {
  const { matrix } = await fromServer('/api/me/preferences', PreferenceMatrixSchema);
  return matrix.find((cell) => cell.category === category && cell.channel === channel)?.enabled;
}

test('an owner signs in with the code mailed to them and confirms they are 16 or older', async () => {
  await page.getByRole('link', { name: 'Sign in' }).click();
  await heading('Sign in').waitFor();
  await expectNoAxeViolations('sign-in');

  await page.getByLabel('Email address').fill(EMAIL);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await page.getByLabel('6-digit code').waitFor();
  await server.app.mailOutbox.drain();
  const mail = await smtp.waitFor(EMAIL);

  await page.getByLabel('6-digit code').fill(codeIn(mail));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await heading('How old are you?').waitFor();
  expect(new URL(page.url()).pathname).toBe('/c/dr-kim/sign-in/age');
  await expectNoAxeViolations('age');

  await page.getByRole('button', { name: 'I am 16 or older' }).click();
  await heading('Your account').waitFor();
  await page.getByRole('heading', { name: 'Your pets' }).waitFor();
  await expectNoAxeViolations('account');
});

test('a pet the owner adds is still on their account after a reload', async () => {
  await page.getByRole('button', { name: 'Add a pet' }).click();
  await page.getByLabel('Pet’s name').fill('Biscuit');
  await page.getByLabel('Species').selectOption('dog');
  await page.getByLabel('Birth date (optional)').fill('2020-05-03');
  await page.getByRole('button', { name: 'Add pet' }).click();
  await page.getByText('Biscuit was added.').waitFor();

  await page.reload();
  await heading('Your account').waitFor();
  const pets = page.getByRole('region', { name: 'Your pets' });
  await pets.getByRole('heading', { level: 3, name: 'Biscuit', exact: true }).waitFor();
});

test('marketing email turned on in the app is turned off by the unsubscribe link in the next marketing email', async () => {
  await page.getByRole('link', { name: 'Messages you get from the clinic' }).click();
  await heading('Messages from the clinic').waitFor();
  await expectNoAxeViolations('preferences');

  expect(await marketingEmail().isChecked()).toBe(false);
  // The input is drawn over by the switch's track; a click where a finger would land.
  await marketingEmail().click({ force: true });
  await page.getByText('Your choices are saved.').waitFor();
  expect(await marketingEmail().isChecked()).toBe(true);
  expect(await isOnAtServer('marketing', 'email')).toBe(true);

  // The clinic sends its newsletter: queued by the server, delivered by the outbox over SMTP.
  const user = await server.database.kysely
    .selectFrom('users')
    .select('id')
    .where('email', '=', EMAIL)
    .executeTakeFirstOrThrow();
  const preferences = createPreferencesService({
    db: server.database.kysely,
    dialect: server.database.dialect,
    clock: server.clock,
    config: { publicUrl: server.origin, port: 0 },
    unsubscribeSecret: await getOrCreateSecret(server.database.kysely, 'unsubscribe'),
    onMailQueued: () => undefined,
  });
  const outcome = await preferences.sendOwnerMessage({
    userId: user.id,
    category: 'marketing',
    subject: 'Spring check-up offer',
    text: 'Ten percent off every check-up in April.',
  });
  expect(outcome.status).toBe('queued');
  await server.app.mailOutbox.drain();
  const newsletter = await smtp.waitFor(EMAIL, (m) => m.subject === 'Spring check-up offer');

  // RFC 8058: a one-click URL on this server, and the header that says it takes a POST.
  const oneClick = /^<([^>]+)>$/.exec(newsletter.headers.get('list-unsubscribe') ?? '')?.[1];
  expect(oneClick).toMatch(new RegExp(`^${server.origin}/api/unsubscribe/[^/]+$`));
  expect(newsletter.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  // The link for people, in the text, carries the same token.
  const pageLink = new RegExp(`${server.origin}/c/dr-kim/unsubscribe/(\\S+)`).exec(newsletter.text);
  expect(pageLink, newsletter.text).not.toBeNull();
  expect(pageLink![1]).toBe(oneClick!.split('/').at(-1));

  await page.goto(pageLink![0]);
  await heading('Unsubscribe').waitFor();
  await page
    .getByText('This stops the marketing newsletter by email from', { exact: false })
    .waitFor();
  await expectNoAxeViolations('unsubscribe');
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: 'You will no longer get the marketing newsletter by email.' })
    .waitFor();
  expect(await isOnAtServer('marketing', 'email')).toBe(false);
});

// Straight after the link: the matrix this page fetched a moment before must not be shown as
// fresh (src/features/preferences/api/unsubscribe.ts).
test('after unsubscribing by the email link, the preferences screen shows marketing email off', async () => {
  await page.getByRole('link', { name: 'See all your choices' }).click();
  await heading('Messages from the clinic').waitFor();
  await expect.poll(() => marketingEmail().isChecked(), { timeout: 5_000 }).toBe(false);
});

test('the history of choices shows both changes, and how each was made', async () => {
  await page.goto('/c/dr-kim/account/preferences');
  await heading('Messages from the clinic').waitFor();
  await page.getByRole('link', { name: 'See the history of your choices' }).click();
  await heading('History of your choices').waitFor();
  const items = page.getByRole('listitem').filter({ hasText: 'Marketing newsletter by email' });
  await items.first().waitFor();
  expect(await items.allInnerTexts()).toEqual([
    expect.stringMatching(
      /^Marketing newsletter by email: turned off \(was on\)\s+from the link in an email · /,
    ),
    expect.stringMatching(/^Marketing newsletter by email: turned on \(was off\)\s+in the app · /),
  ]);
  await expectNoAxeViolations('history');
});

test('a change made offline waits on the phone through a reload, and reaches the server once back online', async () => {
  await page.goto('/c/dr-kim/account/preferences');
  await heading('Messages from the clinic').waitFor();
  const surveysSms = page.getByRole('switch', { name: 'Surveys by text message', exact: true });
  const before = await surveysSms.isChecked();
  expect(await isOnAtServer('surveys', 'sms')).toBe(before);

  // While offline, the app's requests fail the way Chromium reports them; nothing else may.
  phone.expectErrors(/net::ERR_INTERNET_DISCONNECTED/);
  await phone.context.setOffline(true);
  await surveysSms.click({ force: true });
  await page.getByText(PENDING).first().waitFor();
  expect(await surveysSms.isChecked()).toBe(!before);

  await page.reload();
  await heading('Messages from the clinic').waitFor();
  await page.getByText(PENDING).first().waitFor();
  expect(await surveysSms.isChecked()).toBe(!before);

  await phone.context.setOffline(false);
  await page.getByText('Your choices are saved.').waitFor({ timeout: 15_000 });
  await expect.poll(() => isOnAtServer('surveys', 'sms')).toBe(!before);
  const [latest] = await fromServer('/api/me/consent-events', ConsentEventListSchema);
  expect(latest).toMatchObject({
    category: 'surveys',
    channel: 'sms',
    enabled: !before,
    previous: before,
    source: 'app',
  });
});
