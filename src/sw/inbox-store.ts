import type { Category } from '../contract/preferences.ts';

/*
 * The phone's own record of push: the clinic updates that arrived (the Updates inbox of a
 * visitor without an account, and the offline copy of an owner's), and which clinics this
 * browser's push subscription is registered with. IndexedDB, because the service worker
 * writes it with the app closed and the page reads it; both sides import this module, so
 * it uses only what Window and ServiceWorkerGlobalScope share (no `self`, no DOM).
 */

const DATABASE = 'pawtal-push';
const VERSION = 1;
const UPDATES = 'updates';
const SUBSCRIPTIONS = 'subscriptions';
/** What the worker posts to open windows when an update arrived, so an open inbox shows it. */
export const UPDATE_RECEIVED_MESSAGE = 'pawtal:update-received';

/** Enough for months of clinic news; the oldest go first. */
export const MAX_STORED_UPDATES = 300;

/** One update as this phone keeps it. `id` is the server's update id. */
export interface StoredUpdate {
  id: number;
  clinic: string;
  title: string;
  body: string;
  url: string | null;
  category: Category;
  sentAt: string;
  /** When this phone got it (push) or last saw it in the owner's inbox. */
  receivedAt: string;
  /**
   * Set on the offline copy of a signed-in owner's inbox, so another person on the same phone
   * never sees it. Unset on what arrived by push to this device (it was shown on screen anyway).
   */
  ownerId?: number;
}

/** A clinic this browser's push subscription is registered with (server id and endpoint). */
export interface SubscriptionRecord {
  clinic: string;
  id: number;
  endpoint: string;
  categories: Category[];
  /** Subscribed with a session: the owner's preferences govern it, not `categories`. */
  isOwnerDevice: boolean;
}

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB aborted'));
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB failed'));
  });
}

let opening: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') {
    return Promise.reject(new Error('IndexedDB is not available'));
  }
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(UPDATES)) {
        const updates = db.createObjectStore(UPDATES, { keyPath: 'id' });
        updates.createIndex('sentAt', 'sentAt');
      }
      if (!db.objectStoreNames.contains(SUBSCRIPTIONS)) {
        db.createObjectStore(SUBSCRIPTIONS, { keyPath: 'clinic' });
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another context upgrading the schema must not be blocked by this connection.
      db.onversionchange = () => {
        db.close();
        opening = undefined;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = undefined;
      reject(request.error ?? new Error('IndexedDB could not be opened'));
    };
  });
  return opening;
}

/** Adds or refreshes updates, then drops the oldest beyond MAX_STORED_UPDATES. */
export async function saveUpdates(updates: StoredUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  const db = await open();
  const transaction = db.transaction(UPDATES, 'readwrite');
  const store = transaction.objectStore(UPDATES);
  for (const update of updates) store.put(update);
  const count = await promised(store.count());
  if (count > MAX_STORED_UPDATES) {
    let excess = count - MAX_STORED_UPDATES;
    const cursor = store.index('sentAt').openCursor();
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at || excess <= 0) return;
      at.delete();
      excess -= 1;
      at.continue();
    };
  }
  await done(transaction);
}

/** The clinic's updates kept on this phone, newest first. */
export async function listUpdates(clinic: string): Promise<StoredUpdate[]> {
  const db = await open();
  const all = await promised<StoredUpdate[]>(db.transaction(UPDATES).objectStore(UPDATES).getAll());
  return all
    .filter((update) => update.clinic === clinic)
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt) || b.id - a.id);
}

export async function saveSubscriptionRecord(record: SubscriptionRecord): Promise<void> {
  const db = await open();
  const transaction = db.transaction(SUBSCRIPTIONS, 'readwrite');
  transaction.objectStore(SUBSCRIPTIONS).put(record);
  await done(transaction);
}

export async function listSubscriptionRecords(): Promise<SubscriptionRecord[]> {
  const db = await open();
  return promised<SubscriptionRecord[]>(
    db.transaction(SUBSCRIPTIONS).objectStore(SUBSCRIPTIONS).getAll(),
  );
}

export async function deleteSubscriptionRecord(clinic: string): Promise<void> {
  const db = await open();
  const transaction = db.transaction(SUBSCRIPTIONS, 'readwrite');
  transaction.objectStore(SUBSCRIPTIONS).delete(clinic);
  await done(transaction);
}
