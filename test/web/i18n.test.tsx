import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import { accountEn } from '../../src/lib/i18n/account-en.ts';
import { accountEs } from '../../src/lib/i18n/account-es.ts';
import { en } from '../../src/lib/i18n/en.ts';
import { es } from '../../src/lib/i18n/es.ts';
import { detectLocale } from '../../src/lib/i18n/i18n.tsx';
import { accountApi } from './fixtures/account.ts';
import { clinicApi } from './fixtures/policies.ts';
import { stubFetch } from './fixtures/fetch-stub.ts';
import { renderApp } from './render-app.tsx';

const spies: Array<{ mockRestore: () => void }> = [];

function preferLanguages(languages: string[]) {
  spies.push(vi.spyOn(navigator, 'languages', 'get').mockReturnValue(languages));
}

afterEach(() => {
  vi.unstubAllGlobals();
  for (const spy of spies.splice(0)) spy.mockRestore();
  document.documentElement.lang = '';
});

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('Spanish has every key of English, with the same placeholders, and nothing extra', () => {
  expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  for (const [key, text] of Object.entries(en)) {
    const spanish = es[key as keyof typeof es];
    expect(spanish.trim(), key).not.toBe('');
    expect(placeholders(spanish), key).toEqual(placeholders(text));
  }
});

test('the account screens’ Spanish has every key of their English, with the same placeholders', () => {
  expect(Object.keys(accountEs).sort()).toEqual(Object.keys(accountEn).sort());
  for (const [key, text] of Object.entries(accountEn)) {
    const spanish = accountEs[key as keyof typeof accountEs];
    expect(spanish.trim(), key).not.toBe('');
    expect(placeholders(spanish), key).toEqual(placeholders(text));
  }
  // The shell and the account catalog never define the same key twice.
  expect(Object.keys(accountEn).filter((key) => key in en)).toEqual([]);
});

test('the contact preferences speak Spanish, switches and locked reason included', async () => {
  stubFetch(accountApi());
  renderApp('/c/dr-kim/account/preferences', { locale: 'es' });

  expect(
    await screen.findByRole('heading', { level: 1, name: 'Mensajes de la clínica' }),
  ).toBeTruthy();
  expect(
    screen.getByRole('switch', { name: 'Boletín comercial por correo electrónico' }),
  ).toBeTruthy();
  expect(
    screen.getByText(
      /Los mensajes del servicio no se pueden desactivar mientras su cuenta esté abierta/,
    ),
  ).toBeTruthy();
  expect(screen.getByRole('link', { name: 'Su cuenta' })).toBeTruthy();
});

test('switching the language to Spanish changes the interface text and <html lang>, and is remembered', async () => {
  const user = userEvent.setup();
  stubFetch(clinicApi());
  renderApp('/c/dr-kim/');
  expect(await screen.findByRole('heading', { level: 1, name: 'Your privacy' })).toBeTruthy();
  expect(document.documentElement.lang).toBe('en');

  await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'es');

  expect(screen.getByRole('heading', { level: 1, name: 'Su privacidad' })).toBeTruthy();
  expect(
    screen.getByText(/decide cómo se usa su información \(responsable del tratamiento\)/),
  ).toBeTruthy();
  expect(screen.getByText(/Una nueva versión entra en vigor el 15 de enero de 2099/)).toBeTruthy();
  expect(screen.getByRole('combobox', { name: 'Idioma' })).toBeTruthy();
  expect(document.documentElement.lang).toBe('es');
  expect(localStorage.getItem('pawtal:locale')).toBe('es');
});

test('the language follows the browser’s preferred languages on a first visit', async () => {
  preferLanguages(['es-MX', 'en-US']);
  stubFetch(clinicApi());
  renderApp('/c/dr-kim/');
  expect(await screen.findByRole('heading', { level: 1, name: 'Su privacidad' })).toBeTruthy();
  expect(document.documentElement.lang).toBe('es');
});

test('a stored choice wins over the browser’s languages', async () => {
  localStorage.setItem('pawtal:locale', 'en');
  preferLanguages(['es-ES']);
  stubFetch(clinicApi());
  renderApp('/c/dr-kim/');
  expect(await screen.findByRole('heading', { level: 1, name: 'Your privacy' })).toBeTruthy();
});

test('an unsupported browser language falls back to English', () => {
  expect(detectLocale(['fr-FR', 'de'])).toBe('en');
  expect(detectLocale(['fr-FR', 'ES'])).toBe('es');
});
