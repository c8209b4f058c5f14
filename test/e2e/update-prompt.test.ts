import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import {
  launchPhone,
  touchTargets,
  waitForServiceWorkerControl,
  type Phone,
} from '../support/e2e-browser.ts';
import { buildVariant, startE2eServer, type E2eServer } from '../support/e2e-server.ts';

let server: E2eServer;
let phone: Phone;
let rebuild: string;

beforeAll(async () => {
  // The rebuild runs while the server and Chromium start: it is the slowest part.
  // No build id exists in src, so the new build differs the way a real redeploy with other
  // settings would: VITE_DEFAULT_CLINIC (read by src/app/root-redirect.tsx) changes the main
  // bundle, hence its hash, index.html, the precache list and sw.js.
  const building = buildVariant({ VITE_DEFAULT_CLINIC: 'dr-kim-next-build' });
  // Awaited below; this only keeps an early failure from counting as unhandled meanwhile.
  building.catch(() => undefined);
  // One at a time into the variables, so afterAll closes whatever did start.
  server = await startE2eServer();
  phone = await launchPhone({ baseURL: server.origin });
  rebuild = await building;
});

afterEach(() => phone?.assertNoBrowserErrors());

afterAll(async () => {
  await phone?.close();
  await server?.close();
  if (rebuild) await fs.rm(rebuild, { recursive: true, force: true });
});

/** The main bundle an index.html loads, e.g. /assets/index-mv2SyOwr.js */
async function mainBundleOf(buildDir: string): Promise<string> {
  const html = await fs.readFile(path.join(buildDir, 'index.html'), 'utf8');
  const src = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error(`No module script in ${buildDir}/index.html`);
  return src;
}

test('after a new build, the update prompt appears, the page never reloads by itself, and Reload brings the new version', async () => {
  const oldBundle = await mainBundleOf(server.webRoot);
  const newBundle = await mainBundleOf(rebuild);
  expect(newBundle).not.toBe(oldBundle);

  const page = await phone.newPage();
  await page.goto('/c/dr-kim/policies/clinic-privacy');
  await waitForServiceWorkerControl(page);
  await page.getByRole('status').filter({ hasText: 'Available offline' }).waitFor();

  // Anything the owner was doing lives in this document; a reload would lose it.
  let loads = 0;
  page.on('load', () => (loads += 1));
  await page.getByRole('searchbox', { name: 'Search this document' }).fill('billing');
  await page.evaluate(() => Object.assign(window, { __beforeUpdate: true }));

  await server.deploy(rebuild);
  // What workbox-window does on its own when the tab becomes visible again after an hour.
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });

  const prompt = page.getByRole('region', { name: 'App update' });
  await prompt.getByText('A new version is available').waitFor();
  const reload = prompt.getByRole('button', { name: 'Reload' });
  await reload.waitFor();
  const [reloadTarget] = await touchTargets([reload]);
  expect(reloadTarget?.width).toBeGreaterThanOrEqual(44);
  expect(reloadTarget?.height).toBeGreaterThanOrEqual(44);

  // The new worker waits; the page stays exactly as the owner left it.
  const waiting = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return { isWaiting: registration?.waiting?.state === 'installed' };
  });
  expect(waiting).toEqual({ isWaiting: true });
  await page.waitForTimeout(1_000);
  expect(loads).toBe(0);
  expect(await page.evaluate(() => '__beforeUpdate' in window)).toBe(true);
  expect(await page.getByRole('searchbox', { name: 'Search this document' }).inputValue()).toBe(
    'billing',
  );

  await Promise.all([page.waitForEvent('load'), reload.click()]);
  await page.getByRole('heading', { level: 1, name: 'Privacy Policy' }).waitFor();
  expect(loads).toBe(1);

  const after = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const precache = (await caches.keys()).find((name) => name.startsWith('workbox-precache'));
    const precached = precache
      ? (await (await caches.open(precache)).keys()).map((r) => new URL(r.url).pathname)
      : [];
    return {
      mainBundle: document
        .querySelector('script[type="module"][src*="/assets/index-"]')
        ?.getAttribute('src'),
      isControlledByActive:
        navigator.serviceWorker.controller !== null &&
        registration?.active?.state === 'activated' &&
        registration.waiting === null,
      precached,
    };
  });
  expect(after.mainBundle).toBe(newBundle);
  expect(after.isControlledByActive).toBe(true);
  // The new worker's precache replaced the old build's files.
  expect(after.precached).toContain(newBundle);
  expect(after.precached).not.toContain(oldBundle);
  expect(await page.getByRole('region', { name: 'App update' }).count()).toBe(0);
  await page.close();
});
