import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { AppProviders } from '../../src/app/providers.tsx';
import { PushBanner } from '../../src/app/banners/push-banner.tsx';
import type { Locale } from '../../src/lib/i18n/i18n.tsx';
import { resetPushStatus } from '../../src/lib/push-status.ts';
import { Reply, requestsMade, stubFetch } from './fixtures/fetch-stub.ts';
import {
  ENDPOINT,
  fakePushBrowser,
  fakeSubscription,
  removePushBrowser,
  VAPID_PUBLIC_KEY,
} from './fixtures/push-browser.ts';

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

const spies: Array<{ mockRestore: () => void }> = [];

beforeEach(() => {
  resetPushStatus();
  window.matchMedia = vi.fn((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(() => false),
  }));
});

afterEach(() => {
  for (const spy of spies.splice(0)) spy.mockRestore();
  vi.unstubAllGlobals();
  removePushBrowser();
});

function renderBanner({ clinic = 'dr-kim', locale = 'en' as Locale } = {}) {
  const queryClient = new QueryClient();
  return render(
    <AppProviders queryClient={queryClient} locale={locale}>
      <MemoryRouter initialEntries={[`/c/${clinic}/`]}>
        <PushBanner clinic={clinic} clinicName="Dr. Kim" />
      </MemoryRouter>
    </AppProviders>,
  );
}

const banner = () => screen.getByRole('region', { name: 'Push notifications' });
const pushApi = () => ({
  '/api/push/vapid-public-key': { publicKey: VAPID_PUBLIC_KEY },
  'POST /api/clinics/dr-kim/push/subscriptions': new Reply(201, { id: 31 }),
});

test('a browser without push says so, points to the Updates inbox, and offers no Enable', async () => {
  renderBanner();
  expect(banner().textContent).toContain('Push Notifications are disabled');
  await screen.findByText(/This browser can’t receive push notifications/);
  expect(screen.getByRole('link', { name: 'Updates' }).getAttribute('href')).toBe(
    '/c/dr-kim/updates',
  );
  expect(screen.queryByRole('button', { name: 'Enable' })).toBeNull();
});

test('iOS Safari in a tab is told that push needs the Home Screen app, iOS 16.4 or later', async () => {
  spies.push(vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(IPHONE_SAFARI));
  renderBanner();
  await screen.findByText(/iOS 16.4 or later/);
  expect(banner().textContent).toContain('added to the Home Screen (iOS 16.4 or later)');
  expect(banner().textContent).toContain('“Add to homescreen”');
  expect(screen.queryByRole('button', { name: 'Enable' })).toBeNull();
});

test('blocked notifications come with the steps to allow them on this platform', async () => {
  spies.push(vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(ANDROID_CHROME));
  fakePushBrowser({ permission: 'denied' });
  renderBanner();
  await screen.findByText(/Notifications are blocked for this app/);
  expect(banner().textContent).toContain('Notifications are blocked for this app');
  expect(banner().textContent).toContain('Settings → Apps → Dr. Kim → Notifications');
  expect(screen.queryByRole('button', { name: 'Enable' })).toBeNull();
});

test('the permission is asked only after Enable, then clinic news is subscribed and marketing is not', async () => {
  const user = userEvent.setup();
  const push = fakePushBrowser({ permission: 'default', answer: 'granted' });
  const fetch = stubFetch(pushApi());
  renderBanner();

  expect(banner().textContent).toContain('Get news from Dr. Kim on this device');
  expect(push.requestPermission).not.toHaveBeenCalled();

  await user.click(screen.getByRole('button', { name: 'Enable' }));
  expect(push.requestPermission).toHaveBeenCalledOnce();
  const news = await screen.findByRole('checkbox', { name: 'Clinic news' });
  const marketing = screen.getByRole('checkbox', { name: 'Offers and newsletter (marketing)' });
  // The Enable button is gone; focus moved to the question that replaced it.
  await waitFor(() => expect(document.activeElement).toBe(news));
  expect((news as HTMLInputElement).checked).toBe(true);
  expect((marketing as HTMLInputElement).checked).toBe(false);
  // Nothing is subscribed before the categories are confirmed.
  expect(push.subscribe).not.toHaveBeenCalled();

  await user.click(screen.getByRole('button', { name: 'Turn on notifications' }));
  const title = await screen.findByText('Push notifications are on');
  await waitFor(() => expect(document.activeElement).toBe(title));
  expect(within(banner()).getByRole('status').textContent).toContain(
    'This device will get notifications from Dr. Kim.',
  );

  const [options] = push.subscribe.mock.calls[0] as [PushSubscriptionOptionsInit];
  expect(options.userVisibleOnly).toBe(true);
  expect(Buffer.from(options.applicationServerKey as Uint8Array).toString('base64url')).toBe(
    VAPID_PUBLIC_KEY,
  );
  const writes = requestsMade(fetch).filter((r) => r.method !== 'GET');
  expect(writes).toEqual([
    {
      method: 'POST',
      path: '/api/clinics/dr-kim/push/subscriptions',
      body: {
        subscription: fakeSubscription().toJSON(),
        categories: ['clinic-news'],
      },
    },
  ]);
  expect(JSON.parse(localStorage.getItem('pawtal:push:dr-kim') ?? '{}')).toMatchObject({
    id: 31,
    endpoint: ENDPOINT,
    categories: ['clinic-news'],
  });
});

test('marketing is sent only when it is ticked', async () => {
  const user = userEvent.setup();
  fakePushBrowser();
  const fetch = stubFetch(pushApi());
  renderBanner();
  await user.click(screen.getByRole('button', { name: 'Enable' }));
  await user.click(
    await screen.findByRole('checkbox', { name: 'Offers and newsletter (marketing)' }),
  );
  await user.click(screen.getByRole('button', { name: 'Turn on notifications' }));
  await screen.findByText('Push notifications are on');
  const post = requestsMade(fetch).find((r) => r.method === 'POST');
  expect(post?.body).toMatchObject({ categories: ['clinic-news', 'marketing'] });
});

test('unticking everything asks for a choice instead of subscribing to nothing', async () => {
  const user = userEvent.setup();
  const push = fakePushBrowser();
  stubFetch(pushApi());
  renderBanner();
  await user.click(screen.getByRole('button', { name: 'Enable' }));
  await user.click(await screen.findByRole('checkbox', { name: 'Clinic news' }));
  await user.click(screen.getByRole('button', { name: 'Turn on notifications' }));
  expect(screen.getByRole('alert').textContent).toBe('Choose at least one kind of notification.');
  expect(push.subscribe).not.toHaveBeenCalled();
});

test('a prompt closed without an answer can be asked again; a refusal shows how to undo it', async () => {
  const user = userEvent.setup();
  const push = fakePushBrowser({ answer: 'default' });
  renderBanner();
  await user.click(screen.getByRole('button', { name: 'Enable' }));
  await screen.findByText(/didn’t turn notifications on/);
  expect(screen.getByRole('button', { name: 'Enable' })).toBeTruthy();

  push.requestPermission.mockImplementation(async () => {
    push.setPermission('denied');
    return 'denied';
  });
  await user.click(screen.getByRole('button', { name: 'Enable' }));
  await screen.findByText(/Notifications are blocked for this app/);
  expect(screen.queryByRole('button', { name: 'Enable' })).toBeNull();
});

test('a server that refuses the subscription is explained and nothing is remembered', async () => {
  const user = userEvent.setup();
  fakePushBrowser();
  stubFetch({
    ...pushApi(),
    'POST /api/clinics/dr-kim/push/subscriptions': new Reply(400, {
      code: 'endpoint-not-allowed',
      message: 'This push service is not allowed.',
    }),
  });
  renderBanner();
  await user.click(screen.getByRole('button', { name: 'Enable' }));
  await user.click(await screen.findByRole('button', { name: 'Turn on notifications' }));
  expect((await screen.findByRole('alert')).textContent).toBe('This push service is not allowed.');
  expect(localStorage.getItem('pawtal:push:dr-kim')).toBeNull();
});

test('hiding the banner is remembered for that clinic, not for another', async () => {
  const user = userEvent.setup();
  fakePushBrowser();
  const first = renderBanner();
  await user.click(screen.getByRole('button', { name: 'Hide' }));
  expect(screen.queryByRole('region', { name: 'Push notifications' })).toBeNull();
  first.unmount();

  renderBanner();
  expect(screen.queryByRole('region', { name: 'Push notifications' })).toBeNull();
  expect(localStorage.getItem('pawtal:push-hidden:dr-kim')).toBe('1');
  renderBanner({ clinic: 'other-clinic' });
  expect(banner()).toBeTruthy();
});

test('a subscribed device shows no banner and asks nothing of the server', async () => {
  const push = fakePushBrowser({ permission: 'granted', subscription: fakeSubscription() });
  const fetch = stubFetch({});
  localStorage.setItem(
    'pawtal:push:dr-kim',
    JSON.stringify({
      id: 31,
      endpoint: ENDPOINT,
      categories: ['clinic-news'],
      isOwnerDevice: false,
    }),
  );
  renderBanner();
  await waitFor(() => expect(push.getSubscription).toHaveBeenCalled());
  expect(screen.queryByRole('region', { name: 'Push notifications' })).toBeNull();
  expect(fetch).not.toHaveBeenCalled();
});

test('a subscription revoked outside the app is detected at start, the server told, and shown even when hidden', async () => {
  fakePushBrowser({ permission: 'granted', subscription: null });
  const fetch = stubFetch({
    'DELETE /api/clinics/dr-kim/push/subscriptions/31': new Reply(204, null),
  });
  localStorage.setItem('pawtal:push-hidden:dr-kim', '1');
  localStorage.setItem(
    'pawtal:push:dr-kim',
    JSON.stringify({
      id: 31,
      endpoint: ENDPOINT,
      categories: ['clinic-news'],
      isOwnerDevice: false,
    }),
  );
  renderBanner();

  await screen.findByText('Push notifications stopped');
  expect(banner().textContent).toContain('were turned off outside the app');
  expect(requestsMade(fetch)).toEqual([
    {
      method: 'DELETE',
      path: '/api/clinics/dr-kim/push/subscriptions/31',
      body: { endpoint: ENDPOINT },
    },
  ]);
  expect(localStorage.getItem('pawtal:push:dr-kim')).toBeNull();
  expect(screen.getByRole('button', { name: 'Enable again' })).toBeTruthy();
});

test('permission withdrawn in settings counts as lost, with the steps to allow it again', async () => {
  fakePushBrowser({ permission: 'denied', subscription: null });
  const fetch = stubFetch({
    'DELETE /api/clinics/dr-kim/push/subscriptions/31': new Reply(404, {
      code: 'not-found',
      message: 'Nothing was found at this address.',
    }),
  });
  localStorage.setItem(
    'pawtal:push:dr-kim',
    JSON.stringify({
      id: 31,
      endpoint: ENDPOINT,
      categories: ['clinic-news'],
      isOwnerDevice: false,
    }),
  );
  renderBanner();
  expect(banner().textContent).toContain('Push notifications stopped');
  await screen.findByText(/Notifications are blocked for this app/);
  expect(screen.queryByRole('button', { name: /Enable/ })).toBeNull();
  // A server that no longer knows the device is no reason to keep the record.
  await waitFor(() => expect(localStorage.getItem('pawtal:push:dr-kim')).toBeNull());
  expect(requestsMade(fetch)).toHaveLength(1);
});

test('the banner speaks Spanish', () => {
  fakePushBrowser();
  renderBanner({ locale: 'es' });
  const region = screen.getByRole('region', { name: 'Notificaciones push' });
  expect(region.textContent).toContain('Las notificaciones push están desactivadas');
  expect(screen.getByRole('button', { name: 'Activar' })).toBeTruthy();
});

test('a subscription renewed by the browser is registered again at start, without a "stopped" notice', async () => {
  const renewed = 'https://fcm.googleapis.com/fcm/send/device-1-renewed';
  fakePushBrowser({ permission: 'granted', subscription: fakeSubscription(renewed) });
  const fetch = stubFetch({
    'POST /api/clinics/dr-kim/push/subscriptions': new Reply(201, { id: 32 }),
    'DELETE /api/clinics/dr-kim/push/subscriptions/31': new Reply(204, null),
  });
  localStorage.setItem(
    'pawtal:push:dr-kim',
    JSON.stringify({
      id: 31,
      endpoint: ENDPOINT,
      categories: ['clinic-news'],
      isOwnerDevice: false,
    }),
  );
  renderBanner();
  await waitFor(() =>
    expect(JSON.parse(localStorage.getItem('pawtal:push:dr-kim') ?? '{}')).toMatchObject({
      id: 32,
      endpoint: renewed,
    }),
  );
  expect(requestsMade(fetch)).toEqual([
    {
      method: 'POST',
      path: '/api/clinics/dr-kim/push/subscriptions',
      body: { subscription: fakeSubscription(renewed).toJSON(), categories: ['clinic-news'] },
    },
    {
      method: 'DELETE',
      path: '/api/clinics/dr-kim/push/subscriptions/31',
      body: { endpoint: ENDPOINT },
    },
  ]);
  expect(screen.queryByRole('region', { name: 'Push notifications' })).toBeNull();
});

test('a subscription made with another deployment’s key is replaced when push is enabled', async () => {
  const user = userEvent.setup();
  const old = fakeSubscription(
    'https://fcm.googleapis.com/fcm/send/old-key',
    Buffer.from([4, ...Array.from({ length: 64 }, () => 1)]).toString('base64url'),
  );
  const push = fakePushBrowser({ permission: 'granted', subscription: old });
  const fetch = stubFetch(pushApi());
  renderBanner();
  await user.click(screen.getByRole('button', { name: 'Enable' }));
  await user.click(await screen.findByRole('button', { name: 'Turn on notifications' }));
  await screen.findByText('Push notifications are on');
  expect(old.unsubscribe).toHaveBeenCalledOnce();
  expect(push.subscribe).toHaveBeenCalledOnce();
  const post = requestsMade(fetch).find((r) => r.method === 'POST');
  expect(post?.body).toMatchObject({ subscription: { endpoint: ENDPOINT } });
});

test('an existing subscription with this deployment’s key is reused, not made again', async () => {
  const user = userEvent.setup();
  const push = fakePushBrowser({ permission: 'granted', subscription: fakeSubscription() });
  stubFetch(pushApi());
  renderBanner();
  await user.click(screen.getByRole('button', { name: 'Enable' }));
  await user.click(await screen.findByRole('button', { name: 'Turn on notifications' }));
  await screen.findByText('Push notifications are on');
  expect(push.subscribe).not.toHaveBeenCalled();
});
