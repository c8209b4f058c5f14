import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import { activitySentences } from '../../src/features/account/lib/activity-sentences.ts';
import { deviceName } from '../../src/features/account/lib/device-name.ts';
import { accountApi, owner, pets } from './fixtures/account.ts';
import { Handler, Reply, requestsMade, stubFetch } from './fixtures/fetch-stub.ts';
import { renderApp } from './render-app.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

async function openAccount(routes: Record<string, unknown> = {}) {
  const fetch = stubFetch({ ...accountApi(), ...routes });
  renderApp('/c/dr-kim/account');
  await screen.findByRole('heading', { level: 1, name: 'Your account' });
  return fetch;
}

const writes = (fetch: ReturnType<typeof stubFetch>) =>
  requestsMade(fetch).filter((r) => r.method !== 'GET');

test('the account page shows the owner’s details, pets, devices and activity', async () => {
  await openAccount();
  expect(await screen.findByText('Signed in as sam@example.com')).toBeTruthy();
  expect(((await screen.findByLabelText('Name')) as HTMLInputElement).value).toBe('Sam Rivera');
  expect(await screen.findByRole('heading', { level: 3, name: 'Biscuit' })).toBeTruthy();
  expect(screen.getByText('Dog · born May 3, 2020')).toBeTruthy();
  // Each section of the page loads on its own.
  expect(await screen.findByText('Chrome on Android')).toBeTruthy();
  expect(screen.getByText('Safari on Mac')).toBeTruthy();
  expect(
    await screen.findByText('You changed your phone number from +15550100123 to +15550100999.'),
  ).toBeTruthy();
  expect(screen.getByText('You changed the species of Biscuit from Cat to Dog.')).toBeTruthy();
  expect(screen.getByText('You created your account.')).toBeTruthy();
});

test('saving the profile sends only what changed and says it is saved', async () => {
  const user = userEvent.setup();
  const fetch = await openAccount({
    'PATCH /api/me/profile': { ...owner, phone: '+15550100999' },
  });
  const phone = screen.getByLabelText('Mobile phone');
  await user.clear(phone);
  await user.type(phone, '+1 555 010 0999');
  await user.click(screen.getByRole('button', { name: 'Save details' }));

  expect(await screen.findByText('Your details are saved.')).toBeTruthy();
  expect((phone as HTMLInputElement).value).toBe('+15550100999');
  expect(writes(fetch)).toEqual([
    { method: 'PATCH', path: '/api/me/profile', body: { phone: '+1 555 010 0999' } },
  ]);
});

test('a phone number that is not one is pointed out before anything is sent', async () => {
  const user = userEvent.setup();
  const fetch = await openAccount();
  const phone = screen.getByLabelText('Mobile phone');
  await user.clear(phone);
  await user.type(phone, 'call me');
  await user.click(screen.getByRole('button', { name: 'Save details' }));

  expect(screen.getByText('Enter a phone number such as +1 555 010 0123.')).toBeTruthy();
  expect(phone.getAttribute('aria-invalid')).toBe('true');
  expect(writes(fetch)).toEqual([]);
});

test('a new email address counts once the code sent to it is confirmed', async () => {
  const user = userEvent.setup();
  const fetch = await openAccount({
    'POST /api/me/email-change': new Reply(202, { message: 'A code is on its way.' }),
    'POST /api/me/email-change/verify': { ...owner, email: 'sam.rivera@example.com' },
  });
  await user.click(screen.getByRole('button', { name: 'Change email address' }));
  await user.type(screen.getByLabelText('New email address'), 'sam.rivera@example.com');
  await user.click(screen.getByRole('button', { name: 'Send a code to this address' }));
  await user.type(await screen.findByLabelText('6-digit code'), '654321');
  await user.click(screen.getByRole('button', { name: 'Confirm new address' }));

  expect(
    await screen.findByText(
      'Your email address is now sam.rivera@example.com. We told your old address about the change.',
    ),
  ).toBeTruthy();
  expect(screen.getByText('Signed in as sam.rivera@example.com')).toBeTruthy();
  expect(writes(fetch)).toEqual([
    { method: 'POST', path: '/api/me/email-change', body: { email: 'sam.rivera@example.com' } },
    { method: 'POST', path: '/api/me/email-change/verify', body: { code: '654321' } },
  ]);
});

test('an owner adds a pet, corrects it and removes it', async () => {
  const user = userEvent.setup();
  let list = [...pets];
  const luna = {
    id: 2,
    name: 'Luna',
    species: 'cat',
    birthDate: '2023-02-01',
    updatedAt: owner.createdAt,
  };
  const fetch = await openAccount({
    'GET /api/me/pets': new Handler(() => list),
    'POST /api/me/pets': new Handler(() => {
      list = [...list, { ...luna, species: 'cat' as const }];
      return new Reply(201, luna);
    }),
    'PATCH /api/me/pets/2': new Handler(() => {
      list = list.map((p) => (p.id === 2 ? { ...p, name: 'Luna Belle' } : p));
      return { ...luna, name: 'Luna Belle' };
    }),
    'DELETE /api/me/pets/2': new Handler(() => {
      list = list.filter((p) => p.id !== 2);
      return new Reply(204, null);
    }),
  });

  await user.click(await screen.findByRole('button', { name: 'Add a pet' }));
  await user.type(screen.getByLabelText('Pet’s name'), 'Luna');
  await user.selectOptions(screen.getByLabelText('Species'), 'cat');
  await user.type(screen.getByLabelText('Birth date (optional)'), '2023-02-01');
  await user.click(screen.getByRole('button', { name: 'Add pet' }));
  expect(await screen.findByText('Luna was added.')).toBeTruthy();
  expect(await screen.findByRole('heading', { level: 3, name: 'Luna' })).toBeTruthy();

  await user.click(screen.getByRole('button', { name: 'Edit Luna' }));
  const name = screen.getByLabelText('Pet’s name');
  await user.clear(name);
  await user.type(name, 'Luna Belle');
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  expect(await screen.findByText('The details of Luna Belle were saved.')).toBeTruthy();

  await user.click(await screen.findByRole('button', { name: 'Remove Luna Belle' }));
  await user.click(screen.getByRole('button', { name: 'Yes, remove Luna Belle' }));
  expect(await screen.findByText('Luna Belle was removed.')).toBeTruthy();

  expect(writes(fetch)).toEqual([
    {
      method: 'POST',
      path: '/api/me/pets',
      body: { name: 'Luna', species: 'cat', birthDate: '2023-02-01' },
    },
    { method: 'PATCH', path: '/api/me/pets/2', body: { name: 'Luna Belle' } },
    { method: 'DELETE', path: '/api/me/pets/2', body: undefined },
  ]);
});

test('other devices can be signed out from here', async () => {
  const user = userEvent.setup();
  const fetch = await openAccount({ 'POST /api/auth/sign-out-others': { ended: 1 } });
  await user.click(await screen.findByRole('button', { name: 'Sign out other devices' }));
  expect(await screen.findByText('Signed out of other devices: 1.')).toBeTruthy();
  expect(writes(fetch)).toEqual([
    { method: 'POST', path: '/api/auth/sign-out-others', body: undefined },
  ]);
});

test('the account page links to the contact preferences and their history', async () => {
  await openAccount();
  const links = within(screen.getByRole('navigation', { name: 'More about your account' }));
  expect(
    links.getByRole('link', { name: 'Messages you get from the clinic' }).getAttribute('href'),
  ).toBe('/c/dr-kim/account/preferences');
  expect(links.getByRole('link', { name: 'History of your choices' }).getAttribute('href')).toBe(
    '/c/dr-kim/account/preferences/history',
  );
});

test('a device is named by its browser and system', () => {
  expect(
    deviceName(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1',
    ),
  ).toEqual({ browser: 'Chrome', system: 'iPhone' });
  expect(
    deviceName(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0',
    ),
  ).toEqual({ browser: 'Edge', system: 'Windows' });
  expect(deviceName(null)).toEqual({ browser: null, system: null });
});

test('activity by the clinic’s staff names the clinic, and a removed value is said so', () => {
  const i18n = {
    locale: 'en' as const,
    setLocale: () => undefined,
    t: (key: string, params: Record<string, string> = {}) => key + JSON.stringify(params),
    rich: () => null,
    formatDate: (iso: string) => iso,
    formatDateTime: (iso: string) => iso,
  };
  const sentences = activitySentences(
    {
      id: 9,
      kind: 'profile-updated',
      at: owner.createdAt,
      changes: [{ field: 'phone', from: '+15550100123', to: null }],
      actor: 'staff',
    },
    i18n as never,
  );
  expect(sentences).toEqual([
    'activity.removed{"who":"activity.whoStaff{}","field":"activity.field.phone{}","from":"+15550100123"}',
  ]);
});
