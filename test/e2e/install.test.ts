import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { launchPhone, waitForServiceWorkerControl, type Phone } from '../support/e2e-browser.ts';
import { startE2eServer, type E2eServer } from '../support/e2e-server.ts';

let server: E2eServer;
let phone: Phone;

beforeAll(async () => {
  server = await startE2eServer();
  phone = await launchPhone({ baseURL: server.origin });
  // Before any page script: count the browser's own install offers, and whether they are real
  // (a synthetic event is not trusted). The app calls preventDefault(), so this listener,
  // added first, is the only witness.
  await phone.context.addInitScript(() => {
    const seen: { isTrusted: boolean }[] = [];
    Object.defineProperty(window, '__installOffers', { value: seen });
    window.addEventListener('beforeinstallprompt', (event) => {
      seen.push({ isTrusted: event.isTrusted });
    });
  });
});

afterEach(() => phone?.assertNoBrowserErrors());

afterAll(async () => {
  await phone?.close();
  await server?.close();
});

function installOffers(page: Page): Promise<{ isTrusted: boolean }[]> {
  return page.evaluate(() => (window as unknown as { __installOffers: [] }).__installOffers);
}

test('the service worker takes control on the first visit, and the footer says the app works offline', async () => {
  const page = await phone.newPage();
  await page.goto('/c/dr-kim/');
  await waitForServiceWorkerControl(page);

  const worker = await page.evaluate(() => ({
    script: navigator.serviceWorker.controller?.scriptURL,
    state: navigator.serviceWorker.controller?.state,
  }));
  expect(worker).toEqual({ script: server.url('/sw.js'), state: 'activated' });
  await page
    .getByRole('contentinfo')
    .getByRole('status')
    .filter({ hasText: 'Available offline' })
    .waitFor();
  await page.close();
});

test("the clinic's page is installable, with the clinic's name, colour and icons in its manifest", async () => {
  const page = await phone.newPage();
  await page.goto('/c/dr-kim/');
  await page.getByRole('heading', { level: 1, name: 'Your privacy' }).waitFor();
  const cdp = await phone.cdp(page);

  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);

  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.url).toBe(server.url('/c/dr-kim/manifest.webmanifest'));
  expect(manifest.errors).toEqual([]);
  expect(JSON.parse(manifest.data ?? '{}')).toMatchObject({
    id: '/c/dr-kim/',
    name: "Dr. Kim's Veterinary Clinic",
    short_name: 'Dr. Kim',
    start_url: '/c/dr-kim/',
    scope: '/c/dr-kim/',
    display: 'standalone',
    theme_color: '#1b6b5f',
    background_color: '#f7faf9',
    icons: expect.arrayContaining([
      expect.objectContaining({ src: '/c/dr-kim/icons/icon-192.png', sizes: '192x192' }),
      expect.objectContaining({ src: '/c/dr-kim/icons/icon-512.png', sizes: '512x512' }),
      expect.objectContaining({ src: '/c/dr-kim/icons/maskable-512.png', purpose: 'maskable' }),
    ]),
  });
  await cdp.detach();
  await page.close();
});

test('the install banner appears when Chromium offers installation, and "Hide" keeps it hidden after reloading', async () => {
  const page = await phone.newPage();
  await page.goto('/c/dr-kim/');

  // The real event: Chromium fires beforeinstallprompt headless too, nothing is synthesised.
  const banner = page.getByRole('region', { name: 'Install the app' });
  await banner.waitFor();
  expect(await installOffers(page)).toContainEqual({ isTrusted: true });
  await banner.getByText('Add to homescreen').waitFor();
  await banner.getByRole('button', { name: 'Install' }).waitFor();

  await banner.getByRole('button', { name: 'Hide' }).click();
  await banner.waitFor({ state: 'detached' });

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Your privacy' }).waitFor();
  // Only once Chromium has made its offer again does "still hidden" mean anything.
  await page.waitForFunction(
    () => (window as unknown as { __installOffers: [] }).__installOffers.length > 0,
  );
  // React renders the offer within a frame; give it two before looking.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  expect(await banner.count()).toBe(0);
  await page.close();
});
