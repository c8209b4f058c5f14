import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { InboxItem } from '../../src/contract/push.ts';
import { resetPushStatus } from '../../src/lib/push-status.ts';
import type { StoredUpdate } from '../../src/sw/inbox-store.ts';
import { accountApi, NOT_SIGNED_IN, owner } from './fixtures/account.ts';
import { NETWORK_ERROR, requestedPaths, stubFetch } from './fixtures/fetch-stub.ts';
import { clinicApi } from './fixtures/policies.ts';
import { removePushBrowser } from './fixtures/push-browser.ts';
import { renderApp } from './render-app.tsx';

// jsdom has no IndexedDB: the device's store is kept in memory here, behind the same functions.
const deviceStore = vi.hoisted(() => ({ updates: [] as StoredUpdate[] }));
vi.mock('../../src/sw/inbox-store.ts', () => ({
  MAX_STORED_UPDATES: 300,
  saveUpdates: async (updates: StoredUpdate[]) => {
    for (const update of updates) {
      deviceStore.updates = [...deviceStore.updates.filter((u) => u.id !== update.id), update];
    }
  },
  listUpdates: async (clinic: string) =>
    deviceStore.updates
      .filter((u) => u.clinic === clinic)
      .sort((a, b) => b.sentAt.localeCompare(a.sentAt)),
  saveSubscriptionRecord: async () => undefined,
  listSubscriptionRecords: async () => [],
  deleteSubscriptionRecord: async () => undefined,
}));

const serverInbox: InboxItem[] = [
  {
    id: 12,
    clinic: 'dr-kim',
    title: 'Flu shots for cats',
    body: 'Book a flu shot for your cat before December.',
    url: '/c/dr-kim/policies/clinic-privacy',
    category: 'clinic-news',
    sentAt: '2026-11-21T16:00:00.000Z',
  },
  {
    id: 10,
    clinic: 'dr-kim',
    title: 'New opening hours',
    body: 'We now open at 8:00 on Saturdays.',
    url: null,
    category: 'clinic-news',
    sentAt: '2026-11-10T16:00:00.000Z',
  },
];

const pushedToDevice: StoredUpdate = {
  id: 14,
  clinic: 'dr-kim',
  title: 'Winter offer',
  body: '10% off dental checks in December.',
  url: 'https://evil.example/',
  category: 'marketing',
  sentAt: '2026-11-22T16:00:00.000Z',
  receivedAt: '2026-11-22T16:00:02.000Z',
};

beforeEach(() => {
  deviceStore.updates = [];
  resetPushStatus();
});

afterEach(() => {
  vi.unstubAllGlobals();
  removePushBrowser();
});

function signIn() {
  localStorage.setItem('pawtal:signed-in', 'dr-kim');
  localStorage.setItem('pawtal:owner', String(owner.id));
}

test('an owner’s inbox merges the server’s updates with those pushed to this device, newest first', async () => {
  signIn();
  deviceStore.updates = [pushedToDevice];
  stubFetch({ ...accountApi(), 'GET /api/me/updates': serverInbox });
  renderApp('/c/dr-kim/updates');

  await screen.findByRole('heading', { level: 1, name: 'Updates' });
  const items = await screen.findAllByRole('article');
  expect(items.map((item) => within(item).getByRole('heading').textContent)).toEqual([
    'Winter offer',
    'Flu shots for cats',
    'New opening hours',
  ]);
  expect(
    within(items[1]!).getByRole('link', { name: 'Open: Flu shots for cats' }).getAttribute('href'),
  ).toBe('/c/dr-kim/policies/clinic-privacy');
  // A link outside the clinic's app is not offered.
  expect(within(items[0]!).queryByRole('link')).toBeNull();
  expect(within(items[0]!).getByText('Marketing')).toBeTruthy();
  // The server's list is kept on the device, marked as this owner's, for offline reading.
  expect(deviceStore.updates.filter((u) => u.ownerId === owner.id).map((u) => u.id)).toEqual([
    12, 10,
  ]);
});

test('a visitor without an account sees what reached this device, and the server is not asked', async () => {
  deviceStore.updates = [
    pushedToDevice,
    { ...pushedToDevice, id: 3, title: 'Someone else’s copy', ownerId: 99 },
    { ...pushedToDevice, id: 4, clinic: 'other-clinic', title: 'Other clinic' },
  ];
  const fetch = stubFetch(clinicApi());
  renderApp('/c/dr-kim/updates');

  await screen.findByText('Winter offer');
  expect(screen.getAllByRole('article')).toHaveLength(1);
  expect(screen.getByText(/reached this device by notification/)).toBeTruthy();
  expect(
    screen.getByRole('link', { name: 'Sign in to see all your updates' }).getAttribute('href'),
  ).toBe('/c/dr-kim/sign-in?next=%2Fc%2Fdr-kim%2Fupdates');
  expect(requestedPaths(fetch)).not.toContain('/api/me/updates');
});

test('offline, the owner reads the copy kept on this device and is told so', async () => {
  signIn();
  deviceStore.updates = [
    { ...serverInbox[0]!, url: null, receivedAt: '2026-11-21T16:00:01.000Z', ownerId: owner.id },
    {
      ...serverInbox[1]!,
      id: 9,
      title: 'Another owner’s update',
      receivedAt: '2026-11-21T16:00:01.000Z',
      ownerId: 99,
    },
  ];
  stubFetch({ ...accountApi(), 'GET /api/me/updates': NETWORK_ERROR });
  renderApp('/c/dr-kim/updates');

  await screen.findByText('Flu shots for cats');
  expect(screen.getByText(/these are the updates saved on this device/)).toBeTruthy();
  expect(screen.queryByText('Another owner’s update')).toBeNull();
});

test('an ended session falls back to what reached this device', async () => {
  signIn();
  deviceStore.updates = [pushedToDevice];
  stubFetch({ ...accountApi(), 'GET /api/me/updates': NOT_SIGNED_IN });
  renderApp('/c/dr-kim/updates');
  await screen.findByText('Winter offer');
  await waitFor(() => expect(localStorage.getItem('pawtal:signed-in')).toBeNull());
});

test('an empty inbox says so, in Spanish too', async () => {
  stubFetch(clinicApi());
  renderApp('/c/dr-kim/updates', { locale: 'es' });
  await screen.findByRole('heading', { level: 1, name: 'Novedades' });
  expect(
    await screen.findByText('Todavía no hay nada. Aquí aparecerán las novedades de la clínica.'),
  ).toBeTruthy();
});

test('the account page links to the Updates inbox and the push devices', async () => {
  signIn();
  stubFetch(accountApi());
  renderApp('/c/dr-kim/account');
  await screen.findByRole('heading', { level: 1, name: 'Your account' });
  const main = within(screen.getByRole('main'));
  expect(main.getByRole('link', { name: 'Updates' }).getAttribute('href')).toBe(
    '/c/dr-kim/updates',
  );
  expect(
    main.getByRole('link', { name: 'Devices that get notifications' }).getAttribute('href'),
  ).toBe('/c/dr-kim/account/devices');
});
