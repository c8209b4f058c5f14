import {
  PushSubscriptionCreatedSchema,
  PushSubscriptionJsonSchema,
  VapidPublicKeySchema,
  type PushSubscriptionInput,
} from '../contract/push.ts';
import type { Category } from '../contract/preferences.ts';
import {
  deleteSubscriptionRecord,
  listSubscriptionRecords,
  saveSubscriptionRecord,
  type SubscriptionRecord,
} from '../sw/inbox-store.ts';
import { ApiError, apiGet, apiSend } from './api-client.ts';
import { pushStorageKeys, setPushStatus, type PushRecord } from './push-status.ts';
import { readStored, removeStored, storageKeys, writeStored } from './storage.ts';

/*
 * Subscribing this device to a clinic's push, and keeping the server in step with what the
 * browser really has. Loaded on demand (the banner's Enable, the devices list, a subscription
 * found changed at start), never in the first download.
 */

const seg = encodeURIComponent;
const subscriptionsPath = (clinic: string) => `/api/clinics/${seg(clinic)}/push/subscriptions`;
/** How long to wait for the service worker before saying the app is not ready. */
const WORKER_TIMEOUT_MS = 10_000;

/** Failures of the device itself (not of the API), with a code the UI can explain. */
export class PushSetupError extends Error {
  readonly code: 'no-service-worker' | 'permission' | 'subscribe-failed';
  constructor(code: PushSetupError['code'], message: string) {
    super(message);
    this.name = 'PushSetupError';
    this.code = code;
  }
}

/** RFC 8292 §3.2: the key is base64url; PushManager wants its bytes. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameBytes(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  const view = new Uint8Array(a);
  return view.every((byte, i) => byte === b[i]);
}

async function workerRegistration(): Promise<ServiceWorkerRegistration> {
  if (!('serviceWorker' in navigator)) {
    throw new PushSetupError('no-service-worker', 'No service worker support.');
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PushSetupError('no-service-worker', 'The service worker is not ready.')),
      WORKER_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([navigator.serviceWorker.ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** This browser's push endpoint, or null when it has no subscription (or no worker). */
export async function currentEndpoint(): Promise<string | null> {
  if (!('serviceWorker' in navigator)) return null;
  const registration = await navigator.serviceWorker.getRegistration();
  const subscription = await registration?.pushManager.getSubscription();
  return subscription?.endpoint ?? null;
}

function isSignedInTo(clinic: string): boolean {
  return readStored(storageKeys.signedInClinic) === clinic;
}

async function remember(clinic: string, record: PushRecord): Promise<void> {
  writeStored(pushStorageKeys.record(clinic), JSON.stringify(record));
  // The worker needs it too (re-subscribing, the Unsubscribe action); the page works without.
  const forWorker: SubscriptionRecord = {
    clinic,
    ...record,
    categories: record.categories as Category[],
  };
  await saveSubscriptionRecord(forWorker).catch(() => undefined);
}

async function forget(clinic: string): Promise<void> {
  removeStored(pushStorageKeys.record(clinic));
  await deleteSubscriptionRecord(clinic).catch(() => undefined);
}

async function register(
  clinic: string,
  subscription: PushSubscription,
  categories: Category[] | undefined,
): Promise<number> {
  const body: PushSubscriptionInput = {
    subscription: PushSubscriptionJsonSchema.parse(subscription.toJSON()),
    ...(categories ? { categories } : {}),
  };
  const created = await apiSend(
    'POST',
    subscriptionsPath(clinic),
    body,
    PushSubscriptionCreatedSchema,
  );
  return created.id;
}

/**
 * Subscribes this device to the clinic's push with the chosen categories. Call after the
 * permission was granted (the banner asks inside the tap). Clinic news is the default;
 * marketing is sent only when the owner ticked it.
 */
export async function enablePush(clinic: string, categories: Category[]): Promise<PushRecord> {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') {
    throw new PushSetupError('permission', 'Notifications are not allowed.');
  }
  const [registration, { data: vapid }] = await Promise.all([
    workerRegistration(),
    apiGet('/api/push/vapid-public-key', VapidPublicKeySchema),
  ]);
  const key = base64UrlToBytes(vapid.publicKey);
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameBytes(subscription.options.applicationServerKey, key)) {
    // Made with another deployment's key: the server could not send to it.
    await subscription.unsubscribe().catch(() => false);
    subscription = null;
  }
  if (!subscription) {
    try {
      subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: key,
      });
    } catch (error) {
      throw new PushSetupError(
        'subscribe-failed',
        error instanceof Error ? error.message : 'The push service refused.',
      );
    }
  }
  const id = await register(clinic, subscription, categories);
  const record: PushRecord = {
    id,
    endpoint: subscription.endpoint,
    categories,
    isOwnerDevice: isSignedInTo(clinic),
  };
  await remember(clinic, record);
  setPushStatus(clinic, 'subscribed');
  return record;
}

/**
 * The subscription went away outside the app. The server is told, so it stops counting the
 * device (and the owner's Devices list is right). Offline, the record stays, to try again at
 * the next start.
 */
export async function reportLostSubscription(clinic: string, record: PushRecord): Promise<void> {
  try {
    await apiSend(
      'DELETE',
      `${subscriptionsPath(clinic)}/${record.id}`,
      { endpoint: record.endpoint },
      null,
    );
  } catch (error) {
    const isGoneAlready =
      error instanceof ApiError && (error.status === 404 || error.status === 410);
    if (!isGoneAlready) throw error;
  }
  await forget(clinic);
}

/**
 * The browser's subscription is not the one this page registered: the worker re-subscribed
 * (pushsubscriptionchange) or the page missed it. Register the new endpoint and drop the old.
 */
export async function registerNewEndpoint(
  clinic: string,
  record: PushRecord,
  subscription: PushSubscription,
): Promise<void> {
  // The worker's record is the fresher one: it follows re-subscribing and the notification's
  // Unsubscribe action, which the page's localStorage cannot see.
  const workerRecord = (await listSubscriptionRecords().catch(() => [])).find(
    (r) => r.clinic === clinic,
  );
  if (workerRecord?.endpoint === subscription.endpoint) {
    writeStored(
      pushStorageKeys.record(clinic),
      JSON.stringify({
        id: workerRecord.id,
        endpoint: workerRecord.endpoint,
        categories: workerRecord.categories,
        isOwnerDevice: workerRecord.isOwnerDevice,
      } satisfies PushRecord),
    );
    return;
  }
  const known = workerRecord?.categories ?? (record.categories as Category[]);
  const categories = record.isOwnerDevice ? undefined : known;
  const id = await register(clinic, subscription, categories);
  await apiSend(
    'DELETE',
    `${subscriptionsPath(clinic)}/${record.id}`,
    { endpoint: record.endpoint },
    null,
  ).catch(() => undefined);
  await remember(clinic, { ...record, id, endpoint: subscription.endpoint, categories: known });
}

/**
 * This device was removed in the Devices list (the server has forgotten it already): the page
 * forgets it too, and the banner offers push again.
 */
export async function forgetThisDevice(clinic: string): Promise<void> {
  await forget(clinic);
  setPushStatus(clinic, 'off');
}
