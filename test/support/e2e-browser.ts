import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type AxeCore from 'axe-core';
import {
  chromium,
  type BrowserContext,
  type CDPSession,
  type Locator,
  type Page,
} from 'playwright-core';

const require = createRequire(import.meta.url);

/** No browser download works here: the system Chromium is the one under test. */
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
// As root, with no GPU and a closed network: without the background-networking flags
// Chromium keeps trying to reach Google's hosts, which this machine refuses.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Chromium fires `beforeinstallprompt` only after some "user engagement". Headless
  // Chromium 156 happens to fire it on the first visit anyway; the flag makes that a promise.
  '--bypass-app-banner-engagement-checks',
];

/** A mid-size phone (an iPhone 14's CSS viewport), and the narrowest screen we support. */
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;
export const NARROW_VIEWPORT = { width: 320, height: 640 } as const;

export interface Phone {
  context: BrowserContext;
  /** A new tab on the phone. */
  newPage(): Promise<Page>;
  cdp(page: Page): Promise<CDPSession>;
  /**
   * Errors the current test expects (a request that fails while offline, say). They are
   * forgotten after the next `assertNoBrowserErrors()`, so each test states its own.
   */
  expectErrors(...patterns: RegExp[]): void;
  /** Throws if a page or the service worker reported an error nobody expected, then resets. */
  assertNoBrowserErrors(): void;
  close(): Promise<void>;
}

/**
 * Chromium as a phone: touch, a coarse pointer, 2× pixels. A persistent context with a fresh
 * profile, because service workers and installability need a normal profile: a context from
 * `browser.newContext()` is an incognito one.
 */
export async function launchPhone(options: { baseURL: string }): Promise<Phone> {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'pawtal-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL: options.baseURL,
    viewport: PHONE_VIEWPORT,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    colorScheme: 'light',
    locale: 'en-US',
    timezoneId: 'America/Los_Angeles',
  });

  const errors: string[] = [];
  let expected: RegExp[] = [];
  const record = (text: string) => {
    if (!expected.some((pattern) => pattern.test(text))) errors.push(text);
  };

  // Console errors include Chromium's own "Failed to load resource" and "Refused to … because
  // it violates the following Content Security Policy directive" lines.
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    record(`console.error: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  context.on('weberror', (error) => record(`uncaught: ${error.error().stack ?? error.error()}`));
  context.on('page', (page) => page.on('crash', () => record(`crashed: ${page.url()}`)));
  // Chromium logs CSP violations to the console by habit, not by promise; the standard signal
  // is the securitypolicyviolation event, so the page reports each one too. Init scripts go
  // in through CDP and are not subject to the CSP.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `Content-Security-Policy violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} in ${event.sourceFile || document.URL}`,
      );
    });
  });

  return {
    context,
    newPage: () => context.newPage(),
    cdp: (page) => context.newCDPSession(page),
    expectErrors(...patterns) {
      expected = [...expected, ...patterns];
    },
    assertNoBrowserErrors() {
      const found = errors.splice(0);
      expected = [];
      if (found.length > 0) {
        throw new Error(`The browser reported unexpected errors:\n${found.join('\n')}`);
      }
    },
    async close() {
      await context.close();
      await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

/** Navigator state that only the page can tell: is a service worker in charge of it? */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
}

/**
 * After `context.setOffline(true)`, a document loaded by a later navigation reads
 * `navigator.onLine === true` in Debian's Chromium 150 (the network stays cut; 156 kept the
 * flag). Emulating offline again on the page's own DevTools session gives the document what a
 * phone without signal would: `onLine` false and an `offline` event. Call it after each
 * navigation that must see it; the session stays attached, as detaching would lift it.
 */
export async function tellPageItIsOffline(page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page);
  await session.send('Network.emulateNetworkConditions', {
    offline: true,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await page.waitForFunction(() => !navigator.onLine);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let axeSource: string | undefined;

/**
 * axe-core's violations for the page as it is now. The CSP forbids inline scripts, so axe is
 * evaluated through the DevTools protocol (which the CSP does not govern) rather than added
 * as a <script>: the page keeps its real CSP, and any violation still fails the test.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // Installed on window just above; the page's globals have no types for it.
    const { axe } = window as unknown as { axe: typeof AxeCore };
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
}

/** Whether the page scrolls sideways, which a reader on a narrow phone should never need. */
export async function horizontalOverflow(
  page: Page,
): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    innerWidth: window.innerWidth,
  }));
}

export interface TouchTarget {
  name: string;
  width: number;
  height: number;
}

/**
 * The visible buttons, links, inputs, selects and summaries that the locators match or
 * contain, with their rendered size in CSS pixels. Links in running text (a paragraph or list
 * item of the policy) are left out: WCAG 2.5.8 exempts targets inside a sentence.
 */
export async function touchTargets(locators: Locator[]): Promise<TouchTarget[]> {
  const found: TouchTarget[] = [];
  for (const locator of locators) {
    found.push(
      ...(await locator.evaluateAll((containers) => {
        const controls = 'a[href], button, input:not([type="hidden"]), select, textarea, summary';
        const targets = new Set<Element>();
        for (const container of containers) {
          if (container.matches(controls)) targets.add(container);
          for (const element of container.querySelectorAll(controls)) targets.add(element);
        }
        return [...targets].flatMap((element) => {
          // Inside a closed <details>, or hidden: not a target (yet).
          if (!element.checkVisibility({ visibilityProperty: true })) return [];
          const box = element.getBoundingClientRect();
          // Clipped to a pixel until focused, like the skip link: not a target yet either.
          if (box.width <= 1 || box.height <= 1) return [];
          const isInText =
            element.tagName === 'A' &&
            element.closest('p, li') !== null &&
            element.closest('.reader__body') !== null;
          if (isInText) return [];
          const labels =
            'labels' in element ? (element.labels as NodeListOf<HTMLLabelElement>) : null;
          const label =
            element.getAttribute('aria-label') ??
            (labels?.[0]?.textContent?.trim() ||
              element.textContent?.trim() ||
              element.tagName.toLowerCase());
          return [
            {
              name: `${element.tagName.toLowerCase()} “${label.replace(/\s+/g, ' ')}”`,
              width: Math.round(box.width * 10) / 10,
              height: Math.round(box.height * 10) / 10,
            },
          ];
        });
      })),
    );
  }
  return found;
}
