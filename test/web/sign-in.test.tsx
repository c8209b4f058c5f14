import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import { accountApi, newOwner, NOT_SIGNED_IN, owner } from './fixtures/account.ts';
import { Handler, Reply, requestsMade, stubFetch } from './fixtures/fetch-stub.ts';
import { renderApp } from './render-app.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Signed out: every private route answers 401 until /api/auth/verify has succeeded. */
function signInApi(verify: unknown, user = owner) {
  let isSignedIn = false;
  const whenSignedIn = (answer: unknown) =>
    new Handler(() => (isSignedIn ? answer : NOT_SIGNED_IN));
  const api = accountApi();
  return {
    ...api,
    'GET /api/me': whenSignedIn(user),
    'GET /api/me/pets': whenSignedIn(api['GET /api/me/pets']),
    'GET /api/me/activity': whenSignedIn(api['GET /api/me/activity']),
    'GET /api/me/sessions': whenSignedIn(api['GET /api/me/sessions']),
    'POST /api/auth/code': new Reply(202, { message: 'A code is on its way.' }),
    'POST /api/auth/verify': new Handler((request) => {
      const answer = verify instanceof Handler ? verify.answer(request) : verify;
      if (!(answer instanceof Reply)) isSignedIn = true;
      return answer;
    }),
  };
}

async function askForCode(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('Email address'), ' Sam@Example.com ');
  await user.click(screen.getByRole('button', { name: 'Send me a code' }));
  return screen.findByLabelText('6-digit code');
}

test('the header offers "Sign in" to a signed-out owner', async () => {
  stubFetch(accountApi());
  renderApp('/c/dr-kim/');
  const nav = await screen.findByRole('navigation', { name: 'Your account' });
  expect(within(nav).getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
    '/c/dr-kim/sign-in',
  );
});

test('an owner signs in with the code from the email and lands on their account', async () => {
  const user = userEvent.setup();
  const fetch = stubFetch(signInApi({ user: owner }));
  const { location } = renderApp('/c/dr-kim/sign-in');

  expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
  const codeField = await askForCode(user);
  expect(screen.getByText('We sent a code')).toBeTruthy();
  expect(codeField.getAttribute('autocomplete')).toBe('one-time-code');
  expect(codeField.getAttribute('inputmode')).toBe('numeric');
  expect(document.activeElement).toBe(codeField);

  await user.type(codeField, '123 456');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));

  expect(await screen.findByRole('heading', { level: 1, name: 'Your account' })).toBeTruthy();
  expect(location.current?.pathname).toBe('/c/dr-kim/account');
  expect(screen.getByRole('link', { name: 'Your account' })).toBeTruthy();
  expect(localStorage.getItem('pawtal:signed-in')).toBe('dr-kim');
  const writes = requestsMade(fetch).filter((r) => r.method === 'POST');
  expect(writes).toEqual([
    {
      method: 'POST',
      path: '/api/auth/code',
      body: { clinic: 'dr-kim', email: 'sam@example.com' },
    },
    {
      method: 'POST',
      path: '/api/auth/verify',
      body: { clinic: 'dr-kim', email: 'sam@example.com', code: '123456' },
    },
  ]);
});

test('a wrong code shows the server’s message with the tries left', async () => {
  const user = userEvent.setup();
  stubFetch(
    signInApi(
      new Reply(400, {
        code: 'invalid-code',
        message: 'That code is not right. You can try 4 more times.',
      }),
    ),
  );
  renderApp('/c/dr-kim/sign-in');
  await user.type(await askForCode(user), '000000');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));

  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toBe('That code is not right. You can try 4 more times.');
  expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
});

test('after too many wrong codes, the owner is asked for a new code and can get one', async () => {
  const user = userEvent.setup();
  const fetch = stubFetch(
    signInApi(
      new Reply(429, {
        code: 'too-many-attempts',
        message: 'Too many wrong codes: this code no longer works. Ask for a new one.',
      }),
    ),
  );
  renderApp('/c/dr-kim/sign-in');
  await user.type(await askForCode(user), '000000');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));

  expect((await screen.findByRole('alert')).textContent).toContain('Ask for a new one.');
  // The void code cannot be tried again; the way forward is a new one.
  expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
  await user.click(screen.getByRole('button', { name: 'Send a new code' }));

  expect(await screen.findByText(/We sent a new code to sam@example.com/)).toBeTruthy();
  expect(screen.queryByRole('alert')).toBeNull();
  expect(requestsMade(fetch).filter((r) => r.path === '/api/auth/code')).toHaveLength(2);
});

test('a rate-limited request says how long to wait', async () => {
  const user = userEvent.setup();
  stubFetch({
    ...signInApi({ user: owner }),
    'POST /api/auth/code': new Reply(
      429,
      { code: 'rate-limited', message: 'Too many tries. Please wait a little and try again.' },
      { 'retry-after': '600' },
    ),
  });
  renderApp('/c/dr-kim/sign-in');
  await user.type(await screen.findByLabelText('Email address'), 'sam@example.com');
  await user.click(screen.getByRole('button', { name: 'Send me a code' }));

  expect((await screen.findByRole('alert')).textContent).toBe(
    'Too many tries for now. Please wait 10 min and try again.',
  );
});

test('a mistyped address is pointed out before anything is sent', async () => {
  const user = userEvent.setup();
  const fetch = stubFetch(signInApi({ user: owner }));
  renderApp('/c/dr-kim/sign-in');
  const field = await screen.findByLabelText('Email address');
  await user.type(field, 'sam.example.com');
  await user.click(screen.getByRole('button', { name: 'Send me a code' }));

  expect(screen.getByText('Enter an email address such as name@example.com.')).toBeTruthy();
  expect(field.getAttribute('aria-invalid')).toBe('true');
  expect(requestsMade(fetch).some((r) => r.method === 'POST')).toBe(false);
});

test('the account page without a session sends the owner to sign in, and back afterwards', async () => {
  const user = userEvent.setup();
  stubFetch(signInApi({ user: owner }));
  const { location } = renderApp('/c/dr-kim/account');

  expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
  expect(location.current?.search).toBe('?next=%2Fc%2Fdr-kim%2Faccount');
  await user.type(await askForCode(user), '123456');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));

  expect(await screen.findByRole('heading', { level: 1, name: 'Your account' })).toBeTruthy();
});

test('a first sign-in goes to the age question before the account', async () => {
  const user = userEvent.setup();
  stubFetch(signInApi({ user: newOwner }, newOwner));
  const { location } = renderApp('/c/dr-kim/sign-in');
  await user.type(await askForCode(user), '123456');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));

  expect(await screen.findByRole('heading', { level: 1, name: 'How old are you?' })).toBeTruthy();
  expect(location.current?.pathname).toBe('/c/dr-kim/sign-in/age');
});
