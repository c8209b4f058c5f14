import { screen, within } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { clinicApi } from './fixtures/policies.ts';
import { stubFetch } from './fixtures/fetch-stub.ts';
import { renderApp } from './render-app.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

test('the clinic page lists its own policy and its vendor’s, each saying whom to ask', async () => {
  stubFetch(clinicApi());
  renderApp('/c/dr-kim/');

  expect(await screen.findByRole('heading', { level: 1, name: 'Your privacy' })).toBeTruthy();
  expect(screen.getByRole('link', { name: /Dr\. Kim's Veterinary Clinic/ })).toBeTruthy();

  const [own, vendor] = screen.getAllByRole('listitem');
  expect(within(own!).getByRole('heading', { name: 'Privacy Policy' })).toBeTruthy();
  expect(own!.textContent).toContain(
    "Dr. Kim's Veterinary Clinic decides how your information is used (controller). Ask the clinic at privacy@dr-kim.example about your data.",
  );
  expect(
    within(own!).getByRole('link', { name: 'privacy@dr-kim.example' }).getAttribute('href'),
  ).toBe('mailto:privacy@dr-kim.example');
  expect(within(vendor!).getByRole('heading', { name: 'Kontak Privacy Policy' })).toBeTruthy();
  expect(vendor!.textContent).toContain(
    'Kontak runs the clinic’s software on its behalf (processor). Questions about your data still go to the clinic.',
  );
});

test('a published but not yet effective version is announced before it takes effect, with a link to the changes', async () => {
  stubFetch(clinicApi());
  renderApp('/c/dr-kim/');

  const notice = await screen.findByText(/A new version takes effect on January 15, 2099/);
  const link = within(notice).getByRole('link', { name: 'see what changes' });
  expect(link.getAttribute('href')).toBe('/c/dr-kim/policies/clinic-privacy/diff?from=1&to=2');
});

test('the clinic’s colours and manifest are put in place for the offline app shell', async () => {
  stubFetch(clinicApi());
  renderApp('/c/dr-kim/');
  await screen.findByRole('heading', { level: 1 });

  expect(document.head.querySelector('link[rel="manifest"]')?.getAttribute('href')).toBe(
    '/c/dr-kim/manifest.webmanifest',
  );
  expect(document.head.querySelector('meta[name="theme-color"]')?.getAttribute('content')).toBe(
    '#1b6b5f',
  );
  expect(document.documentElement.style.getPropertyValue('--clinic-accent-light')).toBe('#1b6b5f');
  expect(document.title).toBe("Your privacy – Dr. Kim's Veterinary Clinic");
  expect(localStorage.getItem('pawtal:last-clinic')).toBe('dr-kim');
});

test('an unknown clinic gets a readable message, not a stack trace', async () => {
  // React reports every error a boundary catches on console.error.
  vi.mocked(console.error).mockImplementation(() => undefined);
  stubFetch(clinicApi());
  renderApp('/c/nowhere/');

  expect(
    await screen.findByRole('heading', { level: 1, name: 'We couldn’t find this clinic' }),
  ).toBeTruthy();
  expect(screen.getByRole('main').textContent).not.toMatch(/at \w+ \(|Error:/);
});

test('the start page opens the clinic used last on this phone', async () => {
  localStorage.setItem('pawtal:last-clinic', 'dr-kim');
  stubFetch(clinicApi());
  const { location } = renderApp('/');
  expect(await screen.findByRole('heading', { level: 1, name: 'Your privacy' })).toBeTruthy();
  expect(location.current?.pathname).toBe('/c/dr-kim/');
});

test('without a clinic used before, the start page opens the default clinic', async () => {
  stubFetch(clinicApi());
  const { location } = renderApp('/');
  await screen.findByRole('heading', { level: 1 });
  expect(location.current?.pathname).toBe(`/c/${import.meta.env.VITE_DEFAULT_CLINIC ?? 'dr-kim'}/`);
});
