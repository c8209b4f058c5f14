import { queryOptions, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { InboxItemListSchema, type InboxItem } from '../../../contract/push.ts';
import { ApiError, apiGet } from '../../../lib/api-client.ts';
import { useIsSignedInHint } from '../../../lib/session-hint.ts';
import { readStored, storageKeys } from '../../../lib/storage.ts';
// One IndexedDB schema for both sides: the service worker writes what push brings, the page
// reads it (src/sw/inbox-store.ts uses only what a window and a worker share).
import {
  listUpdates,
  saveUpdates,
  UPDATE_RECEIVED_MESSAGE,
  type StoredUpdate,
} from '../../../sw/inbox-store.ts';
import { updateKeys } from './update-keys.ts';

export interface Inbox {
  items: InboxItem[];
  /** The server could not be asked (offline): only this device's copy is shown. */
  isSavedCopy: boolean;
}

function toItem(update: StoredUpdate): InboxItem {
  return {
    id: update.id,
    clinic: update.clinic,
    title: update.title,
    body: update.body,
    url: update.url,
    category: update.category,
    sentAt: update.sentAt,
  };
}

/** Server and device copies together, one entry per update, newest first. */
export function mergeInbox(server: InboxItem[], local: InboxItem[]): InboxItem[] {
  const byId = new Map<number, InboxItem>();
  for (const item of local) byId.set(item.id, item);
  // The server's copy wins: it is the one of record (a corrected title, say).
  for (const item of server) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => b.sentAt.localeCompare(a.sentAt) || b.id - a.id);
}

async function localItems(clinic: string, ownerId: number | null): Promise<InboxItem[]> {
  const stored = await listUpdates(clinic).catch(() => []);
  return stored
    .filter((update) => update.ownerId === undefined || update.ownerId === ownerId)
    .map(toItem);
}

function currentOwnerId(): number | null {
  const id = Number(readStored(storageKeys.owner));
  return Number.isInteger(id) && id > 0 ? id : null;
}

export async function getInbox(
  clinic: string,
  isSignedIn: boolean,
  signal?: AbortSignal,
): Promise<Inbox> {
  const ownerId = currentOwnerId();
  if (!isSignedIn) return { items: await localItems(clinic, null), isSavedCopy: false };
  let server: InboxItem[];
  try {
    server = (await apiGet('/api/me/updates', InboxItemListSchema, { signal })).data.filter(
      (item) => item.clinic === clinic,
    );
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'network' || error.status >= 500)) {
      return { items: await localItems(clinic, ownerId), isSavedCopy: true };
    }
    // The session ended: what reached this device is still worth showing (and api-client
    // has cleared the sign-in hint, so the next look asks as a visitor).
    if (error instanceof ApiError && error.status === 401) {
      return { items: await localItems(clinic, null), isSavedCopy: false };
    }
    throw error;
  }
  if (ownerId !== null) {
    // The offline copy, marked as this owner's.
    const receivedAt = new Date().toISOString();
    await saveUpdates(server.map((item) => ({ ...item, receivedAt, ownerId }))).catch(
      () => undefined,
    );
  }
  return { items: mergeInbox(server, await localItems(clinic, ownerId)), isSavedCopy: false };
}

export function inboxQueryOptions(clinic: string, isSignedIn: boolean) {
  return queryOptions({
    queryKey: updateKeys.inbox(clinic, isSignedIn),
    queryFn: ({ signal }) => getInbox(clinic, isSignedIn, signal),
    staleTime: 0,
  });
}

export function useInbox(clinic: string) {
  const isSignedIn = useIsSignedInHint(clinic);
  const queryClient = useQueryClient();
  // The worker says when a push brought an update: an open inbox shows it without a reload.
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const onMessage = (event: MessageEvent) => {
      const data: unknown = event.data;
      if (
        typeof data === 'object' &&
        data !== null &&
        'type' in data &&
        data.type === UPDATE_RECEIVED_MESSAGE &&
        'clinic' in data &&
        data.clinic === clinic
      ) {
        void queryClient.invalidateQueries({ queryKey: updateKeys.inbox(clinic, isSignedIn) });
      }
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    return () => navigator.serviceWorker.removeEventListener('message', onMessage);
  }, [clinic, isSignedIn, queryClient]);
  return useSuspenseQuery(inboxQueryOptions(clinic, isSignedIn));
}
