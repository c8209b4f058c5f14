import { z } from 'zod/mini';
import { PushPayloadSchema, type PushPayload } from '../contract/push.ts';
import { MARKETING_CATEGORIES, type Category } from '../contract/preferences.ts';
import { API_CACHE } from './caching.ts';
import { saveUpdates, UPDATE_RECEIVED_MESSAGE, type StoredUpdate } from './inbox-store.ts';
import { workerScope, type PushData, type PushEventLike } from './worker-scope.ts';
import { paths } from '../lib/paths.ts';

// As in src/lib/api-client.ts: the worker's CSP forbids eval, and zod's probe for it alone
// would raise a violation report. Set before any schema parses in the worker.
z.config({ jitless: true });

/** The notification action that turns a marketing category off for push (PRIVACY-RULES.md). */
export const UNSUBSCRIBE_ACTION = 'unsubscribe';

/** What a notification carries to the click handler. */
export interface NotificationData {
  clinic: string | null;
  updateId: number | null;
  category: Category | null;
  /** Where a tap leads: always a path inside the clinic's scope `/c/<clinic>/`. */
  url: string;
}

/** The parts of the worker's world the push handler uses, so tests can pass fakes. */
export interface PushContext {
  showNotification(title: string, options: NotificationOptions): Promise<void>;
  saveUpdate(update: StoredUpdate): Promise<void>;
  /** Tells open windows of the app, so an open Updates inbox shows the new one at once. */
  announce(clinic: string, updateId: number): Promise<void>;
  /** The clinic's short name for the title, or null when it is not known on this phone. */
  clinicName(clinic: string): Promise<string | null>;
  /** The phone's language, for the few words the worker writes itself. */
  language: string;
  now(): Date;
}

const WORDS = {
  en: {
    unsubscribe: 'Unsubscribe from these',
    genericTitle: 'New update from your clinic',
    genericBody: 'Open the app to read it.',
  },
  es: {
    unsubscribe: 'Cancelar estos avisos',
    genericTitle: 'Nueva novedad de su clínica',
    genericBody: 'Abra la aplicación para leerla.',
  },
} as const;

const seg = encodeURIComponent;

export function wordsFor(language: string) {
  return language.toLowerCase().startsWith('es') ? WORDS.es : WORDS.en;
}

/**
 * A link from a payload, kept only when it is a path inside the clinic's own scope: a crafted
 * update must not open another clinic's pages or another site from the notification.
 */
export function linkInScope(clinic: string, url: string | null | undefined): string | null {
  if (!url) return null;
  const base = 'https://pawtal.invalid';
  let parsed: URL;
  try {
    parsed = new URL(url, `${base}${paths.clinic(clinic)}`);
  } catch {
    return null;
  }
  if (parsed.origin !== base || !parsed.pathname.startsWith(paths.clinic(clinic))) return null;
  return parsed.pathname + parsed.search + parsed.hash;
}

export function isMarketing(category: Category): boolean {
  return (MARKETING_CATEGORIES as readonly Category[]).includes(category);
}

/** The payload, or null when it is missing, not JSON or not what the contract says. */
export function readPayload(data: PushData | null | undefined): PushPayload | null {
  if (!data) return null;
  let json: unknown;
  try {
    json = data.json();
  } catch {
    return null;
  }
  const parsed = PushPayloadSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Title and options of the notification for one clinic update. */
export function updateNotification(
  payload: PushPayload,
  clinicName: string | null,
  language: string,
): { title: string; options: NotificationOptions } {
  const words = wordsFor(language);
  const name = clinicName ?? payload.clinic;
  // The clinic's name leads, so an owner of several clinics' apps knows who is writing.
  const title = payload.title.startsWith(name) ? payload.title : `${name}: ${payload.title}`;
  const icons = `/c/${seg(payload.clinic)}/icons`;
  const data: NotificationData = {
    clinic: payload.clinic,
    updateId: payload.updateId,
    category: payload.category,
    url:
      linkInScope(payload.clinic, payload.url) ??
      `${paths.updates(payload.clinic)}#update-${payload.updateId}`,
  };
  const sentAt = Date.parse(payload.sentAt);
  const options: NotificationOptions & {
    renotify: boolean;
    timestamp?: number;
    actions?: { action: string; title: string }[];
  } = {
    body: payload.body,
    icon: `${icons}/icon-192.png`,
    // Android draws only the alpha channel of the badge in the status bar.
    badge: `${icons}/badge-96.png`,
    // One notification per update: a retried delivery replaces it instead of stacking up,
    // and renotify makes the replacement ring again.
    tag: `update-${payload.updateId}`,
    renotify: true,
    lang: language,
    data,
    ...(Number.isNaN(sentAt) ? {} : { timestamp: sentAt }),
    // PRIVACY-RULES.md: marketing push can be withdrawn in the message itself.
    ...(isMarketing(payload.category)
      ? { actions: [{ action: UNSUBSCRIBE_ACTION, title: words.unsubscribe }] }
      : {}),
  };
  return { title, options };
}

/** When the payload cannot be read: something arrived, so the owner still hears of it. */
export function genericNotification(language: string): {
  title: string;
  options: NotificationOptions;
} {
  const words = wordsFor(language);
  const data: NotificationData = { clinic: null, updateId: null, category: null, url: '/' };
  return {
    title: words.genericTitle,
    options: { body: words.genericBody, tag: 'update-unreadable', data, lang: language },
  };
}

/**
 * One push message: stored for the inbox and shown. Chrome and Safari require every push to
 * show a notification (userVisibleOnly), so a failure anywhere still ends in one.
 */
export async function handlePush(
  data: PushData | null | undefined,
  context: PushContext,
): Promise<void> {
  const payload = readPayload(data);
  if (!payload) {
    const generic = genericNotification(context.language);
    await context.showNotification(generic.title, generic.options);
    return;
  }
  const [clinicName] = await Promise.all([
    context.clinicName(payload.clinic).catch(() => null),
    context
      .saveUpdate({
        id: payload.updateId,
        clinic: payload.clinic,
        title: payload.title,
        body: payload.body,
        url: linkInScope(payload.clinic, payload.url),
        category: payload.category,
        sentAt: payload.sentAt,
        receivedAt: context.now().toISOString(),
      })
      // The notification matters more than the inbox copy (private mode, full storage).
      .catch(() => undefined),
  ]);
  const { title, options } = updateNotification(payload, clinicName, context.language);
  await Promise.all([
    context.showNotification(title, options),
    context.announce(payload.clinic, payload.updateId).catch(() => undefined),
  ]);
}

/** The clinic's short name from the saved `GET /api/clinics/:clinic` answer (offline too). */
async function cachedClinicName(clinic: string): Promise<string | null> {
  const cache = await caches.open(API_CACHE);
  const response = await cache.match(`/api/clinics/${seg(clinic)}`);
  if (!response) return null;
  const json: unknown = await response.json();
  if (typeof json === 'object' && json !== null && 'shortName' in json) {
    return typeof json.shortName === 'string' && json.shortName ? json.shortName : null;
  }
  return null;
}

export function workerPushContext(): PushContext {
  const self = workerScope();
  return {
    showNotification: (title, options) => self.registration.showNotification(title, options),
    saveUpdate: (update) => saveUpdates([update]),
    announce: async (clinic, updateId) => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      for (const client of windows) {
        client.postMessage({ type: UPDATE_RECEIVED_MESSAGE, clinic, updateId });
      }
    },
    clinicName: cachedClinicName,
    language: self.navigator.language || 'en',
    now: () => new Date(),
  };
}

export function onPush(event: PushEventLike): void {
  const context = workerPushContext();
  event.waitUntil(
    handlePush(event.data, context).catch(async () => {
      const generic = genericNotification(context.language);
      await workerScope().registration.showNotification(generic.title, generic.options);
    }),
  );
}
