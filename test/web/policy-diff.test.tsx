import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import { clinicApi, clinicPolicyDiff } from './fixtures/policies.ts';
import { requestedPaths, stubFetch } from './fixtures/fetch-stub.ts';
import { renderApp } from './render-app.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

test('the diff view shows insertions and deletions with a spoken cue and section badges', async () => {
  stubFetch(clinicApi());
  renderApp('/c/dr-kim/policies/clinic-privacy/diff?from=1&to=2');

  expect(await screen.findByRole('heading', { level: 1, name: /What changed/ })).toBeTruthy();
  const billing = screen
    .getByRole('heading', { level: 2, name: 'Billing and Payment Information' })
    .closest('section')!;
  expect(within(billing).getByText('Changed')).toBeTruthy();
  const [deleted] = within(billing).getAllByRole('deletion');
  expect(deleted!.textContent).toBe('[removed: PayPal and  ]');
  const [inserted] = within(billing).getAllByRole('insertion');
  expect(inserted!.textContent).toBe('[added:  and Adyen ]');

  const added = screen.getByText('New section').closest('section')!;
  expect(within(added).getAllByRole('insertion').length).toBeGreaterThan(0);
  expect(screen.getByText('Changed: 1 · Added: 1 · Removed: 0 · Unchanged: 2')).toBeTruthy();
});

test('unchanged sections are hidden until the owner asks to see every section', async () => {
  const user = userEvent.setup();
  stubFetch(clinicApi());
  renderApp('/c/dr-kim/policies/clinic-privacy/diff?from=1&to=2');

  const toggle = await screen.findByRole('checkbox', { name: 'Show only changed sections' });
  expect(toggle).toHaveProperty('checked', true);
  expect(screen.queryByRole('heading', { level: 2, name: 'Introduction' })).toBeNull();

  await user.click(toggle);
  expect(screen.getByRole('heading', { level: 2, name: 'Introduction' })).toBeTruthy();
  expect(screen.getAllByText('No changes in this section.')).toHaveLength(2);
});

test('two selects choose the versions, and Compare asks the API for that pair', async () => {
  const user = userEvent.setup();
  const fetchMock = stubFetch({
    ...clinicApi(),
    '/api/clinics/dr-kim/policies/clinic-privacy/diff?from=2&to=1': {
      ...clinicPolicyDiff,
      from: clinicPolicyDiff.to,
      to: clinicPolicyDiff.from,
    },
  });
  const { location } = renderApp('/c/dr-kim/policies/clinic-privacy/diff?from=1&to=2');

  await user.selectOptions(await screen.findByLabelText('Older version'), '2');
  await user.selectOptions(screen.getByLabelText('Newer version'), '1');
  await user.click(screen.getByRole('button', { name: 'Compare' }));

  expect(await screen.findByText(/^Comparing version 2/)).toBeTruthy();
  expect(location.current?.search).toBe('?from=2&to=1');
  expect(requestedPaths(fetchMock)).toContain(
    '/api/clinics/dr-kim/policies/clinic-privacy/diff?from=2&to=1',
  );
});

test('without a choice, the diff compares the two newest versions', async () => {
  stubFetch(clinicApi());
  const { location } = renderApp('/c/dr-kim/policies/clinic-privacy/diff');

  expect(await screen.findByText(/^Comparing version 1/)).toBeTruthy();
  expect(location.current?.search).toBe('?from=1&to=2');
});

test('the archive lists every version with links to read and to compare', async () => {
  stubFetch(clinicApi());
  renderApp('/c/dr-kim/policies/clinic-privacy/versions');

  const list = await screen.findByRole('list');
  const [newest, oldest] = within(list).getAllByRole('listitem');
  expect(within(newest!).getByRole('heading', { name: 'Version 2' })).toBeTruthy();
  expect(within(newest!).getByText('Coming soon')).toBeTruthy();
  expect(within(newest!).getByText('Adds app notifications.')).toBeTruthy();
  expect(
    within(newest!)
      .getByRole('link', { name: /Compare with version 1/ })
      .getAttribute('href'),
  ).toBe('/c/dr-kim/policies/clinic-privacy/diff?from=1&to=2');
  expect(within(oldest!).getByText('In effect now')).toBeTruthy();
  expect(within(oldest!).getByRole('link', { name: 'Read version 1' }).getAttribute('href')).toBe(
    '/c/dr-kim/policies/clinic-privacy/versions/1',
  );
});
