import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { PolicyListSchema, PolicyVersionSchema } from '../../src/contract/policy.ts';
import {
  launchPhone,
  tellPageItIsOffline,
  waitForServiceWorkerControl,
  type Phone,
} from '../support/e2e-browser.ts';
import { startE2eServer, type E2eServer } from '../support/e2e-server.ts';

let server: E2eServer;
let phone: Phone;

beforeAll(async () => {
  server = await startE2eServer();
  phone = await launchPhone({ baseURL: server.origin });
});

afterEach(() => phone?.assertNoBrowserErrors());

afterAll(async () => {
  await phone?.close();
  await server?.close();
});

async function apiGet<T>(pathname: string, schema: { parse(value: unknown): T }): Promise<T> {
  const response = await server.app.inject(pathname);
  expect(response.statusCode, pathname).toBe(200);
  return schema.parse(response.json());
}

test('after one online visit, both documents and a deep-linked section open offline as saved copies', async () => {
  const documents = await apiGet('/api/clinics/dr-kim/policies', PolicyListSchema);
  expect(documents.map((d) => d.title).sort()).toEqual(['Kontak Privacy Policy', 'Privacy Policy']);
  const texts = await Promise.all(
    documents.map((d) =>
      apiGet(
        `/api/clinics/dr-kim/policies/${d.id}/versions/${d.current.version}`,
        PolicyVersionSchema,
      ),
    ),
  );
  // Far down the vendor's long document, so arriving there takes a real scroll.
  const deepLinked = documents.findIndex((d) => d.id === 'vendor-privacy');
  const deepSection = texts[deepLinked]!.sections.at(-3)!;

  const page = await phone.newPage();
  await page.goto('/c/dr-kim/');
  await waitForServiceWorkerControl(page);
  // The app shows nothing when the documents are saved (it fetches them once more through
  // the new worker), so wait on the worker's cache, which is what the offline visit reads.
  const documentUrls = documents.map((d) =>
    server.url(`/api/clinics/dr-kim/policies/${d.id}/versions/${d.current.version}`),
  );
  // Polled from here: page.waitForFunction() does not await an async predicate (a pending
  // promise is truthy), which once let this test go offline before anything was saved.
  await expect
    .poll(
      () =>
        page.evaluate(async (urls) => {
          const cache = await caches.open('pawtal-api');
          const saved = await Promise.all(urls.map((url) => cache.match(url)));
          return saved.every((response) => response !== undefined);
        }, documentUrls),
      { timeout: 15_000 },
    )
    .toBe(true);

  await phone.context.setOffline(true);
  // The manifest, fetched before the worker took control, is fetched again through it.
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const cache = await caches.open('pawtal-clinic-assets');
          return (await cache.match('/c/dr-kim/manifest.webmanifest')) !== undefined;
        }),
      { timeout: 15_000 },
    )
    .toBe(true);

  await page.reload();
  await tellPageItIsOffline(page);
  await page.getByRole('heading', { level: 1, name: 'Your privacy' }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /^Saved copy from / })
    .waitFor();
  await page.getByRole('status').filter({ hasText: 'You’re offline' }).waitFor();
  for (const document of documents) {
    await page.getByRole('heading', { level: 2, name: document.title, exact: true }).waitFor();
  }

  for (const [index, document] of documents.entries()) {
    const hash = index === deepLinked ? `#${deepSection.id}` : '';
    await page.goto(`/c/dr-kim/policies/${document.id}${hash}`);
    await page.getByRole('heading', { level: 1, name: document.title, exact: true }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved copy from / })
      .waitFor();
    const firstSection = texts[index]!.sections[0]!;
    await page
      .getByRole('heading', { level: 2, name: firstSection.heading, exact: true })
      .waitFor();
    if (index === deepLinked) await expectScrolledTo(page, deepSection.heading);
  }

  await phone.context.setOffline(false);
  await page.close();
});

/** The section's heading sits in the top part of the screen, far down the document. */
async function expectScrolledTo(page: Page, heading: string): Promise<void> {
  const target = page.getByRole('heading', { level: 2, name: heading, exact: true });
  await expect.poll(() => target.evaluate((h) => h.getBoundingClientRect().top)).toBeLessThan(200);
  const { top, scrollY, innerHeight } = await target.evaluate((h) => ({
    top: h.getBoundingClientRect().top,
    scrollY: window.scrollY,
    innerHeight: window.innerHeight,
  }));
  expect(top).toBeGreaterThanOrEqual(0);
  expect(scrollY).toBeGreaterThan(innerHeight);
}
