import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import { UserSchema } from '../../src/contract/auth.ts';
import { MAX_PUSH_PAYLOAD_BYTES, UpdateSummaryListSchema } from '../../src/contract/push.ts';
import { accountApi, owner } from './fixtures/account.ts';
import { Handler, Reply, requestsMade, stubFetch } from './fixtures/fetch-stub.ts';
import { renderApp } from './render-app.tsx';

const staff = UserSchema.parse({
  ...owner,
  id: 2,
  role: 'staff',
  email: 'frontdesk@dr-kim.example',
  name: 'Front desk',
});

const sent = UpdateSummaryListSchema.parse([
  {
    id: 5,
    status: 'sending',
    targeted: 200,
    delivered: 120,
    failed: 2,
    removed: 3,
    pending: 75,
    title: 'Closed on Friday',
    body: 'Staff training.',
    url: null,
    category: 'clinic-news',
    urgency: 'normal',
    ttl: 86400,
    createdAt: '2026-11-23T09:00:00.000Z',
    completedAt: null,
    sentBy: 'frontdesk@dr-kim.example',
    inboxRecipients: 150,
  },
]);

afterEach(() => {
  vi.unstubAllGlobals();
});

async function openConsole(routes: Record<string, unknown> = {}) {
  localStorage.setItem('pawtal:signed-in', 'dr-kim');
  const fetch = stubFetch({
    ...accountApi(),
    'GET /api/me': staff,
    'GET /api/clinics/dr-kim/updates': sent,
    ...routes,
  });
  renderApp('/c/dr-kim/console/updates');
  await screen.findByRole('heading', { level: 1, name: 'Send an update' });
  return fetch;
}

const writes = (fetch: ReturnType<typeof stubFetch>) =>
  requestsMade(fetch).filter((r) => r.method !== 'GET');

test('staff compose an update with a link, kind and urgency, and it is sent as typed', async () => {
  const user = userEvent.setup();
  const fetch = await openConsole({
    'POST /api/clinics/dr-kim/updates': new Reply(202, { id: 6 }),
  });
  await user.type(screen.getByLabelText('Title'), 'Winter offer');
  await user.type(screen.getByLabelText('Message'), '10% off dental checks.');
  await user.type(screen.getByLabelText('Link in the app (optional)'), '/c/dr-kim/updates');
  await user.selectOptions(screen.getByLabelText('Kind'), 'marketing');
  expect(screen.getByText(/Marketing goes only to people who opted in/)).toBeTruthy();
  await user.selectOptions(screen.getByLabelText('Urgency'), 'low');
  await user.click(screen.getByRole('button', { name: 'Send update' }));

  await screen.findByText('The update “Winter offer” is on its way.');
  expect(writes(fetch)).toEqual([
    {
      method: 'POST',
      path: '/api/clinics/dr-kim/updates',
      body: {
        title: 'Winter offer',
        body: '10% off dental checks.',
        url: '/c/dr-kim/updates',
        category: 'marketing',
        urgency: 'low',
      },
    },
  ]);
  expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('');
});

test('a message too large for Web Push is flagged while typing and never sent', async () => {
  const user = userEvent.setup();
  const fetch = await openConsole();
  await user.type(screen.getByLabelText('Title'), 'Long');
  const body = screen.getByLabelText('Message');
  // Typing 4000 characters one by one is slow; paste them.
  await user.click(body);
  await user.paste('é'.repeat(MAX_PUSH_PAYLOAD_BYTES / 2));
  expect(screen.getByText(/Too long for a notification: shorten it by \d+ bytes\./)).toBeTruthy();
  expect(body.getAttribute('aria-invalid')).toBe('true');
  await user.click(screen.getByRole('button', { name: 'Send update' }));
  expect(screen.getByRole('alert').textContent).toMatch(/Too long for a notification/);
  expect(writes(fetch)).toEqual([]);
});

test('a 413 from the server is explained in words', async () => {
  const user = userEvent.setup();
  await openConsole({
    'POST /api/clinics/dr-kim/updates': new Reply(413, {
      code: 'payload-too-large',
      message: 'The update is 4100 bytes encrypted; push allows 4096.',
    }),
  });
  await user.type(screen.getByLabelText('Title'), 'Hello');
  await user.type(screen.getByLabelText('Message'), 'World');
  await user.click(screen.getByRole('button', { name: 'Send update' }));
  expect((await screen.findByRole('alert')).textContent).toBe(
    'The server says the update is too large for a push notification. Shorten the message and try again.',
  );
});

test('a link outside the clinic’s app and an empty form are refused before sending', async () => {
  const user = userEvent.setup();
  const fetch = await openConsole();
  await user.click(screen.getByRole('button', { name: 'Send update' }));
  expect(screen.getByRole('alert').textContent).toBe('Fill in the title and the message.');
  await user.type(screen.getByLabelText('Title'), 'Hi');
  await user.type(screen.getByLabelText('Message'), 'There');
  await user.type(screen.getByLabelText('Link in the app (optional)'), 'https://example.com/');
  await user.click(screen.getByRole('button', { name: 'Send update' }));
  expect(screen.getByRole('alert').textContent).toBe(
    'The link must be a page of this clinic’s app, starting with /c/dr-kim/',
  );
  expect(writes(fetch)).toEqual([]);
});

test('a sending update shows live progress until it is done', async () => {
  let asked = 0;
  const fetch = await openConsole({
    'GET /api/clinics/dr-kim/updates/5': new Handler(() => {
      asked += 1;
      return asked === 1
        ? {
            id: 5,
            status: 'sending',
            targeted: 200,
            delivered: 150,
            failed: 2,
            removed: 3,
            pending: 45,
          }
        : {
            id: 5,
            status: 'done',
            targeted: 200,
            delivered: 194,
            failed: 2,
            removed: 4,
            pending: 0,
          };
    }),
  });
  const item = within(await screen.findByRole('article', { name: 'Closed on Friday' }));
  const figure = (name: string) =>
    item.getByText(name, { selector: 'dt' }).nextElementSibling?.textContent;
  await waitFor(() => expect(figure('Delivered')).toBe('150'));
  expect(item.getByText('Sending')).toBeTruthy();
  await waitFor(() => expect(figure('Delivered')).toBe('194'), { timeout: 4000 });
  expect(item.getByText('Done')).toBeTruthy();
  expect(figure('Pending')).toBe('0');
  expect(figure('Removed (gone)')).toBe('4');
  expect(item.getByRole('progressbar', { name: 'Delivery of “Closed on Friday”' })).toBeTruthy();
  // Done: no more polling.
  const polls = requestsMade(fetch).filter((r) => r.path === '/api/clinics/dr-kim/updates/5');
  await new Promise((resolve) => setTimeout(resolve, 1700));
  expect(
    requestsMade(fetch).filter((r) => r.path === '/api/clinics/dr-kim/updates/5'),
  ).toHaveLength(polls.length);
});

test('an owner who opens the console address is told it is for staff', async () => {
  localStorage.setItem('pawtal:signed-in', 'dr-kim');
  stubFetch(accountApi());
  renderApp('/c/dr-kim/console/updates');
  expect(await screen.findByText('Only the clinic’s staff can send updates.')).toBeTruthy();
  expect(screen.queryByLabelText('Title')).toBeNull();
});
