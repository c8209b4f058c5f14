import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { DeviceListSchema } from '../../src/contract/push.ts';
import { resetPushStatus } from '../../src/lib/push-status.ts';
import { accountApi, owner } from './fixtures/account.ts';
import { Handler, Reply, requestsMade, stubFetch } from './fixtures/fetch-stub.ts';
import {
  ENDPOINT,
  fakePushBrowser,
  fakeSubscription,
  removePushBrowser,
} from './fixtures/push-browser.ts';
import { renderApp } from './render-app.tsx';

const devices = DeviceListSchema.parse([
  {
    id: 4,
    label: 'Safari on Mac',
    pushService: 'Apple',
    endpoint: 'https://web.push.apple.com/other-device',
    createdAt: '2026-11-01T17:00:00.000Z',
    lastDeliveredAt: null,
  },
  {
    id: 7,
    label: 'Chrome on Android',
    pushService: 'Google',
    endpoint: ENDPOINT,
    createdAt: '2026-11-20T17:00:00.000Z',
    lastDeliveredAt: '2026-11-22T08:15:00.000Z',
  },
]);

beforeEach(() => {
  resetPushStatus();
  localStorage.setItem('pawtal:signed-in', 'dr-kim');
  localStorage.setItem('pawtal:owner', String(owner.id));
});

afterEach(() => {
  vi.unstubAllGlobals();
  removePushBrowser();
});

async function openDevices(routes: Record<string, unknown> = {}) {
  const fetch = stubFetch({ ...accountApi(), 'GET /api/me/devices': devices, ...routes });
  renderApp('/c/dr-kim/account/devices');
  await screen.findByRole('heading', { level: 1, name: 'Devices that get notifications' });
  const main = within(screen.getByRole('main'));
  await main.findByText('Safari on Mac');
  return { fetch, main };
}

const writes = (fetch: ReturnType<typeof stubFetch>) =>
  requestsMade(fetch).filter((r) => r.method !== 'GET');

test('this device is marked and listed first, with when each device last got a notification', async () => {
  fakePushBrowser({ permission: 'granted', subscription: fakeSubscription() });
  const { main } = await openDevices();
  await main.findByText('This device');
  const items = main.getAllByRole('listitem');
  expect(items[0]!.textContent).toContain('Chrome on Android');
  expect(items[0]!.textContent).toContain('This device');
  expect(items[0]!.textContent).toContain('via Google');
  expect(items[0]!.textContent).toMatch(/Last notification Nov 22, 2026/);
  expect(items[1]!.textContent).toContain('No notification yet');
});

test('“Send me a test notification” goes to this device; another device has its own test', async () => {
  const user = userEvent.setup();
  fakePushBrowser({ permission: 'granted', subscription: fakeSubscription() });
  const { fetch, main } = await openDevices({
    'POST /api/me/devices/7/test': new Reply(202, { id: 90 }),
    'POST /api/me/devices/4/test': new Reply(202, { id: 91 }),
  });
  await user.click(await main.findByRole('button', { name: 'Send me a test notification' }));
  await main.findByText('A test notification is on its way to Chrome on Android.');
  await user.click(main.getByRole('button', { name: 'Send a test notification to Safari on Mac' }));
  await main.findByText('A test notification is on its way to Safari on Mac.');
  expect(writes(fetch).map((w) => `${w.method} ${w.path}`)).toEqual([
    'POST /api/me/devices/7/test',
    'POST /api/me/devices/4/test',
  ]);
});

test('removing another device stops its notifications and leaves this one alone', async () => {
  const user = userEvent.setup();
  fakePushBrowser({ permission: 'granted', subscription: fakeSubscription() });
  localStorage.setItem(
    'pawtal:push:dr-kim',
    JSON.stringify({ id: 7, endpoint: ENDPOINT, categories: ['clinic-news'], isOwnerDevice: true }),
  );
  let removed = false;
  const { fetch, main } = await openDevices({
    'DELETE /api/me/devices/4': new Handler(() => {
      removed = true;
      return new Reply(204, null);
    }),
    'GET /api/me/devices': new Handler(() => (removed ? [devices[1]] : devices)),
  });
  await user.click(main.getByRole('button', { name: 'Remove Safari on Mac' }));
  await main.findByText('Safari on Mac was removed and gets no more notifications.');
  await waitFor(() =>
    expect(main.queryByRole('button', { name: 'Remove Safari on Mac' })).toBeNull(),
  );
  expect(writes(fetch)).toEqual([{ method: 'DELETE', path: '/api/me/devices/4', body: undefined }]);
  expect(localStorage.getItem('pawtal:push:dr-kim')).not.toBeNull();
});

test('removing this device forgets it here too, so push can be enabled again', async () => {
  const user = userEvent.setup();
  fakePushBrowser({ permission: 'granted', subscription: fakeSubscription() });
  localStorage.setItem(
    'pawtal:push:dr-kim',
    JSON.stringify({ id: 7, endpoint: ENDPOINT, categories: ['clinic-news'], isOwnerDevice: true }),
  );
  const { main } = await openDevices({ 'DELETE /api/me/devices/7': new Reply(204, null) });
  await main.findByText('This device');
  await user.click(main.getByRole('button', { name: 'Remove Chrome on Android' }));
  await main.findByText('Chrome on Android was removed and gets no more notifications.');
  expect(localStorage.getItem('pawtal:push:dr-kim')).toBeNull();
  // The banner offers push again.
  expect(await screen.findByRole('region', { name: 'Push notifications' })).toBeTruthy();
});

test('a device that is not subscribed is told how to turn notifications on', async () => {
  const { main } = await openDevices();
  expect(main.getByText(/This device doesn’t get notifications/)).toBeTruthy();
  expect(main.queryByRole('button', { name: 'Send me a test notification' })).toBeNull();
});

test('a failed removal is explained', async () => {
  const user = userEvent.setup();
  const { main } = await openDevices({
    'DELETE /api/me/devices/4': new Reply(404, {
      code: 'not-found',
      message: 'This device is not one of yours.',
    }),
  });
  await user.click(main.getByRole('button', { name: 'Remove Safari on Mac' }));
  expect((await main.findByRole('alert')).textContent).toContain(
    'This device is not one of yours.',
  );
});

test('with the banner hidden earlier, the Devices page still offers to turn push on here', async () => {
  fakePushBrowser({ permission: 'default' });
  localStorage.setItem('pawtal:push-hidden:dr-kim', '1');
  const { main } = await openDevices();
  const banner = main.getByRole('region', { name: 'Push notifications' });
  expect(within(banner).getByRole('button', { name: 'Enable' })).toBeTruthy();
  // Only this one: the shell's banner stays hidden.
  expect(screen.getAllByRole('region', { name: 'Push notifications' })).toHaveLength(1);
});
