import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { runPolicyImport } from '../../server/scripts/policy-import.ts';
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

let server: E2eServer;
let phone: Phone;
let page: Page;

beforeAll(async () => {
  server = await startE2eServer();
  // A second version of the clinic's policy, published today and in effect next week, gives
  // the archive two versions, the diff something to show and the reader its "coming" notice.
  const seedText = await fs.readFile(path.resolve('server/seed/clinic-privacy-policy.txt'), 'utf8');
  const v2 = seedText
    .replace('Update: April 7, 2020', 'Update: December 1, 2026')
    .replace(
      'Your privacy is important to us',
      'Your privacy, and your pets’ privacy, are important to us',
    );
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'pawtal-e2e-policy-')), 'v2.txt');
  await fs.writeFile(file, v2);
  const nextWeek = new Date(server.clock.now().getTime() + 7 * 24 * 60 * 60 * 1000);
  const imported = await runPolicyImport(
    [
      '--clinic',
      'dr-kim',
      '--kind',
      'clinic',
      '--file',
      file,
      '--effective',
      nextWeek.toISOString(),
    ],
    { database: server.database, clock: server.clock },
  );
  expect(imported.version).toBe(2);
  await fs.rm(path.dirname(file), { recursive: true, force: true });

  phone = await launchPhone({ baseURL: server.origin });
  page = await phone.newPage();
  // Install the worker first, so every screen below loads as it does on an owner's phone.
  await page.goto('/c/dr-kim/');
  await waitForServiceWorkerControl(page);
});

afterEach(() => phone?.assertNoBrowserErrors());

afterAll(async () => {
  await phone?.close();
  await server?.close();
});

/** Each screen of the foundation, with the heading that says it has finished loading. */
const screens = [
  { name: 'document list', path: '/c/dr-kim/', heading: 'Your privacy' },
  { name: 'policy reader', path: '/c/dr-kim/policies/clinic-privacy', heading: 'Privacy Policy' },
  {
    name: 'version archive',
    path: '/c/dr-kim/policies/clinic-privacy/versions',
    heading: /^All versions/,
  },
  {
    name: 'version comparison',
    path: '/c/dr-kim/policies/clinic-privacy/diff?from=1&to=2',
    heading: /^What changed/,
  },
];

async function open(screen: (typeof screens)[number], viewport: { width: number; height: number }) {
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(screen.path);
  await page.getByRole('heading', { level: 1, name: screen.heading }).waitFor();
  // The banner appears when Chromium offers installation: check the page with it in place.
  await page.getByRole('region', { name: 'Install the app' }).waitFor();
}

// [name, screen] pairs: `%s` prints the name as a sentence, `$name` would quote it.
const named = screens.map((screen) => [screen.name, screen] as const);

test.each(named)(
  'the %s has no axe violations in light and dark mode, at 390 and 320 px wide',
  async (_name, screen) => {
    for (const viewport of [PHONE_VIEWPORT, NARROW_VIEWPORT]) {
      await open(screen, viewport);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        const violations = await axeViolations(page);
        expect(violations, `${colorScheme}, ${viewport.width} px`).toEqual([]);
      }
    }
  },
);

test.each(named)('the %s does not scroll sideways at 320 px', async (_name, screen) => {
  await open(screen, NARROW_VIEWPORT);
  const { scrollWidth, innerWidth } = await horizontalOverflow(page);
  expect(innerWidth).toBe(NARROW_VIEWPORT.width);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
});

test('every control in the header, the install banner and the reader toolbar is at least 44 by 44 px', async () => {
  const reader = screens[1]!;
  for (const viewport of [PHONE_VIEWPORT, NARROW_VIEWPORT]) {
    await open(reader, viewport);
    // Collapsed on phones; open, its entries are targets too.
    await page.getByText('Contents', { exact: true }).click();
    await page.getByRole('navigation', { name: 'Contents' }).getByRole('link').first().waitFor();
    const targets = await touchTargets([
      page.getByRole('banner'),
      page.getByRole('region', { name: 'Install the app' }),
      page.getByRole('link', { name: 'All documents' }),
      page.getByRole('navigation', { name: 'About this document' }),
      page.getByRole('search'),
      page.getByRole('navigation', { name: 'Contents' }),
      page.getByRole('link', { name: /^Link to the section/ }),
    ]);
    // Brand, language, Install, Hide, back, All versions, Compare, search box, ↑, ↓, Contents
    // and its entries, and a link beside each section heading.
    expect(targets.length, `${viewport.width} px`).toBeGreaterThan(20);
    const tooSmall = targets.filter((t) => t.width < 44 || t.height < 44);
    expect(tooSmall, `${viewport.width} px`).toEqual([]);
  }
});
