import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import { clinicApi } from './fixtures/policies.ts';
import { Reply, requestsMade, stubFetch } from './fixtures/fetch-stub.ts';
import { renderApp } from './render-app.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

const clinicRef = { slug: 'dr-kim', name: "Dr. Kim's Veterinary Clinic" };

test('the unsubscribe link says what it turns off, and one button does it without signing in', async () => {
  const user = userEvent.setup();
  const fetch = stubFetch({
    ...clinicApi(),
    'GET /api/unsubscribe/tok-123': {
      category: 'marketing',
      channel: 'email',
      enabled: true,
      clinic: clinicRef,
    },
    'POST /api/unsubscribe/tok-123': {
      category: 'marketing',
      channel: 'email',
      enabled: false,
      changed: true,
      clinic: clinicRef,
    },
  });
  renderApp('/c/dr-kim/unsubscribe/tok-123');

  expect(
    await screen.findByText(
      "This stops the marketing newsletter by email from Dr. Kim's Veterinary Clinic.",
    ),
  ).toBeTruthy();
  // Reading the page changed nothing: mail scanners open links too.
  expect(requestsMade(fetch).some((r) => r.method === 'POST')).toBe(false);
  await user.click(screen.getByRole('button', { name: 'Unsubscribe' }));

  const done = await screen.findByText('You will no longer get the marketing newsletter by email.');
  const status = done.closest('[role="status"]');
  expect(document.activeElement).toBe(status);
  expect(requestsMade(fetch).filter((r) => r.method === 'POST')).toEqual([
    { method: 'POST', path: '/api/unsubscribe/tok-123', body: undefined },
  ]);
});

test('a bad unsubscribe link gets a readable message and another way to turn messages off', async () => {
  stubFetch({
    ...clinicApi(),
    'GET /api/unsubscribe/broken': new Reply(400, {
      code: 'invalid-token',
      message: 'This unsubscribe link is not one we sent, or it was cut short.',
    }),
  });
  renderApp('/c/dr-kim/unsubscribe/broken');

  expect(await screen.findByText('This unsubscribe link doesn’t work.')).toBeTruthy();
  expect(screen.getByRole('link', { name: 'See all your choices' }).getAttribute('href')).toBe(
    '/c/dr-kim/account/preferences',
  );
  expect(screen.queryByRole('button', { name: 'Unsubscribe' })).toBeNull();
});

test('a link for something already off says so instead of offering the button again', async () => {
  stubFetch({
    ...clinicApi(),
    'GET /api/unsubscribe/used': {
      category: 'surveys',
      channel: 'sms',
      enabled: false,
      clinic: clinicRef,
    },
  });
  renderApp('/c/dr-kim/unsubscribe/used', { locale: 'es' });

  expect(await screen.findByText('Ya no recibirá las encuestas por SMS.')).toBeTruthy();
  expect(screen.getByText('Ya los había desactivado. No hace falta hacer nada más.')).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Darme de baja' })).toBeNull();
});
