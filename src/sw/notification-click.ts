import { PushUnsubscribeResultSchema } from '../contract/push.ts';
import { CategorySchema } from '../contract/preferences.ts';
import { listSubscriptionRecords, saveSubscriptionRecord } from './inbox-store.ts';
import { linkInScope, UNSUBSCRIBE_ACTION, type NotificationData } from './push.ts';
import {
  workerScope,
  type NotificationEventLike,
  type NotificationLike,
  type WindowClientLike,
} from './worker-scope.ts';
import { paths } from '../lib/paths.ts';

/** The worker's window clients and network, as the click handler uses them; tests pass fakes. */
export interface ClickContext {
  origin: string;
  windows(): Promise<readonly WindowClientLike[]>;
  openWindow(url: string): Promise<WindowClientLike | null>;
  /** The push endpoint registered with the clinic: the proof the unsubscribe route asks for. */
  endpoint(clinic: string | null): Promise<string | null>;
  post(path: string, body: unknown): Promise<Response>;
  showNotification(title: string, options: NotificationOptions): Promise<void>;
  /** Drops the category from the device's own record, so a re-subscribe does not restore it. */
  forgetCategory(clinic: string, category: string): Promise<void>;
  language: string;
}

const WORDS = {
  en: {
    done: 'Unsubscribed',
    doneBody: 'You will no longer get these notifications on this device.',
    failed: 'Could not unsubscribe',
    failedBody: 'Open the app and change it in your preferences.',
  },
  es: {
    done: 'Suscripción cancelada',
    doneBody: 'Ya no recibirá estos avisos en este dispositivo.',
    failed: 'No se pudo cancelar',
    failedBody: 'Abra la aplicación y cámbielo en sus preferencias.',
  },
} as const;

function words(language: string) {
  return language.toLowerCase().startsWith('es') ? WORDS.es : WORDS.en;
}

export function readNotificationData(value: unknown): NotificationData {
  const fallback: NotificationData = { clinic: null, updateId: null, category: null, url: '/' };
  if (typeof value !== 'object' || value === null) return fallback;
  const record = value as Record<string, unknown>;
  const clinic = typeof record.clinic === 'string' ? record.clinic : null;
  const category = CategorySchema.safeParse(record.category);
  const url = clinic && typeof record.url === 'string' ? linkInScope(clinic, record.url) : null;
  return {
    clinic,
    updateId: typeof record.updateId === 'number' ? record.updateId : null,
    category: category.success ? category.data : null,
    url: url ?? (clinic ? paths.clinic(clinic) : '/'),
  };
}

/**
 * A tap on the notification: an open window of the clinic's app is focused and taken to the
 * update's page; without one, a new window opens there. Only the clinic's own scope is used,
 * so an installed clinic app is the window that opens.
 */
export async function openFromNotification(
  data: NotificationData,
  context: ClickContext,
): Promise<void> {
  const target = new URL(data.url, context.origin).href;
  const scope = data.clinic ? new URL(paths.clinic(data.clinic), context.origin).href : null;
  const windows = await context.windows();
  const inScope = windows.filter((client) => (scope ? client.url.startsWith(scope) : true));
  const candidate = inScope.find((client) => client.focused) ?? inScope[0];
  if (candidate) {
    const focused = await candidate.focus().catch(() => candidate);
    // An unreadable push named no clinic or page: the open app is the best place to be.
    if (!data.clinic) return;
    if (focused.url === target) return;
    // navigate() works only on windows this worker controls; otherwise open a new one.
    const navigated = await focused.navigate(target).catch(() => null);
    if (navigated) return;
  }
  await context.openWindow(target);
}

/**
 * The "Unsubscribe from these" action: turns the category off for push on the server, with no
 * page open and no session (the endpoint is the proof). The server records it as a consent
 * change with source `push-action`. The owner is told the outcome in a quiet notification.
 */
export async function unsubscribeFromNotification(
  data: NotificationData,
  context: ClickContext,
): Promise<boolean> {
  const say = words(context.language);
  const tag = data.updateId ? `update-${data.updateId}` : 'push-unsubscribe';
  const endpoint = await context.endpoint(data.clinic).catch(() => null);
  if (!data.category || !data.clinic || !endpoint) {
    await context.showNotification(say.failed, { body: say.failedBody, tag, data });
    return false;
  }
  try {
    const response = await context.post('/api/push/unsubscribe', {
      endpoint,
      category: data.category,
      clinic: data.clinic,
    });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok || !PushUnsubscribeResultSchema.safeParse(body).success) {
      throw new Error(`unsubscribe answered ${response.status}`);
    }
  } catch {
    const preferences = data.clinic ? paths.preferences(data.clinic) : '/';
    await context.showNotification(say.failed, {
      body: say.failedBody,
      tag,
      data: { ...data, url: preferences },
    });
    return false;
  }
  if (data.clinic) await context.forgetCategory(data.clinic, data.category).catch(() => undefined);
  await context.showNotification(say.done, { body: say.doneBody, tag, data, silent: true });
  return true;
}

export async function handleNotificationClick(
  action: string,
  notification: NotificationLike,
  context: ClickContext,
): Promise<void> {
  notification.close();
  const data = readNotificationData(notification.data);
  if (action === UNSUBSCRIBE_ACTION) {
    await unsubscribeFromNotification(data, context);
    return;
  }
  await openFromNotification(data, context);
}

async function forgetCategory(clinic: string, category: string): Promise<void> {
  const records = await listSubscriptionRecords();
  const record = records.find((r) => r.clinic === clinic);
  if (!record) return;
  await saveSubscriptionRecord({
    ...record,
    categories: record.categories.filter((c) => c !== category),
  });
}

export function workerClickContext(): ClickContext {
  const self = workerScope();
  return {
    origin: self.location.origin,
    windows: () => self.clients.matchAll({ type: 'window', includeUncontrolled: true }),
    openWindow: (url) => self.clients.openWindow(url),
    endpoint: async (clinic) => {
      // The endpoint this clinic knows the device by; the browser's own subscription is the
      // fallback (the same one, unless a re-subscribe has not reached the record yet).
      const records = await listSubscriptionRecords().catch(() => []);
      const record = records.find((r) => r.clinic === clinic);
      if (record) return record.endpoint;
      return (await self.registration.pushManager.getSubscription())?.endpoint ?? null;
    },
    post: (path, body) =>
      fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      }),
    showNotification: (title, options) => self.registration.showNotification(title, options),
    forgetCategory,
    language: self.navigator.language || 'en',
  };
}

export function onNotificationClick(event: NotificationEventLike): void {
  const work = handleNotificationClick(
    event.action,
    event.notification,
    workerClickContext(),
  ).catch(() => undefined);
  try {
    event.waitUntil(work);
  } catch {
    // waitUntil throws on an event dispatched by script (isTrusted false), as the browser
    // suite does to press a notification's action; the work above runs all the same.
  }
}
