import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import { clinicApi } from './fixtures/policies.ts';
import { Reply, stubFetch } from './fixtures/fetch-stub.ts';
import { renderApp } from './render-app.tsx';
import { clinicPolicyV1 } from './fixtures/policies.ts';

const originalScrollIntoView = Element.prototype.scrollIntoView;

afterEach(() => {
  vi.unstubAllGlobals();
  Element.prototype.scrollIntoView = originalScrollIntoView;
});

test('the reader shows the title, version, a table of contents and every section with its anchor', async () => {
  stubFetch(clinicApi());
  renderApp('/c/dr-kim/policies/clinic-privacy');

  expect(await screen.findByRole('heading', { level: 1, name: 'Privacy Policy' })).toBeTruthy();
  expect(screen.getByText('Version 1')).toBeTruthy();
  expect(screen.getByText('In effect since April 7, 2020')).toBeTruthy();

  const toc = screen.getByRole('navigation', { name: 'Contents' });
  const entries = within(toc).getAllByRole('link');
  expect(entries.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
    ['Introduction', '#introduction'],
    ['Billing and Payment Information', '#billing-and-payment-information'],
    ['Your rights', '#your-rights'],
  ]);

  const billing = screen.getByRole('heading', {
    level: 2,
    name: 'Billing and Payment Information',
  });
  expect(billing.closest('section')?.id).toBe('billing-and-payment-information');
  const link = screen.getByRole('link', {
    name: 'Link to the section “Billing and Payment Information”',
  });
  expect(link.getAttribute('href')).toBe('#billing-and-payment-information');
});

test('bulleted and numbered lines of a section render as real lists', async () => {
  stubFetch(clinicApi());
  renderApp('/c/dr-kim/policies/clinic-privacy');

  const intro = (await screen.findByRole('heading', { level: 2, name: 'Introduction' })).closest(
    'section',
  )!;
  const bullets = within(intro).getByRole('list');
  expect(bullets.tagName).toBe('UL');
  expect(
    within(bullets)
      .getAllByRole('listitem')
      .map((li) => li.textContent),
  ).toEqual([
    'What data do we collect?',
    'How do we use the data?',
    'How can you access your data?',
  ]);

  const rights = screen.getByRole('heading', { level: 2, name: 'Your rights' }).closest('section')!;
  const numbered = within(rights).getByRole('list');
  expect(numbered.tagName).toBe('OL');
  expect(numbered.getAttribute('start')).toBe('3');
  expect(
    within(numbered)
      .getAllByRole('listitem')
      .map((li) => li.getAttribute('value')),
  ).toEqual(['3', '4', '5']);
});

test('searching the document highlights every match, counts them and steps through them by keyboard', async () => {
  const user = userEvent.setup();
  stubFetch(clinicApi());
  const { container } = renderApp('/c/dr-kim/policies/clinic-privacy');

  const search = await screen.findByRole('searchbox', { name: 'Search this document' });
  await user.type(search, 'data');

  expect(container.querySelectorAll('mark')).toHaveLength(6);
  expect(screen.getByText('Match 1 of 6')).toBeTruthy();
  expect(container.querySelector('mark[aria-current="true"]')?.textContent).toBe('data');

  await user.keyboard('{Enter}');
  expect(screen.getByText('Match 2 of 6')).toBeTruthy();
  await user.click(screen.getByRole('button', { name: 'Next match' }));
  expect(screen.getByText('Match 3 of 6')).toBeTruthy();
  // Back in the search box, Shift+Enter steps backwards.
  await user.click(search);
  await user.keyboard('{Shift>}{Enter}{/Shift}');
  await user.click(screen.getByRole('button', { name: 'Previous match' }));
  expect(screen.getByText('Match 1 of 6')).toBeTruthy();
  await user.click(screen.getByRole('button', { name: 'Previous match' }));
  expect(screen.getByText('Match 6 of 6')).toBeTruthy();

  await user.clear(search);
  await user.type(search, 'zebra');
  expect(container.querySelectorAll('mark')).toHaveLength(0);
  expect(screen.getByText('No matches')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Next match' })).toHaveProperty('disabled', true);
});

test('a #section deep link scrolls to the section once the document has rendered', async () => {
  const scrolled: string[] = [];
  Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
    scrolled.push(this.id);
  });
  stubFetch(clinicApi());
  renderApp('/c/dr-kim/policies/clinic-privacy#your-rights');

  await screen.findByRole('heading', { level: 2, name: 'Your rights' });
  expect(scrolled).toContain('your-rights');
});

test('a copy answered from the offline cache says when it was saved', async () => {
  stubFetch({
    ...clinicApi(),
    '/api/clinics/dr-kim/policies/clinic-privacy/versions/1': new Reply(200, clinicPolicyV1, {
      'x-pawtal-from-cache': '1',
    }),
  });
  renderApp('/c/dr-kim/policies/clinic-privacy');

  expect(await screen.findByText(/^Saved copy from Nov 20, 2026/)).toBeTruthy();
});

test('an archived version says it is no longer in effect and links to the current one', async () => {
  stubFetch({
    ...clinicApi(),
    '/api/clinics/dr-kim/policies': [
      {
        ...(clinicApi()['/api/clinics/dr-kim/policies'] as object[])[0],
        current: {
          version: 2,
          publishedAt: '2026-11-20T17:00:00.000Z',
          effectiveAt: '2026-11-21T08:00:00.000Z',
        },
        upcoming: null,
      },
    ],
  });
  renderApp('/c/dr-kim/policies/clinic-privacy/versions/1');

  expect(
    await screen.findByText(/You’re reading version 1, which is no longer in effect\./),
  ).toBeTruthy();
  expect(screen.getByRole('link', { name: 'Read the current version' }).getAttribute('href')).toBe(
    '/c/dr-kim/policies/clinic-privacy',
  );
});
