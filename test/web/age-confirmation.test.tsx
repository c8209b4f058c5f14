import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import { accountApi, newOwner, owner } from './fixtures/account.ts';
import { Handler, Reply, requestsMade, stubFetch } from './fixtures/fetch-stub.ts';
import { renderApp } from './render-app.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

const AGE_REQUIRED = new Reply(403, {
  code: 'age-confirmation-required',
  message: 'Please confirm that you are 16 or older first.',
});

/** A new owner: /api/me says ageConfirmed false, other /api/me routes answer 403 until then. */
function newOwnerApi() {
  let isConfirmed = false;
  const api = accountApi();
  const untilConfirmed = (answer: unknown) =>
    new Handler(() => (isConfirmed ? answer : AGE_REQUIRED));
  return {
    ...api,
    'GET /api/me': new Handler(() => (isConfirmed ? owner : newOwner)),
    'GET /api/me/preferences': untilConfirmed(api['GET /api/me/preferences']),
    'GET /api/me/consent-events': untilConfirmed(api['GET /api/me/consent-events']),
    'GET /api/me/pets': untilConfirmed(api['GET /api/me/pets']),
    'GET /api/me/activity': untilConfirmed(api['GET /api/me/activity']),
    'GET /api/me/sessions': untilConfirmed(api['GET /api/me/sessions']),
    'POST /api/me/age-confirmation': new Handler((request) => {
      isConfirmed = (request.body as { sixteenOrOlder: boolean }).sixteenOrOlder;
      return new Reply(204, null);
    }),
  };
}

test('an owner who is 16 or older confirms it once and goes on to the page they asked for', async () => {
  const user = userEvent.setup();
  localStorage.setItem('pawtal:signed-in', 'dr-kim');
  const fetch = stubFetch(newOwnerApi());
  const { location } = renderApp('/c/dr-kim/account/preferences');

  // The preferences API refuses until the age is confirmed, so the app asks first.
  expect(await screen.findByRole('heading', { level: 1, name: 'How old are you?' })).toBeTruthy();
  expect(screen.getByText('The app is for people 16 or older.')).toBeTruthy();
  await user.click(screen.getByRole('button', { name: 'I am 16 or older' }));

  expect(
    await screen.findByRole('heading', { level: 1, name: 'Messages from the clinic' }),
  ).toBeTruthy();
  expect(location.current?.pathname).toBe('/c/dr-kim/account/preferences');
  expect(requestsMade(fetch).filter((r) => r.method === 'POST')).toEqual([
    { method: 'POST', path: '/api/me/age-confirmation', body: { sixteenOrOlder: true } },
  ]);
});

test('an owner under 16 is told no account was created and nothing was kept but the refusal', async () => {
  const user = userEvent.setup();
  localStorage.setItem('pawtal:signed-in', 'dr-kim');
  const fetch = stubFetch(newOwnerApi());
  renderApp('/c/dr-kim/sign-in/age');

  await user.click(await screen.findByRole('button', { name: 'I am under 16' }));

  expect(
    await screen.findByRole('heading', { level: 1, name: 'No account was created' }),
  ).toBeTruthy();
  expect(
    screen.getByText(
      'Because you are under 16, we didn’t create an account. Nothing about you was kept, except a note that this sign-up was declined.',
    ),
  ).toBeTruthy();
  expect(screen.getByRole('link', { name: 'Back to the start' }).getAttribute('href')).toBe(
    '/c/dr-kim/',
  );
  // Nothing of the session is left on the phone either: the header offers to sign in.
  expect(screen.getByRole('link', { name: 'Sign in' })).toBeTruthy();
  expect(localStorage.getItem('pawtal:signed-in')).toBeNull();
  expect(requestsMade(fetch).filter((r) => r.method === 'POST')).toEqual([
    { method: 'POST', path: '/api/me/age-confirmation', body: { sixteenOrOlder: false } },
  ]);
});

test('an owner who already confirmed is not asked again', async () => {
  stubFetch(accountApi());
  const { location } = renderApp('/c/dr-kim/sign-in/age?next=%2Fc%2Fdr-kim%2Faccount');
  expect(await screen.findByRole('heading', { level: 1, name: 'Your account' })).toBeTruthy();
  expect(location.current?.pathname).toBe('/c/dr-kim/account');
});
