import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { UserSchema } from '../../src/contract/auth.ts';
import { StaffRequestListSchema } from '../../src/contract/requests.ts';
import { accountApi } from './fixtures/account.ts';
import { Handler, Reply, requestsMade, stubFetch } from './fixtures/fetch-stub.ts';
import { NOW, endOfLaDay, entry, staffDetail } from './fixtures/requests.ts';
import { renderApp } from './render-app.tsx';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const frontDesk = UserSchema.parse({
  id: 1,
  role: 'admin',
  clinic: 'dr-kim',
  email: 'frontdesk@dr-kim.example',
  name: 'Front desk',
  phone: null,
  ageConfirmed: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  steppedUpUntil: null,
});

const overdue = staffDetail({
  id: 40,
  reference: 'DRK-OLD1-LATE',
  type: 'erasure',
  status: 'in-progress',
  receivedAt: '2026-10-05T18:00:00.000Z',
  dueAt: endOfLaDay('2026-11-20'),
  effectiveDueAt: endOfLaDay('2026-11-20'),
  extensionNoticeBy: endOfLaDay('2026-11-20'),
  daysLeft: -3,
  isOverdue: true,
  subject: { userId: 8, name: 'Kim Lee', email: 'kim@example.com', phone: null },
});
const open = staffDetail();

function consoleApi(routes: Record<string, unknown> = {}) {
  return {
    ...accountApi(),
    'GET /api/me': frontDesk,
    'GET /api/clinics/dr-kim/requests': StaffRequestListSchema.parse([overdue, open]),
    'GET /api/clinics/dr-kim/requests?type=access': StaffRequestListSchema.parse([open]),
    'GET /api/clinics/dr-kim/requests/41': open,
    ...routes,
  };
}

const writes = (fetch: ReturnType<typeof stubFetch>) =>
  requestsMade(fetch).filter((r) => r.method !== 'GET');

test('an owner who opens the console is told it is for clinic staff only', async () => {
  const fetch = stubFetch({ ...consoleApi(), 'GET /api/me': accountApi()['GET /api/me'] });
  renderApp('/c/dr-kim/console');
  expect(
    await screen.findByRole('heading', { level: 1, name: 'For clinic staff only' }),
  ).toBeTruthy();
  expect(screen.getByRole('alert').textContent).toContain(
    "This console is for the staff of Dr. Kim's Veterinary Clinic.",
  );
  expect(requestsMade(fetch).map((r) => r.path)).not.toContain('/api/clinics/dr-kim/requests');
});

test('the queue lists open requests soonest due first, with days left and overdue said in words', async () => {
  stubFetch(consoleApi());
  renderApp('/c/dr-kim/console');
  await screen.findByRole('heading', { level: 1, name: 'Privacy requests' });
  const items = await screen.findAllByRole('listitem');
  expect(items.map((item) => item.textContent)).toEqual([
    'Deletion request DRK-OLD1-LATE⚠ Overdue: Overdue by 3 daysDue November 20, 2026In progressFrom: Kim Lee',
    'Access request DRK-7QK4-M2XP30 days leftDue December 23, 2026VerifiedFrom: Sam Rivera',
  ]);
  expect(screen.getByText('Requests shown: 2').getAttribute('role')).toBe('status');
});

test('filtering by type asks the server for that type only', async () => {
  const user = userEvent.setup();
  const fetch = stubFetch(consoleApi());
  const { location } = renderApp('/c/dr-kim/console');
  await screen.findAllByRole('listitem');
  await user.selectOptions(screen.getByLabelText('Type'), 'access');
  await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
  expect(location.current?.search).toBe('?type=access');
  expect(requestsMade(fetch).map((r) => r.path)).toContain(
    '/api/clinics/dr-kim/requests?type=access',
  );
});

test('staff extend a request with a reason, then complete it; each step shows who and when', async () => {
  const user = userEvent.setup();
  const extended = staffDetail({
    status: 'extended',
    extendedDueAt: endOfLaDay('2027-02-06'),
    extensionReason: 'Records span two systems.',
    timeline: [
      ...open.timeline,
      entry({
        kind: 'extended',
        actor: 'staff',
        actorName: 'Front desk',
        note: 'Records span two systems.',
      }),
    ],
  });
  const completed = staffDetail({
    ...extended,
    status: 'completed',
    completedAt: NOW.toISOString(),
    exportUrl: '/api/me/requests/41/export',
    timeline: [
      ...extended.timeline,
      entry({ kind: 'completed', actor: 'staff', actorName: 'Front desk', note: null }),
    ],
  });
  const fetch = stubFetch(
    consoleApi({
      'POST /api/clinics/dr-kim/requests/41/extend': extended,
      'POST /api/clinics/dr-kim/requests/41/complete': completed,
    }),
  );
  renderApp('/c/dr-kim/console/requests/41');
  await screen.findByRole('heading', { level: 2, name: 'Answer the request' });

  await user.click(screen.getByRole('button', { name: 'Extend the deadline' }));
  const reason = screen.getByLabelText('Reason for the extension (sent to the owner)');
  expect(document.activeElement).toBe(reason);
  await user.click(screen.getByRole('button', { name: 'Extend the deadline' }));
  expect(screen.getByText('Write the reason: the owner is told.')).toBeTruthy();
  await user.type(reason, 'Records span two systems.');
  await user.click(screen.getByRole('button', { name: 'Extend the deadline' }));

  const done = await screen.findByText('Extended to February 6, 2027. The owner is told why.');
  await waitFor(() => expect(document.activeElement).toBe(done));
  // Once only: not offered again.
  expect(screen.queryByRole('button', { name: 'Extend the deadline' })).toBeNull();
  expect(screen.getByText('Extension: used (once only).')).toBeTruthy();

  await user.click(screen.getByRole('button', { name: 'Complete the request' }));
  expect(
    screen.getByText(
      'The owner’s data export is generated and attached automatically when you complete it.',
    ),
  ).toBeTruthy();
  await user.click(screen.getByRole('button', { name: 'Complete the request' }));
  expect(await screen.findByText('Completed. The owner is told.')).toBeTruthy();
  expect(screen.getByText('This request is closed.')).toBeTruthy();

  const timeline = screen.getByRole('heading', { level: 2, name: 'Timeline' }).closest('section')!;
  expect(
    within(timeline)
      .getAllByRole('listitem')
      .map((li) => li.textContent),
  ).toEqual([
    'Received by the clinicOwner, Nov 23, 2026, 10:00 AM',
    'Identity verifiedpawtal, Nov 23, 2026, 10:00 AM',
    'Deadline extendedNew due date: end of February 6, 2027.Reason: Records span two systems.Front desk, Nov 23, 2026, 10:00 AM',
    'CompletedFront desk, Nov 23, 2026, 10:00 AM',
  ]);
  expect(writes(fetch)).toEqual([
    {
      method: 'POST',
      path: '/api/clinics/dr-kim/requests/41/extend',
      body: { reason: 'Records span two systems.' },
    },
    { method: 'POST', path: '/api/clinics/dr-kim/requests/41/complete', body: {} },
  ]);
});

test('denying shows the statement of the right to complain that will be sent', async () => {
  const user = userEvent.setup();
  stubFetch(
    consoleApi({
      'GET /api/clinics/dr-kim/requests/41': staffDetail({
        rightToComplain: 'You may complain to a supervisory authority and seek a judicial remedy.',
      }),
    }),
  );
  renderApp('/c/dr-kim/console/requests/41');
  await user.click(await screen.findByRole('button', { name: 'Deny the request' }));
  expect(screen.getByText('This statement is sent with your reason:')).toBeTruthy();
  expect(
    screen.getByText('You may complain to a supervisory authority and seek a judicial remedy.'),
  ).toBeTruthy();
  expect(screen.getByLabelText('Reason for denying (sent to the owner)')).toBeTruthy();
});

test('a refused action says why, in words staff can act on', async () => {
  const user = userEvent.setup();
  stubFetch(
    consoleApi({
      'POST /api/clinics/dr-kim/requests/41/extend': new Handler(
        () =>
          new Reply(409, {
            code: 'extension-too-late',
            message: 'The first period of request DRK-7QK4-M2XP ended on 23 Dec 2026.',
          }),
      ),
    }),
  );
  renderApp('/c/dr-kim/console/requests/41', { locale: 'es' });
  await user.click(await screen.findByRole('button', { name: 'Prorrogar el plazo' }));
  await user.type(
    screen.getByLabelText('Motivo de la prórroga (se envía al titular)'),
    'Muchos registros.',
  );
  await user.click(screen.getByRole('button', { name: 'Prorrogar el plazo' }));
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toContain(
    'Demasiado tarde para prorrogar: la prórroga se decide y se comunica dentro del primer plazo.',
  );
  expect(alert.textContent).toContain('ended on 23 Dec 2026');
});

test('after an extension (or past the first period) staff are not offered another', async () => {
  stubFetch(
    consoleApi({
      'GET /api/clinics/dr-kim/requests/41': staffDetail({
        extensionNoticeBy: endOfLaDay('2026-11-20'),
      }),
    }),
  );
  renderApp('/c/dr-kim/console/requests/41');
  await screen.findByRole('button', { name: 'Complete the request' });
  expect(screen.queryByRole('button', { name: 'Extend the deadline' })).toBeNull();
  expect(
    screen.getByText('Extension: not possible any more (once only, inside the first period).'),
  ).toBeTruthy();
});

test('a request from a person whose code could not be sent is verified by staff, who say how', async () => {
  const user = userEvent.setup();
  const waiting = staffDetail({
    status: 'received',
    verification: 'awaiting-staff',
    filedBy: 'person',
    subject: { userId: null, name: 'Kim Lee', email: null, phone: null },
  });
  const fetch = stubFetch(
    consoleApi({
      'GET /api/clinics/dr-kim/requests/41': waiting,
      'POST /api/clinics/dr-kim/requests/41/verify': staffDetail({
        ...waiting,
        status: 'verified',
        verification: 'verified',
        timeline: [
          ...waiting.timeline,
          entry({
            kind: 'verified',
            actor: 'staff',
            actorName: 'Front desk',
            note: 'Matched at the front desk.',
          }),
        ],
      }),
    }),
  );
  renderApp('/c/dr-kim/console/requests/41');
  expect(await screen.findByText('Staff must verify the person')).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Complete the request' })).toBeNull();
  await user.click(screen.getByRole('button', { name: 'Mark as verified' }));
  await user.type(
    screen.getByLabelText('How you verified them (optional)'),
    'Matched at the front desk.',
  );
  await user.click(screen.getByRole('button', { name: 'Mark as verified' }));
  expect(await screen.findByText('Verified.')).toBeTruthy();
  expect(screen.getByText('Note: Matched at the front desk.')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Complete the request' })).toBeTruthy();
  expect(writes(fetch)).toEqual([
    {
      method: 'POST',
      path: '/api/clinics/dr-kim/requests/41/verify',
      body: { note: 'Matched at the front desk.' },
    },
  ]);
});

test('the console links to the clinic’s updates screen', async () => {
  stubFetch(consoleApi());
  renderApp('/c/dr-kim/console');
  expect(
    (await screen.findByRole('link', { name: 'Send an update to owners' })).getAttribute('href'),
  ).toBe('/c/dr-kim/console/updates');
});

test('signed in as staff, the header leads to the console instead of an owner account', async () => {
  localStorage.setItem('pawtal:signed-in', 'dr-kim');
  stubFetch(consoleApi());
  renderApp('/c/dr-kim/console');
  await screen.findByRole('heading', { level: 1, name: 'Privacy requests' });
  const nav = screen.getByRole('navigation', { name: 'Your account' });
  expect(within(nav).getByRole('link', { name: 'Console' }).getAttribute('href')).toBe(
    '/c/dr-kim/console',
  );
});

test('staff who open an owner’s privacy screen are taken to the console', async () => {
  stubFetch(consoleApi());
  const { location } = renderApp('/c/dr-kim/account/privacy');
  await screen.findByRole('heading', { level: 1, name: 'Privacy requests' });
  expect(location.current?.pathname).toBe('/c/dr-kim/console');
});
