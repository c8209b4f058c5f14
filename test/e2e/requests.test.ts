import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { DataExportSchema, PrivacyRequestListSchema } from '../../src/contract/requests.ts';
import { createSmtpMailer } from '../../server/mail/mailer.ts';
import {
  NARROW_VIEWPORT,
  PHONE_VIEWPORT,
  axeViolations,
  horizontalOverflow,
  launchPhone,
  touchTargets,
  waitForServiceWorkerControl,
  type Phone,
} from '../support/e2e-browser.ts';
import { startE2eServer, type E2eServer } from '../support/e2e-server.ts';
import { codeIn, startSmtpServer } from '../support/smtp-server.ts';

/**
 * Privacy requests end to end, in order: an owner files an access request and reads its
 * receipt and countdown, downloads their data, the clinic's front desk extends and then
 * completes the request from the console on another phone, the owner sees both in the
 * timeline, and finally deletes their account. Mail goes through the real outbox and SMTP.
 */

const EMAIL = 'privacy.owner@example.com';
const STAFF_EMAIL = 'frontdesk@dr-kim.example';
const EXTENSION_REASON = 'Your records are spread over two systems, so we need more time.';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let server: E2eServer;
let phone: Phone;
let page: Page;
let reference = '';

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startE2eServer({ mailer: createSmtpMailer(smtp.url) });
  phone = await launchPhone({ baseURL: server.origin });
  page = await phone.newPage();
  await page.goto('/c/dr-kim/');
  await waitForServiceWorkerControl(page);
});

afterEach(() => phone?.assertNoBrowserErrors());

afterAll(async () => {
  await phone?.close();
  await server?.close();
  await smtp?.close();
});

const heading = (on: Page, name: string) =>
  on.getByRole('heading', { level: 1, name, exact: true });

/** The newest mail to `to` whose subject matches, once the outbox has delivered it. */
async function mailTo(to: string, subject: RegExp, after: number) {
  await server.app.mailOutbox.drain();
  return smtp.waitFor(
    to,
    (mail) => subject.test(mail.subject) && smtp.received.indexOf(mail) >= after,
  );
}

async function signIn(on: Page, email: string) {
  await on.getByLabel('Email address').fill(email);
  const before = smtp.received.length;
  await on.getByRole('button', { name: 'Send me a code' }).click();
  await on.getByLabel('6-digit code').waitFor();
  const mail = await mailTo(email, /sign-in code/, before);
  await on.getByLabel('6-digit code').fill(codeIn(mail));
  await on.getByRole('button', { name: 'Sign in' }).click();
}

/** axe, at phone size and at 320 px, light and dark; nothing scrolls sideways at 320 px. */
async function expectAccessible(on: Page, screen: string): Promise<void> {
  for (const viewport of [PHONE_VIEWPORT, NARROW_VIEWPORT]) {
    await on.setViewportSize(viewport);
    for (const colorScheme of ['light', 'dark'] as const) {
      await on.emulateMedia({ colorScheme });
      expect(await axeViolations(on), `${screen}, ${colorScheme}, ${viewport.width} px`).toEqual(
        [],
      );
    }
    const { scrollWidth, innerWidth } = await horizontalOverflow(on);
    expect(scrollWidth, `${screen} at ${viewport.width} px`).toBeLessThanOrEqual(innerWidth);
    const small = (await touchTargets([on.getByRole('main')])).filter(
      (target) => target.width < 44 || target.height < 44,
    );
    expect(small, `${screen} at ${viewport.width} px`).toEqual([]);
  }
  await on.setViewportSize(PHONE_VIEWPORT);
  await on.emulateMedia({ colorScheme: 'light' });
}

/** The owner's requests as the server holds them, with the session cookie the phone holds. */
async function countRequests(): Promise<number> {
  const response = await phone.context.request.get('/api/me/requests');
  expect(response.status()).toBe(200);
  return PrivacyRequestListSchema.parse(await response.json()).length;
}

/** The entries of a ZIP (APPNOTE 4.3.12 central directory), inflated. */
function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    const method = archive.readUInt16LE(at + 10);
    const compressedSize = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localOffset = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    const localNameLength = archive.readUInt16LE(localOffset + 26);
    const localExtraLength = archive.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const data = archive.subarray(start, start + compressedSize);
    files.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

test('an owner signs in and files an access request, and sees its receipt and countdown at once', async () => {
  await page.getByRole('link', { name: 'Sign in' }).click();
  await heading(page, 'Sign in').waitFor();
  await signIn(page, EMAIL);
  await page.getByRole('button', { name: 'I am 16 or older' }).click();
  await heading(page, 'Your account').waitFor();

  await page.getByRole('link', { name: 'Your privacy rights' }).click();
  await heading(page, 'Your privacy rights').waitFor();
  await page.getByText('0 of 2 access requests used in the last 12 months.').waitFor();
  await expectAccessible(page, 'privacy rights');

  await page.getByRole('button', { name: 'Ask: See what the clinic holds about you' }).click();
  await page.getByLabel('Anything the clinic should know (optional)').fill('Everything, please.');
  await page.getByRole('button', { name: 'Send the request' }).click();

  const receipt = page.getByRole('region', { name: 'Receipt' });
  await receipt.getByText('The clinic received your request. Here is your receipt.').waitFor();
  reference = (await receipt.locator('.receipt__reference').textContent()) ?? '';
  expect(reference).toMatch(/^DRK-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await receipt.getByText('GDPR and CCPA: the earlier deadline applies').waitFor();
  expect(await receipt.getByText(/^end of \w+ \d+, \d{4}$/).count()).toBeGreaterThanOrEqual(1);
  // Both regimes: GDPR's one month (28–31 days) is stricter than CCPA's 45.
  const countdown = (await receipt.locator('.countdown').textContent()) ?? '';
  expect(countdown).toMatch(/^(2[89]|3[01]) days left$/);
  await page
    .getByText('1 of 2 access requests used in the last 12 months.', { exact: false })
    .waitFor();
  await expectAccessible(page, 'receipt');

  await receipt.getByRole('link', { name: 'See the request' }).click();
  await heading(page, 'Your request').waitFor();
  await page.getByRole('heading', { level: 2, name: 'What has happened' }).waitFor();
  await page.getByText('Received by the clinic').waitFor();
  await expectAccessible(page, 'request detail');
});

test('the owner downloads their data after a fresh code, and the file holds it', async () => {
  await page.goto('/c/dr-kim/account/privacy/download');
  await heading(page, 'Download my data').waitFor();
  const before = smtp.received.length;
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await page.getByLabel('6-digit code').waitFor();
  const mail = await mailTo(EMAIL, /confirms it is you/, before);
  await page.getByLabel('6-digit code').fill(codeIn(mail));

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Confirm' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^pawtal-data-dr-kim-\d{4}-\d{2}-\d{2}\.zip$/);
  await page
    .getByText(/^Saved pawtal-data-dr-kim-.*\.zip \(.+\)\. Look in your downloads\.$/)
    .waitFor();

  const files = unzip(await fs.readFile((await file.path())!));
  expect([...files.keys()]).toEqual(expect.arrayContaining(['data.json', 'index.html']));
  const data = DataExportSchema.parse(JSON.parse(files.get('data.json')!.toString('utf8')));
  expect(data.clinic.slug).toBe('dr-kim');
  expect(JSON.stringify(data.sections.profile)).toContain(EMAIL);
  expect(JSON.stringify(data.sections.requests)).toContain(reference);
  expect(files.get('index.html')!.toString('utf8')).toContain(EMAIL);
  await expectAccessible(page, 'download');
});

test('the front desk extends, then completes, the request from the console', async () => {
  const staffPhone = await launchPhone({ baseURL: server.origin });
  try {
    const staff = await staffPhone.newPage();
    // Not signed in yet: the console asks who this is, and the 401 sends them to sign in.
    staffPhone.expectErrors(/status of 401 .*\/api\/me\b/);
    await staff.goto('/c/dr-kim/console');
    await heading(staff, 'Sign in').waitFor();
    await signIn(staff, STAFF_EMAIL);
    await heading(staff, 'Privacy requests').waitFor();
    await staff.getByRole('link', { name: new RegExp(`Access request ${reference}`) }).waitFor();
    await expectAccessible(staff, 'console queue');

    await staff.getByRole('link', { name: new RegExp(`Access request ${reference}`) }).click();
    await heading(staff, 'Privacy request').waitFor();
    await staff.getByRole('button', { name: 'Extend the deadline' }).click();
    await staff.getByLabel('Reason for the extension (sent to the owner)').fill(EXTENSION_REASON);
    await staff.getByRole('button', { name: 'Extend the deadline' }).click();
    await staff.getByText(/^Extended to .+\. The owner is told why\.$/).waitFor();
    expect(await staff.getByRole('button', { name: 'Extend the deadline' }).count()).toBe(0);
    await expectAccessible(staff, 'console request');

    await staff.getByRole('button', { name: 'Complete the request' }).click();
    await staff
      .getByText(
        'The owner’s data export is generated and attached automatically when you complete it.',
      )
      .waitFor();
    await staff.getByLabel('Note to the owner (optional)').fill('Your copy is attached.');
    await staff.getByRole('button', { name: 'Complete the request' }).click();
    await staff.getByText('Completed. The owner is told.').waitFor();
    const timeline = staff.getByRole('heading', { level: 2, name: 'Timeline' }).locator('..');
    await timeline.getByText('Deadline extended').waitFor();
    await timeline.getByText(`Reason: ${EXTENSION_REASON}`).waitFor();
    expect(await timeline.getByText(/^Front desk, /).count()).toBe(2);
    staffPhone.assertNoBrowserErrors();
  } finally {
    await staffPhone.close();
  }
});

test('the owner sees the extension, with its reason, and the completion in the timeline', async () => {
  await page.goto('/c/dr-kim/account/privacy/requests');
  await heading(page, 'Your requests').waitFor();
  await page.getByRole('link', { name: `Access · ${reference}` }).click();
  await heading(page, 'Your request').waitFor();
  await page.getByText('Deadline extended').waitFor();
  await page.getByText(`Reason: ${EXTENSION_REASON}`).waitFor();
  await page.getByText('Note: Your copy is attached.').waitFor();
  await page.getByText('Answered').waitFor();
  await page.getByRole('button', { name: 'Download the copy of your data' }).waitFor();
  await expectAccessible(page, 'completed request');
});

test('the console tells an owner it is for clinic staff only', async () => {
  await page.goto('/c/dr-kim/console');
  await heading(page, 'For clinic staff only').waitFor();
  await page.getByRole('link', { name: 'Go to your account' }).waitFor();
  await expectAccessible(page, 'console refusal');
});

test('a person without an account files from the public page and confirms with the code sent to the address the clinic holds', async () => {
  await page.goto('/c/dr-kim/');
  await page.getByRole('link', { name: 'Make a privacy request without an account' }).click();
  await heading(page, 'Make a privacy request').waitFor();
  await expectAccessible(page, 'public request');

  await page.getByLabel('What are you asking for?').selectOption('restriction');
  await page.getByLabel('Full name of the person the request is about').fill('Pat Owner');
  await page.getByLabel('Email or mobile phone the clinic has for them').fill(EMAIL);
  const before = smtp.received.length;
  await page.getByRole('button', { name: 'Send the request' }).click();
  await page.getByRole('heading', { level: 2, name: 'Enter the code' }).waitFor();
  await page.getByText(/^DRK-/).waitFor();
  await expectAccessible(page, 'public request code');

  const mail = await mailTo(EMAIL, /confirms privacy request/, before);
  await page.getByLabel('6-digit code').fill(codeIn(mail));
  await page.getByRole('button', { name: 'Confirm the request' }).click();
  await page.getByText(/^Thank you: the request is verified\./).waitFor();
});

test('an authorized agent’s request waits until the owner confirms it in the app', async () => {
  await page.goto('/c/dr-kim/privacy-request');
  await heading(page, 'Make a privacy request').waitFor();
  await page
    .getByRole('radio', { name: 'I am an authorized agent, asking for someone else' })
    .check();
  await page.getByLabel('What are you asking for?').selectOption('portability');
  await page.getByLabel('Full name of the person the request is about').fill('Pat Owner');
  await page.getByLabel('Email or mobile phone the clinic has for them').fill(EMAIL);
  await page.getByLabel('Your name (the agent)').fill('Ada Agent');
  await page.getByLabel('Your email address').fill('ada.agent@example.com');
  await page
    .getByLabel('The person’s signed permission')
    .fill('Signed authorization form dated 20 Nov 2026, attached to my email to the clinic.');
  await expectAccessible(page, 'agent request');
  await page.getByRole('button', { name: 'Send the request' }).click();
  await page
    .getByText(/^The request was sent\. The clinic asks the person to confirm it/)
    .waitFor();

  await page.goto('/c/dr-kim/account/privacy/requests');
  const waiting = page.getByRole('listitem').filter({ hasText: 'Waiting for your confirmation' });
  await waiting.getByRole('link', { name: /^Portability · DRK-/ }).click();
  await page.getByRole('heading', { level: 2, name: 'Someone asked on your behalf' }).waitFor();
  await page.getByText('Ada Agent').waitFor();
  await expectAccessible(page, 'agent confirmation');
  await page.getByRole('button', { name: 'Yes, I asked them to' }).click();
  await page.getByText('Confirmed by the owner').waitFor();
  expect(
    await page.getByRole('heading', { level: 2, name: 'Someone asked on your behalf' }).count(),
  ).toBe(0);
});

test('a request made offline is queued on the phone, never shown as sent, and gets its receipt once the server has it', async () => {
  await page.goto('/c/dr-kim/account/privacy');
  await heading(page, 'Your privacy rights').waitFor();
  await page.getByRole('button', { name: 'Ask: Object to direct marketing' }).waitFor();
  const requestsBefore = await countRequests();

  await phone.context.setOffline(true);
  try {
    await page.getByRole('button', { name: 'Ask: Object to direct marketing' }).click();
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.getByText('Queued on this phone, not yet received by the clinic').waitFor();
    expect(await page.getByText(/received your request/).count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('pawtal:query-cache') ?? ''))
      .toContain('objection');
    expect(await countRequests()).toBe(requestsBefore);
    await expectAccessible(page, 'queued request');
  } finally {
    await phone.context.setOffline(false);
  }

  await page.getByText('The clinic received your request. Here is your receipt.').waitFor();
  expect(await page.getByText('Queued on this phone, not yet received by the clinic').count()).toBe(
    0,
  );
  expect(await countRequests()).toBe(requestsBefore + 1);
});

test('the owner deletes their account: an erasure request with its receipt', async () => {
  await page.goto('/c/dr-kim/account');
  await heading(page, 'Your account').waitFor();
  await page.getByRole('link', { name: 'Delete my account' }).click();
  await heading(page, 'Delete my account').waitFor();
  await page.getByText(/kept for 24 months without your name/).waitFor();
  await expectAccessible(page, 'delete account');
  // Stepped up a moment ago for the download: still within its 10 minutes.
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await page.getByText('Your deletion request was received.').waitFor();
  await page.getByText('Deletion', { exact: true }).waitFor();
  await expectAccessible(page, 'deletion receipt');

  await page.goto('/c/dr-kim/account/privacy/requests');
  await page.getByText(/^Deletion · DRK-/).waitFor();
});
