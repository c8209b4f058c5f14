import { screen } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, expect, test, vi } from 'vitest';
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
