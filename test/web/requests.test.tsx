import { onlineManager } from '@tanstack/react-query';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { countdownTo } from '../../src/lib/calendar-days.ts';
import { requestsEn } from '../../src/lib/i18n/requests-en.ts';
import { requestsEs } from '../../src/lib/i18n/requests-es.ts';
import { accountApi, owner } from './fixtures/account.ts';
import { Handler, NETWORK_ERROR, Reply, requestsMade, stubFetch } from './fixtures/fetch-stub.ts';
import {
  NOW,
  ccpaAllowance,
  detail,
  endOfLaDay,
  entry,
  gdprAllowance,
  receipt,
} from './fixtures/requests.ts';
import { clinic } from './fixtures/policies.ts';
import { renderApp } from './render-app.tsx';

const QUEUED = 'Queued on this phone, not yet received by the clinic';
const spies: Array<{ mockRestore: () => void }> = [];

beforeEach(() => {
  // Only Date: the clock of the countdown. Timers stay real, for user-event and TanStack Query.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  for (const spy of spies.splice(0)) spy.mockRestore();
  onlineManager.setOnline(true);
});

function setNetwork(isOnline: boolean) {
  spies.push(vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(isOnline));
  act(() => {
    window.dispatchEvent(new Event(isOnline ? 'online' : 'offline'));
  });
}

function requestsApi(routes: Record<string, unknown> = {}) {
  return {
    ...accountApi(),
    'GET /api/me/requests': [receipt()],
    'GET /api/me/requests/allowance': ccpaAllowance(1, '2027-02-03T20:00:00.000Z'),
    ...routes,
  };
}

async function openRights(routes: Record<string, unknown> = {}, locale?: 'en' | 'es') {
  const fetch = stubFetch(requestsApi(routes));
  const view = renderApp('/c/dr-kim/account/privacy', { locale });
  await screen.findByRole('heading', {
    level: 1,
    name: locale === 'es' ? 'Sus derechos de privacidad' : 'Your privacy rights',
  });
  return { fetch, view };
}

const writes = (fetch: ReturnType<typeof stubFetch>) =>
  requestsMade(fetch).filter((r) => r.method !== 'GET');

test('the rights screen explains each right in plain words and shows the CCPA access counter', async () => {
  await openRights();
  for (const name of [
    'See what the clinic holds about you',
    'Take your data elsewhere',
    'Correct something that is wrong',
    'Delete your data',
    'Limit how your data is used',
    'Object to direct marketing',
  ]) {
    expect(await screen.findByRole('heading', { level: 2, name })).toBeTruthy();
  }
  expect(
    await screen.findByText(
      '1 of 2 access requests used in the last 12 months. The next free one from February 3, 2027.',
    ),
  ).toBeTruthy();
});

test('a GDPR-only clinic shows no access counter', async () => {
  await openRights({ 'GET /api/me/requests/allowance': gdprAllowance });
  await screen.findByRole('button', { name: 'Ask: See what the clinic holds about you' });
  expect(screen.queryByText(/access requests used/)).toBeNull();
});

test('filing an access request shows the receipt at once, with dates on the clinic’s calendar', async () => {
  const user = userEvent.setup();
  const { fetch } = await openRights({
    'POST /api/me/requests': new Reply(201, receipt({ status: 'verified' })),
  });
  await user.click(
    await screen.findByRole('button', { name: 'Ask: See what the clinic holds about you' }),
  );
  await user.type(screen.getByLabelText('Anything the clinic should know (optional)'), 'All of it');
  await user.click(screen.getByRole('button', { name: 'Send the request' }));

  const lead = await screen.findByText('The clinic received your request. Here is your receipt.');
  await waitFor(() => expect(document.activeElement).toBe(lead));
  const card = lead.closest('section')!;
  const fact = (term: string) =>
    within(card).getByText(term, { selector: 'dt' }).nextElementSibling!.textContent;
  expect(fact('Reference')).toBe('DRK-7QK4-M2XP');
  expect(fact('Type')).toBe('Access');
  expect(fact('Received')).toBe('Nov 23, 2026, 10:00 AM');
  expect(fact('Law')).toBe('GDPR and CCPA: the earlier deadline applies');
  expect(fact('Clinic confirms receipt by')).toBe('end of December 7, 2026');
  expect(fact('Answer due')).toBe('end of December 23, 2026 30 days left');
  expect(within(card).getByText(/The clinic checks your request/)).toBeTruthy();
  expect(writes(fetch)).toEqual([
    {
      method: 'POST',
      path: '/api/me/requests',
      body: {
        type: 'access',
        details: { note: 'All of it' },
        // Made once per filing, so that a retry is recognised as the same filing.
        clientRequestId: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
    },
  ]);
});

test('a filing whose answer was lost is sent again with the same id, and the receipt shows once', async () => {
  const user = userEvent.setup();
  let posts = 0;
  const { fetch } = await openRights({
    'POST /api/me/requests': new Handler(() => {
      posts += 1;
      // The server got the first one, but its answer never reached the phone.
      return posts === 1 ? NETWORK_ERROR : new Reply(200, receipt());
    }),
  });
  await user.click(
    await screen.findByRole('button', { name: 'Ask: See what the clinic holds about you' }),
  );
  await user.click(screen.getByRole('button', { name: 'Send the request' }));
  await screen.findByText(
    'The clinic received your request. Here is your receipt.',
    {},
    { timeout: 5000 },
  );
  const sent = writes(fetch).map((r) => (r.body as { clientRequestId?: string }).clientRequestId);
  expect(sent).toHaveLength(2);
  expect(sent[0]).toMatch(/^[0-9a-f]{32}$/);
  expect(sent[1]).toBe(sent[0]);
  expect(screen.getAllByText('DRK-7QK4-M2XP')).toHaveLength(1);

  // The next filing is a new one, with an id of its own.
  await user.click(screen.getByRole('button', { name: 'Ask: Take your data elsewhere' }));
  await user.click(screen.getByRole('button', { name: 'Send the request' }));
  await waitFor(() => expect(writes(fetch)).toHaveLength(3));
  const third = (writes(fetch)[2]?.body as { clientRequestId?: string }).clientRequestId;
  expect(third).toMatch(/^[0-9a-f]{32}$/);
  expect(third).not.toBe(sent[0]);
});

test('a third access request within 12 months is refused with the server’s message and the next free date', async () => {
  const user = userEvent.setup();
  await openRights({
    // Read before another request was filed elsewhere: the refusal's own date wins.
    'GET /api/me/requests/allowance': ccpaAllowance(1, '2027-01-15T20:00:00.000Z'),
    'POST /api/me/requests': new Reply(429, {
      code: 'access-limit',
      message:
        'You have made 2 access requests in the last 12 months, the most the law provides for. The next one is free from 3 Feb 2027.',
      limit: 2,
      used: 2,
      nextAvailableAt: '2027-02-03T20:00:00.000Z',
    }),
  });
  await user.click(
    await screen.findByRole('button', { name: 'Ask: See what the clinic holds about you' }),
  );
  await user.click(screen.getByRole('button', { name: 'Send the request' }));

  const alert = await screen.findByRole('alert');
  expect(within(alert).getByText('Your access request wasn’t sent.')).toBeTruthy();
  expect(within(alert).getByText(/The next one is free from 3 Feb 2027\./)).toBeTruthy();
  expect(within(alert).getByText('The next free one from February 3, 2027.')).toBeTruthy();
  expect(screen.queryByText('The clinic received your request. Here is your receipt.')).toBeNull();
});

test('in Spanish the refusal names the request in lower case and gives the date from the refusal', async () => {
  const user = userEvent.setup();
  await openRights(
    {
      'GET /api/me/requests/allowance': ccpaAllowance(1, '2027-01-15T20:00:00.000Z'),
      'POST /api/me/requests': new Reply(429, {
        code: 'access-limit',
        message: 'You have made 2 access requests in the last 12 months.',
        limit: 2,
        used: 2,
        nextAvailableAt: '2027-02-03T20:00:00.000Z',
      }),
    },
    'es',
  );
  await user.click(
    await screen.findByRole('button', {
      name: 'Solicitar: Ver qué datos tiene la clínica sobre usted',
    }),
  );
  await user.click(screen.getByRole('button', { name: 'Enviar la solicitud' }));
  const alert = await screen.findByRole('alert');
  expect(within(alert).getByText('Su solicitud de acceso no se envió.')).toBeTruthy();
  expect(
    within(alert).getByText(/La próxima es posible desde el 3 de febrero de 2027\./),
  ).toBeTruthy();
});

test('a correction says what is wrong, what it says now and what it should say', async () => {
  const user = userEvent.setup();
  const { fetch } = await openRights({
    'POST /api/me/requests': new Reply(201, receipt({ type: 'rectification' })),
  });
  await user.click(
    await screen.findByRole('button', { name: 'Ask: Correct something that is wrong' }),
  );
  await user.click(screen.getByRole('button', { name: 'Send the request' }));
  expect(screen.getByText('Say what is wrong and what it should say.')).toBeTruthy();
  expect(writes(fetch)).toEqual([]);

  await user.type(screen.getByLabelText('What is wrong'), 'Biscuit’s birth date');
  await user.type(screen.getByLabelText('What it says now'), '2020-05-03');
  await user.type(screen.getByLabelText('What it should say'), '2020-06-03');
  await user.click(screen.getByRole('button', { name: 'Send the request' }));
  await screen.findByText('The clinic received your request. Here is your receipt.');
  expect(writes(fetch)[0]?.body).toEqual({
    type: 'rectification',
    details: {
      corrections: [{ field: 'Biscuit’s birth date', old: '2020-05-03', new: '2020-06-03' }],
    },
    clientRequestId: expect.stringMatching(/^[0-9a-f]{32}$/),
  });
});

test('offline, a request is queued on this phone and never shown as sent; the receipt comes once the server has it, even after a reload', async () => {
  const user = userEvent.setup();
  const state = { isOffline: false, posts: 0 };
  const routes = {
    'POST /api/me/requests': new Handler(() => {
      if (state.isOffline) return NETWORK_ERROR;
      state.posts += 1;
      return new Reply(201, receipt({ type: 'objection', reference: 'DRK-OBJC-T10N' }));
    }),
  };
  const first = await openRights(routes);
  state.isOffline = true;
  setNetwork(false);

  await user.click(await screen.findByRole('button', { name: 'Ask: Object to direct marketing' }));
  await user.click(screen.getByRole('button', { name: 'Send the request' }));

  expect(await screen.findByText(QUEUED)).toBeTruthy();
  // Focus goes where the request's fate is told, not back to the top of the page.
  await waitFor(() => expect(document.activeElement?.textContent).toContain(QUEUED));
  expect(screen.getByText(/Objection request\. It will be sent when you’re online/)).toBeTruthy();
  expect(screen.queryByText(/received your request/)).toBeNull();
  expect(screen.queryByText('Receipt')).toBeNull();
  expect(state.posts).toBe(0);
  await waitFor(() => expect(localStorage.getItem('pawtal:query-cache')).toContain('objection'));

  const stored = /"clientRequestId":"([0-9a-f]{32})"/.exec(
    localStorage.getItem('pawtal:query-cache') ?? '',
  )?.[1];
  expect(stored).toBeDefined();

  // The app is closed and opened again, still offline: the request is still only on the phone.
  first.view.unmount();
  const second = await openRights(routes);
  expect(await screen.findByText(QUEUED)).toBeTruthy();
  expect(state.posts).toBe(0);

  state.isOffline = false;
  setNetwork(true);
  expect(
    await screen.findByText('The clinic received your request. Here is your receipt.'),
  ).toBeTruthy();
  expect(state.posts).toBe(1);
  // The filing kept its id across the reload: were this a retry, the server would know it.
  expect(writes(second.fetch)[0]?.body).toMatchObject({
    type: 'objection',
    clientRequestId: stored,
  });
  expect(screen.getByText('DRK-OBJC-T10N')).toBeTruthy();
  expect(screen.queryByText(QUEUED)).toBeNull();
  await waitFor(() =>
    expect(localStorage.getItem('pawtal:query-cache') ?? '').not.toContain('objection'),
  );
});

test('the request list shows each request’s status and the days left, and an overdue one in words', async () => {
  stubFetch(
    requestsApi({
      'GET /api/me/requests': [
        receipt(),
        receipt({
          id: 40,
          reference: 'DRK-OLD1-LATE',
          type: 'portability',
          receivedAt: '2026-10-01T18:00:00.000Z',
          dueAt: endOfLaDay('2026-11-21'),
          status: 'in-progress',
        }),
      ],
    }),
  );
  renderApp('/c/dr-kim/account/privacy/requests');
  await screen.findByRole('heading', { level: 1, name: 'Your requests' });
  const items = await screen.findAllByRole('listitem');
  expect(items.map((item) => item.textContent)).toEqual([
    'Access · DRK-7QK4-M2XPVerified Due December 23, 2026 30 days left',
    'Portability · DRK-OLD1-LATEIn progress Due November 21, 2026 ⚠ Overdue by 2 days',
  ]);
});

test('a request’s timeline shows the extension with its reason and the completion, with a download of the attached export', async () => {
  stubFetch(
    requestsApi({
      'GET /api/me/requests/41': detail({
        status: 'completed',
        extendedDueAt: endOfLaDay('2027-02-06'),
        extensionReason: 'Records span two systems.',
        completedAt: NOW.toISOString(),
        exportUrl: '/api/me/requests/41/export',
        timeline: [
          entry({ kind: 'received', actor: 'owner', at: '2026-11-01T18:00:00.000Z' }),
          entry({ kind: 'verified', actor: 'system', at: '2026-11-01T18:00:00.000Z' }),
          entry({
            kind: 'extended',
            actor: 'staff',
            actorName: 'Front desk',
            at: '2026-11-10T18:00:00.000Z',
            note: 'Records span two systems.',
          }),
          entry({ kind: 'completed', actor: 'staff', actorName: 'Front desk', note: 'Attached.' }),
        ],
      }),
    }),
  );
  renderApp('/c/dr-kim/account/privacy/requests/41');
  const timeline = (
    await screen.findByRole('heading', { level: 2, name: 'What has happened' })
  ).closest('section')!;
  const steps = within(timeline)
    .getAllByRole('listitem')
    .map((li) => li.textContent);
  expect(steps).toEqual([
    'Received by the clinicNov 1, 2026, 10:00 AM, by you',
    'Identity verifiedNov 1, 2026, 10:00 AM, automatically',
    'Deadline extendedNew due date: end of February 6, 2027.Reason: Records span two systems.Nov 10, 2026, 10:00 AM, by Front desk',
    'CompletedNote: Attached.Nov 23, 2026, 10:00 AM, by Front desk',
  ]);
  expect(screen.getByText('Answered')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Download the copy of your data' })).toBeTruthy();
});

test('a denied request gives the reason and the right to complain', async () => {
  stubFetch(
    requestsApi({
      'GET /api/me/requests/41': detail({
        status: 'denied',
        denialReason: 'We could not verify who asked.',
        rightToComplain: 'You may complain to a supervisory authority and seek a judicial remedy.',
        timeline: [
          entry({ kind: 'received', actor: 'owner' }),
          entry({
            kind: 'denied',
            actor: 'staff',
            actorName: 'Front desk',
            note: 'We could not verify who asked.',
          }),
        ],
      }),
    }),
  );
  renderApp('/c/dr-kim/account/privacy/requests/41');
  expect(await screen.findByText('Reason: We could not verify who asked.')).toBeTruthy();
  expect(
    screen.getAllByText('You may complain to a supervisory authority and seek a judicial remedy.')
      .length,
  ).toBeGreaterThan(0);
});

test('an authorized agent’s request waits for the owner, who confirms it here', async () => {
  const user = userEvent.setup();
  const waiting = detail({
    status: 'received',
    verification: 'awaiting-owner',
    filedBy: 'agent',
    agentName: 'Ada Agent',
  });
  const fetch = stubFetch(
    requestsApi({
      'GET /api/me/requests/41': waiting,
      'POST /api/me/requests/41/confirm': detail({
        timeline: [...waiting.timeline, entry({ kind: 'owner-confirmed', actor: 'owner' })],
      }),
    }),
  );
  renderApp('/c/dr-kim/account/privacy/requests/41');
  await screen.findByRole('heading', { name: 'Someone asked on your behalf' });
  expect(screen.getByText('Ada Agent')).toBeTruthy();
  await user.click(screen.getByRole('button', { name: 'Yes, I asked them to' }));
  expect(await screen.findByText('Confirmed by the owner')).toBeTruthy();
  expect(screen.queryByRole('heading', { name: 'Someone asked on your behalf' })).toBeNull();
  expect(writes(fetch)).toEqual([
    { method: 'POST', path: '/api/me/requests/41/confirm', body: undefined },
  ]);
});

test('download my data asks for a fresh code, then streams the file with progress and saves it', async () => {
  const user = userEvent.setup();
  const saved: Array<{ name: string; blob: Blob }> = [];
  const blobs = new Map<string, Blob>();
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        const url = `blob:test/${blobs.size}`;
        blobs.set(url, blob);
        return url;
      },
      revokeObjectURL: () => undefined,
    }),
  );
  spies.push(
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({ name: this.download, blob: blobs.get(this.href)! });
    }),
  );
  const content = 'PK-the-zip-bytes';
  const fetch = stubFetch(
    requestsApi({
      'POST /api/auth/step-up/code': new Reply(202, { message: 'A code is on its way.' }),
      'POST /api/auth/step-up': new Reply(204, null),
      'GET /api/me/export': new Reply(200, content, {
        'content-type': 'application/zip',
        'content-disposition': 'attachment; filename="pawtal-data-dr-kim-2026-11-23.zip"',
        'x-export-items': '12',
        'x-export-size': String(content.length),
      }),
    }),
  );
  renderApp('/c/dr-kim/account/privacy/download');
  await screen.findByRole('heading', { level: 1, name: 'Download my data' });
  await user.click(screen.getByRole('button', { name: 'Email me a code' }));
  const code = await screen.findByLabelText('6-digit code');
  expect(screen.getByText(`A code is on its way to ${owner.email}. It works for 10 minutes.`));
  await user.type(code, '123456');
  await user.click(screen.getByRole('button', { name: 'Confirm' }));

  const done = await screen.findByText(
    'Saved pawtal-data-dr-kim-2026-11-23.zip (16 B). Look in your downloads.',
  );
  expect(done).toBeTruthy();
  expect(saved).toHaveLength(1);
  expect(saved[0]?.name).toBe('pawtal-data-dr-kim-2026-11-23.zip');
  expect(await saved[0]?.blob.text()).toBe(content);
  expect(writes(fetch).map((r) => `${r.method} ${r.path}`)).toEqual([
    'POST /api/auth/step-up/code',
    'POST /api/auth/step-up',
  ]);
  expect(requestsMade(fetch).map((r) => r.path)).toContain('/api/me/export?format=zip');
});

test('a wrong step-up code says so and nothing is downloaded', async () => {
  const user = userEvent.setup();
  const fetch = stubFetch(
    requestsApi({
      'POST /api/auth/step-up/code': new Reply(202, { message: 'A code is on its way.' }),
      'POST /api/auth/step-up': new Reply(400, {
        code: 'invalid-code',
        message: 'That code is not right. 4 tries left.',
      }),
    }),
  );
  renderApp('/c/dr-kim/account/privacy/download', { locale: 'es' });
  await user.click(await screen.findByRole('button', { name: 'Enviarme un código' }));
  await user.type(await screen.findByLabelText('Código de 6 cifras'), '000000');
  await user.click(screen.getByRole('button', { name: 'Confirmar' }));
  const alert = await screen.findByRole('alert');
  expect(
    within(alert).getByText(
      'Ese código no es correcto. Revise el último correo e inténtelo de nuevo.',
    ),
  ).toBeTruthy();
  expect(within(alert).getByText('That code is not right. 4 tries left.')).toBeTruthy();
  expect(requestsMade(fetch).map((r) => r.path)).not.toContain('/api/me/export?format=zip');
});

test('delete my account explains what happens, asks for a fresh code, then files the erasure and shows its receipt', async () => {
  const user = userEvent.setup();
  const fetch = stubFetch(
    requestsApi({
      'POST /api/auth/step-up/code': new Reply(202, { message: 'A code is on its way.' }),
      'POST /api/auth/step-up': new Reply(204, null),
      'POST /api/me/requests': new Reply(
        201,
        receipt({ type: 'erasure', reference: 'DRK-ERAS-E001' }),
      ),
    }),
  );
  renderApp('/c/dr-kim/account/privacy/delete');
  await screen.findByRole('heading', { level: 1, name: 'Delete my account' });
  expect(screen.getByText(/kept for 24 months without your name/)).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Delete my account' })).toBeNull();

  await user.click(screen.getByRole('button', { name: 'Email me a code' }));
  await user.type(await screen.findByLabelText('6-digit code'), '123456');
  await user.click(screen.getByRole('button', { name: 'Confirm' }));
  await user.click(await screen.findByRole('button', { name: 'Delete my account' }));

  const lead = await screen.findByText('Your deletion request was received.');
  await waitFor(() => expect(document.activeElement).toBe(lead.parentElement));
  expect(screen.getByText('DRK-ERAS-E001')).toBeTruthy();
  expect(screen.getByText('Deletion')).toBeTruthy();
  expect(writes(fetch).at(-1)).toEqual({
    method: 'POST',
    path: '/api/me/requests',
    body: { type: 'erasure', clientRequestId: expect.stringMatching(/^[0-9a-f]{32}$/) },
  });
});

test('a person without an account files a request and confirms it with the code sent to a contact the clinic holds', async () => {
  const user = userEvent.setup();
  const fetch = stubFetch({
    ...requestsApi(),
    'POST /api/clinics/dr-kim/requests': new Reply(202, {
      id: 9,
      reference: 'DRK-PUBL-IC01',
      type: 'erasure',
      regime: 'gdpr+ccpa',
      receivedAt: NOW.toISOString(),
      acknowledgeBy: endOfLaDay('2026-12-07'),
      dueAt: endOfLaDay('2026-12-23'),
      extendedDueAt: null,
      message: 'If the clinic holds this contact, a code is on its way.',
    }),
    'POST /api/clinics/dr-kim/requests/9/identity': {
      reference: 'DRK-PUBL-IC01',
      verification: 'verified',
      message: 'Thank you. Your request is verified.',
    },
  });
  renderApp('/c/dr-kim/privacy-request');
  await screen.findByRole('heading', { level: 1, name: 'Make a privacy request' });
  await user.selectOptions(screen.getByLabelText('What are you asking for?'), 'erasure');
  await user.click(screen.getByRole('button', { name: 'Send the request' }));
  expect(screen.getByText('Enter the person’s name.')).toBeTruthy();

  await user.type(screen.getByLabelText('Full name of the person the request is about'), 'Kim Lee');
  await user.type(
    screen.getByLabelText('Email or mobile phone the clinic has for them'),
    'kim@example.com',
  );
  await user.click(screen.getByRole('button', { name: 'Send the request' }));
  await screen.findByRole('heading', { name: 'Enter the code' });
  expect(screen.getByText('DRK-PUBL-IC01')).toBeTruthy();
  await user.type(screen.getByLabelText('6-digit code'), '654321');
  await user.click(screen.getByRole('button', { name: 'Confirm the request' }));
  expect(await screen.findByText('Thank you. Your request is verified.')).toBeTruthy();
  expect(writes(fetch)).toEqual([
    {
      method: 'POST',
      path: '/api/clinics/dr-kim/requests',
      body: { type: 'erasure', name: 'Kim Lee', contact: 'kim@example.com', details: {} },
    },
    { method: 'POST', path: '/api/clinics/dr-kim/requests/9/identity', body: { code: '654321' } },
  ]);
});

test('the account page links to the privacy rights, the download and the deletion', async () => {
  stubFetch(requestsApi());
  renderApp('/c/dr-kim/account');
  await screen.findByRole('heading', { level: 1, name: 'Your account' });
  expect(screen.getByRole('link', { name: 'Your privacy rights' }).getAttribute('href')).toBe(
    '/c/dr-kim/account/privacy',
  );
  expect(screen.getByRole('link', { name: 'Download my data' })).toBeTruthy();
  expect(screen.getByRole('link', { name: 'Delete my account' })).toBeTruthy();
});

test('days left are counted on the clinic’s calendar, not in 24-hour spans', () => {
  const zone = clinic.timeZone;
  // 23:30 on 22 Dec in Los Angeles is already 23 Dec in UTC: still one day before the due day.
  expect(countdownTo(endOfLaDay('2026-12-23'), Date.parse('2026-12-23T07:30:00Z'), zone)).toEqual({
    daysLeft: 1,
    isOverdue: false,
  });
  expect(countdownTo(endOfLaDay('2026-12-23'), Date.parse('2026-12-24T07:59:00Z'), zone)).toEqual({
    daysLeft: 0,
    isOverdue: false,
  });
  expect(countdownTo(endOfLaDay('2026-12-23'), Date.parse('2026-12-24T08:00:01Z'), zone)).toEqual({
    daysLeft: -1,
    isOverdue: true,
  });
});

test('the requests’ Spanish has every key of their English, with the same placeholders', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  expect(Object.keys(requestsEs).sort()).toEqual(Object.keys(requestsEn).sort());
  for (const [key, text] of Object.entries(requestsEn)) {
    const spanish = requestsEs[key as keyof typeof requestsEs];
    expect(spanish.trim(), key).not.toBe('');
    expect(placeholders(spanish), key).toEqual(placeholders(text));
  }
});

test('the link in the code’s message opens the code step of that request', async () => {
  const user = userEvent.setup();
  const fetch = stubFetch({
    ...requestsApi(),
    'POST /api/clinics/dr-kim/requests/12/identity': {
      reference: 'DRK-LINK-0012',
      verification: 'verified',
      message: 'Thank you. Your request is verified.',
    },
  });
  renderApp('/c/dr-kim/privacy-request?request=12');
  const heading = await screen.findByRole('heading', { level: 2, name: 'Enter the code' });
  await waitFor(() => expect(document.activeElement).toBe(heading));
  await user.type(screen.getByLabelText('6-digit code'), '111222');
  await user.click(screen.getByRole('button', { name: 'Confirm the request' }));
  expect(await screen.findByText('Reference: DRK-LINK-0012')).toBeTruthy();
  expect(writes(fetch)).toEqual([
    { method: 'POST', path: '/api/clinics/dr-kim/requests/12/identity', body: { code: '111222' } },
  ]);
});

test('an authorized agent files for someone, and is told the person confirms it, not them', async () => {
  const user = userEvent.setup();
  const fetch = stubFetch({
    ...requestsApi(),
    'POST /api/clinics/dr-kim/requests': new Reply(202, {
      id: 13,
      reference: 'DRK-AGNT-0013',
      type: 'access',
      regime: 'gdpr+ccpa',
      receivedAt: NOW.toISOString(),
      acknowledgeBy: endOfLaDay('2026-12-07'),
      dueAt: endOfLaDay('2026-12-23'),
      extendedDueAt: null,
      message: 'If the clinic holds this contact, the person is asked to confirm.',
    }),
  });
  renderApp('/c/dr-kim/privacy-request');
  await user.click(
    await screen.findByRole('radio', { name: 'I am an authorized agent, asking for someone else' }),
  );
  await user.type(screen.getByLabelText('Full name of the person the request is about'), 'Kim Lee');
  await user.type(
    screen.getByLabelText('Email or mobile phone the clinic has for them'),
    '+1 555 010 0123',
  );
  await user.click(screen.getByRole('button', { name: 'Send the request' }));
  expect(
    screen.getByText(
      'An agent gives their name and email, and confirms they have signed permission.',
    ),
  ).toBeTruthy();
  expect(writes(fetch)).toEqual([]);

  await user.type(screen.getByLabelText('Your name (the agent)'), 'Ada Agent');
  await user.type(screen.getByLabelText('Your email address'), 'ada@example.com');
  await user.type(
    screen.getByLabelText('The person’s signed permission'),
    'Signed form of 20 Nov 2026.',
  );
  await user.click(screen.getByRole('button', { name: 'Send the request' }));
  expect(
    await screen.findByText(/^The request was sent\. The clinic asks the person to confirm it/),
  ).toBeTruthy();
  expect(screen.queryByLabelText('6-digit code')).toBeNull();
  expect(writes(fetch)[0]?.body).toEqual({
    type: 'access',
    name: 'Kim Lee',
    contact: '+1 555 010 0123',
    details: {},
    agent: {
      name: 'Ada Agent',
      email: 'ada@example.com',
      signedPermission: 'Signed form of 20 Nov 2026.',
    },
  });
});

test('the privacy rights speak Spanish, receipts and counter included', async () => {
  await openRights({}, 'es');
  expect(
    await screen.findByText(
      '1 de 2 solicitudes de acceso usadas en los últimos 12 meses. La próxima gratuita, desde el 3 de febrero de 2027.',
    ),
  ).toBeTruthy();
  expect(
    screen.getByRole('heading', { level: 2, name: 'Oponerse a la publicidad directa' }),
  ).toBeTruthy();
});

test('a large export streams with a progress indicator from the server’s size hint', async () => {
  const user = userEvent.setup();
  let push: (text: string) => void = () => undefined;
  let finish: () => void = () => undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      push = (text) => controller.enqueue(new TextEncoder().encode(text));
      finish = () => controller.close();
    },
  });
  const api = stubFetch(
    requestsApi({ 'GET /api/me': { ...owner, steppedUpUntil: '2026-11-23T18:09:00.000Z' } }),
  );
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) =>
    String(input).startsWith('/api/me/export')
      ? new Response(body, {
          headers: {
            'content-type': 'application/zip',
            'content-disposition': 'attachment; filename="pawtal-data.zip"',
            'x-export-size': '2048',
            'x-export-items': '40',
          },
        })
      : api(input, init),
  );
  vi.stubGlobal(
    'URL',
    Object.assign(URL, { createObjectURL: () => 'blob:test/1', revokeObjectURL: () => undefined }),
  );
  spies.push(vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined));
  renderApp('/c/dr-kim/account/privacy/download');
  // Stepped up a minute ago: no new code is needed.
  await user.click(await screen.findByRole('button', { name: 'Download my data' }));

  push('x'.repeat(1024));
  expect(await screen.findByText('Downloaded 1 KB of 2 KB (50%)')).toBeTruthy();
  const bar = screen.getByRole('progressbar', { name: 'Download progress' }) as HTMLProgressElement;
  expect([bar.value, bar.max]).toEqual([1024, 2048]);
  expect(screen.getByRole('button', { name: 'Download my data' }).hasAttribute('disabled')).toBe(
    true,
  );

  push('y'.repeat(1024));
  finish();
  expect(
    await screen.findByText('Saved pawtal-data.zip (2 KB). Look in your downloads.'),
  ).toBeTruthy();
  expect(screen.queryByRole('progressbar')).toBeNull();
});
