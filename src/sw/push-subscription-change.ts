import { PushSubscriptionCreatedSchema, VapidPublicKeySchema } from '../contract/push.ts';
import {
  listSubscriptionRecords,
  saveSubscriptionRecord,
  type SubscriptionRecord,
} from './inbox-store.ts';
import {
  workerScope,
  type ExtendableEventLike,
  type PushSubscriptionLike,
} from './worker-scope.ts';

/** Not in lib.webworker yet: https://w3c.github.io/push-api/#pushsubscriptionchangeevent-interface */
export interface PushSubscriptionChangeEvent extends ExtendableEventLike {
  readonly newSubscription: PushSubscriptionLike | null;
  readonly oldSubscription: PushSubscriptionLike | null;
}

export interface ResubscribeContext {
  subscribe(applicationServerKey: ArrayBuffer | string): Promise<PushSubscriptionLike>;
  serverKey(): Promise<string>;
  records(): Promise<SubscriptionRecord[]>;
  saveRecord(record: SubscriptionRecord): Promise<void>;
  send(method: 'POST' | 'DELETE', path: string, body: unknown): Promise<Response>;
}

const seg = encodeURIComponent;

/**
 * The push service ended or rotated this browser's subscription (it expired, or the browser
 * refreshed its keys). Subscribe again with the same VAPID key, register the new endpoint with
 * every clinic this browser was registered with, and drop the old one, so the owner keeps
 * getting updates without opening the app. Returns how many clinics were told.
 */
export async function resubscribe(
  event: Pick<PushSubscriptionChangeEvent, 'newSubscription' | 'oldSubscription'>,
  context: ResubscribeContext,
): Promise<number> {
  const records = await context.records();
  if (records.length === 0) return 0;
  let subscription = event.newSubscription;
  if (!subscription) {
    // The old subscription remembers its key; the server's is the fallback (and the same,
    // unless the deployment rotated it, in which case the server's is the one to use now).
    const key = event.oldSubscription?.options.applicationServerKey ?? (await context.serverKey());
    subscription = await context.subscribe(key);
  }
  const json = subscription.toJSON();
  let told = 0;
  for (const record of records) {
    if (record.endpoint === subscription.endpoint) continue;
    // An owner's device follows the owner's preferences: listing categories would switch them
    // back on (src/contract/push.ts), so only a visitor's own categories are sent again.
    const body = record.isOwnerDevice
      ? { subscription: json }
      : { subscription: json, categories: record.categories };
    const response = await context.send(
      'POST',
      `/api/clinics/${seg(record.clinic)}/push/subscriptions`,
      body,
    );
    if (!response.ok) continue;
    const created = PushSubscriptionCreatedSchema.safeParse(await response.json());
    if (!created.success) continue;
    // The old endpoint is dead already; deleting it is tidiness, and a failure is harmless.
    await context
      .send('DELETE', `/api/clinics/${seg(record.clinic)}/push/subscriptions/${record.id}`, {
        endpoint: record.endpoint,
      })
      .catch(() => undefined);
    await context.saveRecord({ ...record, id: created.data.id, endpoint: subscription.endpoint });
    told += 1;
  }
  return told;
}

export function workerResubscribeContext(): ResubscribeContext {
  const send = (method: 'POST' | 'DELETE', path: string, body: unknown) =>
    fetch(path, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  return {
    subscribe: (applicationServerKey) =>
      workerScope().registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey,
      }),
    serverKey: async () => {
      const response = await fetch('/api/push/vapid-public-key', { cache: 'no-store' });
      return VapidPublicKeySchema.parse(await response.json()).publicKey;
    },
    records: listSubscriptionRecords,
    saveRecord: saveSubscriptionRecord,
    send,
  };
}

export function onPushSubscriptionChange(event: Event): void {
  // lib.webworker has no PushSubscriptionChangeEvent, so sw.ts registers a plain Event handler.
  const change = event as unknown as PushSubscriptionChangeEvent;
  change.waitUntil(resubscribe(change, workerResubscribeContext()).catch(() => 0));
}
