import { expect, test, vi } from 'vitest';
import type { SubscriptionRecord } from '../../src/sw/inbox-store.ts';
import { resubscribe, type ResubscribeContext } from '../../src/sw/push-subscription-change.ts';
import type { PushSubscriptionLike } from '../../src/sw/worker-scope.ts';

const OLD = 'https://push.example/send/old';
const NEW = 'https://push.example/send/new';
const KEY = new Uint8Array([4, 1, 2, 3]).buffer;

function subscription(endpoint: string, key: ArrayBuffer | null = KEY): PushSubscriptionLike {
  return {
    endpoint,
    options: { applicationServerKey: key },
    toJSON: () => ({ endpoint, keys: { p256dh: 'BNewKey', auth: 'newAuth' } }),
  };
}

function fakeWorker(records: SubscriptionRecord[]) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  const saved: SubscriptionRecord[] = [];
  let nextId = 100;
  const context: ResubscribeContext = {
    subscribe: vi.fn(async () => subscription(NEW)),
    serverKey: vi.fn(async () => 'BServerKey'),
    records: async () => records,
    saveRecord: vi.fn(async (record: SubscriptionRecord) => {
      saved.push(record);
    }),
    send: vi.fn(async (method: 'POST' | 'DELETE', path: string, body: unknown) => {
      sent.push({ method, path, body });
      return method === 'POST'
        ? Response.json({ id: nextId++ }, { status: 201 })
        : new Response(null, { status: 204 });
    }),
  };
  return { context, sent, saved };
}

const visitor: SubscriptionRecord = {
  clinic: 'dr-kim',
  id: 5,
  endpoint: OLD,
  categories: ['clinic-news'],
  isOwnerDevice: false,
};
const owner: SubscriptionRecord = {
  clinic: 'other-clinic',
  id: 9,
  endpoint: OLD,
  categories: ['clinic-news', 'marketing'],
  isOwnerDevice: true,
};

test('a subscription the push service ended is renewed with the old key and every clinic is told', async () => {
  const { context, sent, saved } = fakeWorker([visitor, owner]);
  const told = await resubscribe(
    { oldSubscription: subscription(OLD), newSubscription: null },
    context,
  );
  expect(told).toBe(2);
  expect(context.subscribe).toHaveBeenCalledWith(KEY);
  expect(context.serverKey).not.toHaveBeenCalled();
  const json = { endpoint: NEW, keys: { p256dh: 'BNewKey', auth: 'newAuth' } };
  expect(sent).toEqual([
    {
      method: 'POST',
      path: '/api/clinics/dr-kim/push/subscriptions',
      body: { subscription: json, categories: ['clinic-news'] },
    },
    { method: 'DELETE', path: '/api/clinics/dr-kim/push/subscriptions/5', body: { endpoint: OLD } },
    // An owner's device follows the owner's preferences: no categories, nothing switched back on.
    {
      method: 'POST',
      path: '/api/clinics/other-clinic/push/subscriptions',
      body: { subscription: json },
    },
    {
      method: 'DELETE',
      path: '/api/clinics/other-clinic/push/subscriptions/9',
      body: { endpoint: OLD },
    },
  ]);
  expect(saved).toEqual([
    { ...visitor, id: 100, endpoint: NEW },
    { ...owner, id: 101, endpoint: NEW },
  ]);
});

test('without the old subscription the server’s VAPID key is used', async () => {
  const { context } = fakeWorker([visitor]);
  await resubscribe({ oldSubscription: null, newSubscription: null }, context);
  expect(context.subscribe).toHaveBeenCalledWith('BServerKey');
});

test('a new subscription given by the browser is registered as it is', async () => {
  const { context, sent } = fakeWorker([visitor]);
  await resubscribe({ oldSubscription: null, newSubscription: subscription(NEW) }, context);
  expect(context.subscribe).not.toHaveBeenCalled();
  expect(sent.map((s) => s.method)).toEqual(['POST', 'DELETE']);
});

test('a browser registered with no clinic does not subscribe again', async () => {
  const { context, sent } = fakeWorker([]);
  expect(
    await resubscribe({ oldSubscription: subscription(OLD), newSubscription: null }, context),
  ).toBe(0);
  expect(context.subscribe).not.toHaveBeenCalled();
  expect(sent).toEqual([]);
});
