import { expect, test, vi } from 'vitest';
import { MAX_PUSH_PAYLOAD_BYTES, type PushPayload } from '../../src/contract/push.ts';
import {
  handlePush,
  linkInScope,
  readPayload,
  UNSUBSCRIBE_ACTION,
  type PushContext,
} from '../../src/sw/push.ts';
import type { StoredUpdate } from '../../src/sw/inbox-store.ts';
import type { PushData } from '../../src/sw/worker-scope.ts';

const payload: PushPayload = {
  updateId: 42,
  clinic: 'dr-kim',
  title: 'Closed on Friday',
  body: 'The clinic is closed on Friday 27 November for staff training.',
  url: '/c/dr-kim/policies/clinic-privacy',
  category: 'clinic-news',
  sentAt: '2026-11-23T10:00:00.000Z',
};

/** PushMessageData as the browser hands it over: json() throws on what is not JSON. */
function message(body: string): PushData {
  return { json: () => JSON.parse(body) as unknown, text: () => body };
}

function fakeWorker(overrides: Partial<PushContext> = {}) {
  const shown: { title: string; options: NotificationOptions & Record<string, unknown> }[] = [];
  const saved: StoredUpdate[] = [];
  const context: PushContext = {
    showNotification: vi.fn(async (title: string, options: NotificationOptions) => {
      shown.push({ title, options: options as NotificationOptions & Record<string, unknown> });
    }),
    saveUpdate: vi.fn(async (update: StoredUpdate) => {
      saved.push(update);
    }),
    announce: vi.fn(async () => undefined),
    clinicName: vi.fn(async () => 'Dr. Kim'),
    language: 'en-US',
    now: () => new Date('2026-11-23T10:00:05.000Z'),
    ...overrides,
  };
  return { context, shown, saved };
}

test('a clinic update is shown with the clinic name, icon, badge, a per-update tag and renotify', async () => {
  const { context, shown } = fakeWorker();
  await handlePush(message(JSON.stringify(payload)), context);

  expect(shown).toHaveLength(1);
  expect(shown[0]!.title).toBe('Dr. Kim: Closed on Friday');
  expect(shown[0]!.options).toMatchObject({
    body: payload.body,
    icon: '/c/dr-kim/icons/icon-192.png',
    badge: '/c/dr-kim/icons/badge-96.png',
    tag: 'update-42',
    renotify: true,
    timestamp: Date.parse(payload.sentAt),
    data: {
      clinic: 'dr-kim',
      updateId: 42,
      category: 'clinic-news',
      url: '/c/dr-kim/policies/clinic-privacy',
    },
  });
  // Only marketing carries the Unsubscribe action.
  expect(shown[0]!.options.actions).toBeUndefined();
});

test('the update is stored for the inbox before the notification is shown', async () => {
  const order: string[] = [];
  const { context, saved } = fakeWorker({
    saveUpdate: vi.fn(async (update: StoredUpdate) => {
      order.push('saved');
      saved.push(update);
    }),
    showNotification: vi.fn(async () => {
      order.push('shown');
    }),
  });
  await handlePush(message(JSON.stringify(payload)), context);
  expect(order).toEqual(['saved', 'shown']);
  expect(saved).toEqual([
    {
      id: 42,
      clinic: 'dr-kim',
      title: payload.title,
      body: payload.body,
      url: '/c/dr-kim/policies/clinic-privacy',
      category: 'clinic-news',
      sentAt: payload.sentAt,
      receivedAt: '2026-11-23T10:00:05.000Z',
    },
  ]);
});

test('a marketing update carries an "Unsubscribe from these" action', async () => {
  const { context, shown } = fakeWorker();
  await handlePush(message(JSON.stringify({ ...payload, category: 'marketing' })), context);
  expect(shown[0]!.options.actions).toEqual([
    { action: UNSUBSCRIBE_ACTION, title: 'Unsubscribe from these' },
  ]);
});

test('the action and the fallback words follow the phone’s language', async () => {
  const { context, shown } = fakeWorker({ language: 'es-ES' });
  await handlePush(message(JSON.stringify({ ...payload, category: 'partner-offers' })), context);
  expect(shown[0]!.options.actions).toEqual([
    { action: UNSUBSCRIBE_ACTION, title: 'Cancelar estos avisos' },
  ]);
  await handlePush(message('not json'), context);
  expect(shown[1]!.title).toBe('Nueva novedad de su clínica');
});

test('an unreadable payload still shows a generic notification and stores nothing', async () => {
  for (const data of [message('{"half":'), message('{"title":"no clinic"}'), null]) {
    const { context, shown, saved } = fakeWorker();
    await handlePush(data, context);
    expect(shown).toEqual([
      {
        title: 'New update from your clinic',
        options: expect.objectContaining({ body: 'Open the app to read it.' }),
      },
    ]);
    expect(saved).toEqual([]);
  }
});

test('without the clinic name on this phone the slug leads, and a storage failure still shows it', async () => {
  const { context, shown } = fakeWorker({
    clinicName: vi.fn(async () => null),
    saveUpdate: vi.fn(async () => {
      throw new Error('QuotaExceededError');
    }),
  });
  await handlePush(message(JSON.stringify(payload)), context);
  expect(shown[0]!.title).toBe('dr-kim: Closed on Friday');
});

test('a title that already names the clinic is not prefixed twice', async () => {
  const { context, shown } = fakeWorker();
  await handlePush(message(JSON.stringify({ ...payload, title: 'Dr. Kim is closed' })), context);
  expect(shown[0]!.title).toBe('Dr. Kim is closed');
});

test('a link outside the clinic’s scope is replaced by the update in the inbox', async () => {
  for (const url of [
    'https://evil.example/phish',
    '//evil.example/x',
    '/c/other-clinic/updates',
    '/api/me',
  ]) {
    const { context, shown } = fakeWorker();
    await handlePush(message(JSON.stringify({ ...payload, url })), context);
    expect(shown[0]!.options.data).toMatchObject({ url: '/c/dr-kim/updates#update-42' });
  }
  expect(linkInScope('dr-kim', '/c/dr-kim/updates?x=1#y')).toBe('/c/dr-kim/updates?x=1#y');
  expect(linkInScope('dr-kim', '/c/dr-kim/../other/')).toBeNull();
});

test('a payload at the size limit is still read', () => {
  const body = 'x'.repeat(MAX_PUSH_PAYLOAD_BYTES - JSON.stringify({ ...payload, body: '' }).length);
  const json = JSON.stringify({ ...payload, body });
  expect(new TextEncoder().encode(json).length).toBe(MAX_PUSH_PAYLOAD_BYTES);
  expect(readPayload(message(json))?.body).toBe(body);
});

test('open windows of the app are told, so an open inbox shows the update at once', async () => {
  const { context } = fakeWorker();
  await handlePush(message(JSON.stringify(payload)), context);
  expect(context.announce).toHaveBeenCalledWith('dr-kim', 42);
});
