import type { CDPSession, Page, Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { PushPayloadSchema } from '../../src/contract/push.ts';
import { createPushSender } from '../../server/push/push-sender.ts';
import {
  axeViolations,
  horizontalOverflow,
  launchPhone,
  NARROW_VIEWPORT,
  touchTargets,
  waitForServiceWorkerControl,
  type Phone,
} from '../support/e2e-browser.ts';
import { startE2eServer, type E2eServer } from '../support/e2e-server.ts';
import {
  startPushService,
  type LocalPushService,
  type TestSubscriber,
} from '../support/push-service.ts';
import { as, signIn, type SignedIn } from '../support/sessions.ts';
import type { TestApp } from '../support/test-app.ts';

/*
 * Push from the banner to the lock screen, in real Chromium on the production build:
 * - Chromium here cannot reach a real push service, so PushManager.subscribe() is stubbed
 *   to hand out a subscription of the local push service (test/support/push-service.ts);
 * - the server really encrypts and sends to that service, which decrypts and records;
 * - the test gives the decrypted payload to the service worker with CDP
 *   ServiceWorker.deliverPushMessage, as the browser would after its own decryption.
 */

let pushService: LocalPushService;
let server: E2eServer;
let phone: Phone;
let page: Page;
let subscriber: TestSubscriber;
let ownerSession: SignedIn;
let staffSession: SignedIn;

const OWNER = 'robin@example.com';
const STAFF = 'frontdesk@dr-kim.example';

function testApp(): TestApp {
  // signIn() needs only the app and the mail it sent.
  return { app: server.app, sentMail: server.sentMail } as unknown as TestApp;
}

/** The stubbed Push API: the page's PushManager hands out the local push service's subscription. */
function stubPushManager(subscription: TestSubscriber['subscription']) {
  const STORED = 'pawtal-e2e:push-key';
  const toBytes = (base64url: string) => {
    const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  };
  const toBase64Url = (bytes: Uint8Array) =>
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  const make = (serverKey: Uint8Array) => ({
    endpoint: subscription.endpoint,
    expirationTime: null,
    options: { userVisibleOnly: true, applicationServerKey: serverKey.buffer },
    getKey: (name: string) =>
      toBytes(name === 'p256dh' ? subscription.keys.p256dh : subscription.keys.auth).buffer,
    toJSON: () => ({
      endpoint: subscription.endpoint,
      expirationTime: null,
      keys: subscription.keys,
    }),
    unsubscribe: async () => {
      localStorage.removeItem(STORED);
      return true;
    },
  });
  const calls = { subscribe: 0 };
  Object.defineProperty(window, '__pushStub', { value: calls });
  PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
    calls.subscribe += 1;
    const key = options?.applicationServerKey;
    if (!key || typeof key === 'string') throw new TypeError('expected the key as bytes');
    const bytes = new Uint8Array(ArrayBuffer.isView(key) ? key.buffer : key);
    localStorage.setItem(STORED, toBase64Url(bytes));
    return make(bytes) as unknown as PushSubscription;
  };
  PushManager.prototype.getSubscription = async function () {
    const stored = localStorage.getItem(STORED);
    return (stored ? make(toBytes(stored)) : null) as unknown as PushSubscription | null;
  };
}

async function signInBrowser(who: SignedIn): Promise<void> {
  const [name, value] = who.cookie.split('=') as [string, string];
  await phone.context.addCookies([{ name, value, url: server.origin }]);
  await page.evaluate(() => localStorage.setItem('pawtal:signed-in', 'dr-kim'));
}

async function pushRegistrationId(cdp: CDPSession): Promise<string> {
  const scope = server.url('/');
  const found = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const registration = registrations.find((r) => r.scopeURL === scope && !r.isDeleted);
      if (registration) resolve(registration.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  return found;
}

interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  icon: string;
  badge: string;
  actions: { action: string; title: string }[];
  data: { url: string; category: string; updateId: number };
}

function shownNotifications(): Promise<ShownNotification[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const notifications = await registration.getNotifications();
    // badge and actions are missing from lib.dom's Notification.
    type Shown = Notification & { badge: string; actions?: { action: string; title: string }[] };
    return (notifications as Shown[]).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      icon: n.icon,
      badge: n.badge,
      actions: (n.actions ?? []).map((a) => ({ action: a.action, title: a.title })),
      data: n.data as ShownNotification['data'],
    }));
  });
}

/** axe in light and in dark mode: the clinic's colours must read in both. */
async function axeBothSchemes(): Promise<unknown[]> {
  const found: unknown[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    found.push(...(await axeViolations(page)).map((v) => ({ colorScheme, ...v })));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

async function serviceWorker(): Promise<Worker> {
  const [worker] = phone.context.serviceWorkers();
  return worker ?? phone.context.waitForEvent('serviceworker');
}

beforeAll(async () => {
  pushService = await startPushService();
  server = await startE2eServer({
    env: { PUSH_ALLOWED_ORIGINS: pushService.origin },
    pushSender: (vapid) =>
      createPushSender({ vapid, allowedOrigins: [pushService.origin], ca: pushService.caPem }),
  });
  phone = await launchPhone({ baseURL: server.origin });
  subscriber = pushService.createSubscriber();
  await phone.context.grantPermissions(['notifications'], { origin: server.origin });
  await phone.context.addInitScript(stubPushManager, subscriber.subscription);
  ownerSession = await signIn(testApp(), OWNER);
  staffSession = await signIn(testApp(), STAFF);
  page = await phone.newPage();
});

afterEach(() => phone?.assertNoBrowserErrors());

afterAll(async () => {
  await phone?.close();
  await server?.close();
  await pushService?.close();
});

test('the banner asks nothing on load; Enable, then the chosen kinds subscribe this device', async () => {
  await page.goto('/c/dr-kim/');
  await waitForServiceWorkerControl(page);
  await signInBrowser(ownerSession);
  await page.reload();

  const banner = page.getByRole('region', { name: 'Push notifications' });
  await banner.getByText('Push Notifications are disabled').waitFor();
  expect(
    await page.evaluate(
      () => (window as unknown as { __pushStub: { subscribe: number } }).__pushStub.subscribe,
    ),
  ).toBe(0);

  await banner.getByRole('button', { name: 'Enable' }).click();
  const marketing = banner.getByRole('checkbox', { name: 'Offers and newsletter (marketing)' });
  await marketing.waitFor();
  expect(await banner.getByRole('checkbox', { name: 'Clinic news' }).isChecked()).toBe(true);
  expect(await marketing.isChecked()).toBe(false);
  expect(await axeBothSchemes()).toEqual([]);
  const small = (await touchTargets([banner])).filter((t) => t.width < 44 || t.height < 44);
  expect(small).toEqual([]);
  await page.setViewportSize(NARROW_VIEWPORT);
  const overflow = await horizontalOverflow(page);
  expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
  await page.setViewportSize({ width: 390, height: 844 });

  await marketing.check();
  await banner.getByRole('button', { name: 'Turn on notifications' }).click();
  await banner.getByText('Push notifications are on').waitFor();

  const devices = await page.evaluate(async () => (await fetch('/api/me/devices')).json());
  expect(devices).toEqual([
    expect.objectContaining({ endpoint: subscriber.subscription.endpoint }),
  ]);
  const preferences = await page.evaluate(async () => (await fetch('/api/me/preferences')).json());
  expect(preferences.matrix).toContainEqual(
    expect.objectContaining({ category: 'marketing', channel: 'push', enabled: true }),
  );

  // Next visit: subscribed, so no banner.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Your privacy' }).waitFor();
  // The banner renders with the page (its state is known at once); two frames are plenty.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  expect(await banner.count()).toBe(0);
});

test('a clinic update goes through the push service to the service worker, the notification and the inbox', async () => {
  // The inbox is open before the update exists: it must show it when the push arrives.
  await page.goto('/c/dr-kim/updates');
  await page.getByText('Nothing here yet.', { exact: false }).waitFor();

  const sent = await as(testApp(), staffSession).post('/api/clinics/dr-kim/updates', {
    title: 'Winter offer',
    body: '10% off dental checks in December.',
    url: '/c/dr-kim/updates',
    category: 'marketing',
  });
  expect(sent.statusCode, sent.body).toBe(202);
  const updateId = (sent.json() as { id: number }).id;
  await server.app.pushOutbox.drain();
  await pushService.waitForCount(1, 10_000);

  const [arrived] = pushService.received(subscriber.id);
  const payload = PushPayloadSchema.parse(JSON.parse(arrived!.payload));
  expect(payload).toMatchObject({
    updateId,
    clinic: 'dr-kim',
    title: 'Winter offer',
    category: 'marketing',
  });

  const cdp = await phone.cdp(page);
  const registrationId = await pushRegistrationId(cdp);
  // On a loaded machine Chromium has been seen to drop a message that arrives while it starts
  // the worker; a push service redelivers too, and the per-update tag makes that harmless.
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: server.origin,
      registrationId,
      data: arrived!.payload,
    });
    const isShown = await expect
      .poll(async () => (await shownNotifications()).length, { timeout: 5_000 })
      .toBe(1)
      .then(() => true)
      .catch(() => false);
    if (isShown) break;
  }
  expect(await shownNotifications()).toHaveLength(1);
  const [shown] = await shownNotifications();
  expect(shown).toEqual({
    title: 'Dr. Kim: Winter offer',
    body: '10% off dental checks in December.',
    tag: `update-${updateId}`,
    icon: server.url('/c/dr-kim/icons/icon-192.png'),
    badge: server.url('/c/dr-kim/icons/badge-96.png'),
    actions: [{ action: 'unsubscribe', title: 'Unsubscribe from these' }],
    data: expect.objectContaining({ url: '/c/dr-kim/updates', category: 'marketing', updateId }),
  });

  // The worker kept it for the inbox (IndexedDB), without an owner mark: it reached this device.
  const stored = await page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('pawtal-push');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('updates').objectStore('updates').getAll();
          get.onsuccess = () => resolve(get.result as unknown[]);
        };
      }),
  );
  expect(stored).toContainEqual(
    expect.objectContaining({ id: updateId, title: 'Winter offer', clinic: 'dr-kim' }),
  );

  const item = page.getByRole('article', { name: 'Winter offer' });
  await item.waitFor();
  await item.getByText('10% off dental checks in December.').waitFor();
  expect(await axeBothSchemes()).toEqual([]);
  await cdp.detach();
});

test('the notification’s Unsubscribe action turns marketing push off on the server, as a push-action consent change', async () => {
  const worker = await serviceWorker();
  const [shown] = await shownNotifications();
  // No headless way to press a notification's button: the worker gets the event a press
  // would give it, with the notification it is showing.
  await worker.evaluate(async (tag) => {
    // Runs in the worker; this file compiles with lib.dom, which lacks its types.
    const scope = globalThis as unknown as {
      registration: { getNotifications(filter: { tag: string }): Promise<Notification[]> };
      NotificationEvent: new (
        type: string,
        init: { notification: Notification; action: string },
      ) => Event;
      dispatchEvent(event: Event): boolean;
    };
    const [notification] = await scope.registration.getNotifications({ tag });
    if (!notification) throw new Error(`no notification ${tag}`);
    scope.dispatchEvent(
      new scope.NotificationEvent('notificationclick', { notification, action: 'unsubscribe' }),
    );
  }, shown!.tag);

  await expect
    .poll(
      async () =>
        (await page.evaluate(async () => (await fetch('/api/me/consent-events')).json())) as {
          category: string;
          channel: string;
          enabled: boolean;
          source: string;
        }[],
      { timeout: 10_000 },
    )
    .toContainEqual(
      expect.objectContaining({
        category: 'marketing',
        channel: 'push',
        enabled: false,
        source: 'push-action',
      }),
    );
  // The owner is told, in the same place as the update.
  await expect.poll(async () => (await shownNotifications())[0]?.title).toBe('Unsubscribed');
});

test('the Devices list marks this device, sends a test notification, and fits a 320 px screen', async () => {
  await page.setViewportSize(NARROW_VIEWPORT);
  await page.goto('/c/dr-kim/account/devices');
  const main = page.getByRole('main');
  await main.getByText('This device').waitFor();
  await main.getByRole('button', { name: 'Send me a test notification' }).click();
  await main.getByText(/A test notification is on its way/).waitFor();
  await server.app.pushOutbox.drain();
  await pushService.waitForCount(2, 10_000);

  expect(await axeBothSchemes()).toEqual([]);
  const overflow = await horizontalOverflow(page);
  expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
  const small = (await touchTargets([main])).filter((t) => t.width < 44 || t.height < 44);
  expect(small).toEqual([]);
});

test('staff send an update from the console and watch it be delivered', async () => {
  await signInBrowser(staffSession);
  await page.goto('/c/dr-kim/console/updates');
  await page.getByRole('heading', { level: 1, name: 'Send an update' }).waitFor();
  await page.getByLabel('Title').fill('Closed on Friday');
  await page.getByLabel('Message').fill('The clinic is closed on Friday for staff training.');
  await page.getByRole('button', { name: 'Send update' }).click();
  await page.getByText('The update “Closed on Friday” is on its way.').waitFor();

  const item = page.getByRole('article', { name: 'Closed on Friday' });
  await item.waitFor();
  await server.app.pushOutbox.drain();
  await item.getByText('Done').waitFor({ timeout: 10_000 });
  expect(await axeBothSchemes()).toEqual([]);
  const overflow = await horizontalOverflow(page);
  expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
  const small = (await touchTargets([page.getByRole('main')])).filter(
    (t) => t.width < 44 || t.height < 44,
  );
  expect(small).toEqual([]);
});

test('a subscription revoked outside the app is noticed at the next start and the server forgets the device', async () => {
  const before = await as(testApp(), ownerSession).get('/api/me/devices');
  expect(before.json()).toHaveLength(1);
  // As if the browser's site settings had dropped the subscription while the app was closed.
  await page.evaluate(() => localStorage.removeItem('pawtal-e2e:push-key'));
  await page.goto('/c/dr-kim/');
  const banner = page.getByRole('region', { name: 'Push notifications' });
  await banner.getByText('Push notifications stopped').waitFor();
  await banner.getByRole('button', { name: 'Enable again' }).waitFor();
  await expect
    .poll(async () => (await as(testApp(), ownerSession).get('/api/me/devices')).json())
    .toEqual([]);
});
