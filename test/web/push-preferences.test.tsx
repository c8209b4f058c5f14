import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { resetPushStatus } from '../../src/lib/push-status.ts';
import { accountApi, preferenceServer } from './fixtures/account.ts';
import { stubFetch } from './fixtures/fetch-stub.ts';
import {
  ENDPOINT,
  fakePushBrowser,
  fakeSubscription,
  removePushBrowser,
} from './fixtures/push-browser.ts';
import { renderApp } from './render-app.tsx';

beforeEach(() => {
  resetPushStatus();
  localStorage.setItem('pawtal:signed-in', 'dr-kim');
});

afterEach(() => {
  vi.unstubAllGlobals();
  removePushBrowser();
});

async function openPreferences() {
  stubFetch({ ...accountApi(), ...preferenceServer().routes });
  renderApp('/c/dr-kim/account/preferences');
  await screen.findByRole('heading', { level: 1, name: 'Messages from the clinic' });
  return within(screen.getByRole('main'));
}

test('the push column says when notifications are allowed but this device is not subscribed', async () => {
  fakePushBrowser({ permission: 'granted', subscription: null });
  const main = await openPreferences();
  expect(main.getByText(/this device isn’t signed up for them/)).toBeTruthy();
  expect(main.getAllByText('Not turned on on this device').length).toBeGreaterThan(0);
});

test('a subscribed device gets no warning in the push column', async () => {
  fakePushBrowser({ permission: 'granted', subscription: fakeSubscription() });
  localStorage.setItem(
    'pawtal:push:dr-kim',
    JSON.stringify({ id: 3, endpoint: ENDPOINT, categories: ['clinic-news'], isOwnerDevice: true }),
  );
  const main = await openPreferences();
  expect(main.queryByText('Not turned on on this device')).toBeNull();
  expect(main.queryByText(/this device isn’t signed up/)).toBeNull();
});

test('blocked notifications are still reported as blocked', async () => {
  fakePushBrowser({ permission: 'denied' });
  const main = await openPreferences();
  expect(main.getAllByText('Blocked on this device').length).toBeGreaterThan(0);
});
