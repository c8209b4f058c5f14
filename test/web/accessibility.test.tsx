import { screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, expect, test, vi } from 'vitest';
import { accountApi, newOwner } from './fixtures/account.ts';
import { clinicApi } from './fixtures/policies.ts';
import { stubFetch } from './fixtures/fetch-stub.ts';
import { renderApp } from './render-app.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

async function violations(): Promise<string[]> {
  const result = await axe.run(document, {
    // jsdom computes no layout or colours; contrast is checked in the browser (e2e).
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

const screens = [
  ['the document list', '/c/dr-kim/'],
  ['the reader', '/c/dr-kim/policies/clinic-privacy'],
  ['the archive', '/c/dr-kim/policies/clinic-privacy/versions'],
  ['the diff view', '/c/dr-kim/policies/clinic-privacy/diff?from=1&to=2'],
] as const;

for (const [name, path] of screens) {
  for (const locale of ['en', 'es'] as const) {
    test(`${name} has no axe violations and one h1 (${locale})`, async () => {
      stubFetch(clinicApi());
      renderApp(path, { locale });
      await screen.findByRole('heading', { level: 1 });
      // The diff and the reader finish rendering their content after the h1.
      await screen.findAllByRole('heading', { level: 2 });
      expect(await violations()).toEqual([]);
      expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
      expect(document.documentElement.lang).toBe(locale);
    });
  }
}

const unsubscribePreview = {
  category: 'marketing',
  channel: 'email',
  enabled: true,
  clinic: { slug: 'dr-kim', name: "Dr. Kim's Veterinary Clinic" },
};

const accountScreens = [
  ['sign-in', '/c/dr-kim/sign-in', {}],
  ['the age question', '/c/dr-kim/sign-in/age', { 'GET /api/me': newOwner }],
  ['the account page', '/c/dr-kim/account', {}],
  ['the preferences page', '/c/dr-kim/account/preferences', {}],
  ['the consent history', '/c/dr-kim/account/preferences/history', {}],
  [
    'the unsubscribe page',
    '/c/dr-kim/unsubscribe/tok',
    { '/api/unsubscribe/tok': unsubscribePreview },
  ],
] as const;

for (const [name, path, routes] of accountScreens) {
  for (const locale of ['en', 'es'] as const) {
    test(`${name} has no axe violations and one h1 (${locale})`, async () => {
      stubFetch({ ...accountApi(), ...routes });
      renderApp(path, { locale });
      await screen.findByRole('heading', { level: 1 });
      // Sections that load on their own (pets, devices, activity) finish after the h1.
      await waitFor(() => expect(screen.queryByText(/Loading|Cargando/)).toBeNull());
      expect(await violations()).toEqual([]);
      expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
      expect(document.documentElement.lang).toBe(locale);
    });
  }
}
