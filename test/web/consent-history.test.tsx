import { screen, within } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { accountApi } from './fixtures/account.ts';
import { stubFetch } from './fixtures/fetch-stub.ts';
import { renderApp } from './render-app.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

test('the consent history reads as sentences: what, old and new, how, when and under which policy', async () => {
  stubFetch(accountApi());
  renderApp('/c/dr-kim/account/preferences/history');

  expect(
    await screen.findByRole('heading', { level: 1, name: 'History of your choices' }),
  ).toBeTruthy();
  const items = within(screen.getByRole('list')).getAllByRole('listitem');
  const texts = items.map((item) => item.textContent);
  // Times are on this phone's clock.
  const at = (iso: string) =>
    new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso),
    );
  // Newest first, as the API sends them.
  expect(texts).toEqual([
    `Partner offers by email: turned off (was on)your browser’s Global Privacy Control signal · ${at('2026-11-23T17:15:00.000Z')} · privacy policy version 1`,
    `Marketing newsletter by text message: turned off (was on)by texting STOP · ${at('2026-11-22T17:15:00.000Z')} · privacy policy version 1`,
    `Marketing newsletter by email: turned on (was off)in the app · ${at('2026-11-21T17:15:00.000Z')} · privacy policy version 1`,
    `Marketing newsletter by email: turned offthe starting setting of your account · ${at('2026-11-02T17:00:00.000Z')}`,
  ]);
});

test('the consent history in Spanish', async () => {
  stubFetch(accountApi());
  renderApp('/c/dr-kim/account/preferences/history', { locale: 'es' });

  expect(
    await screen.findByRole('heading', { level: 1, name: 'Historial de sus decisiones' }),
  ).toBeTruthy();
  expect(screen.getByText('Boletín comercial por SMS: desactivado (antes: activado)')).toBeTruthy();
  expect(screen.getByText('al enviar STOP por SMS')).toBeTruthy();
});
