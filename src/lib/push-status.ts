import { useSyncExternalStore } from 'react';
import { isIosSafari, isStandalone } from './install.ts';
import { readPushPermission } from './notification-permission.ts';
import { readStored, removeStored } from './storage.ts';

/*
 * Where push stands for one clinic on this device. This module is in the first download
 * (the banner needs it at once, with no layout shift), so it only reads: subscribing and
 * telling the server live in ./push.ts, which is loaded on demand.
 */

export type PushStatus =
  /** No Push API here at all (an old browser, Firefox for iOS …). */
  | 'unsupported'
  /** iOS Safari in a tab: push needs the app on the Home Screen (16.4+). */
  | 'ios-tab'
  /** The owner or the browser blocked notifications for the site. */
  | 'denied'
  /** Push works here, but this device is not subscribed for this clinic. */
  | 'off'
  | 'subscribed'
  /** This device was subscribed, and the permission or subscription went away outside the app. */
  | 'lost';

/** This device's registration with a clinic, as the page keeps it (localStorage: synchronous). */
export interface PushRecord {
  id: number;
  endpoint: string;
  categories: string[];
  isOwnerDevice: boolean;
}

export const pushStorageKeys = {
  record: (clinic: string) => `pawtal:push:${clinic}`,
  hidden: (clinic: string) => `pawtal:push-hidden:${clinic}`,
} as const;

export function readPushRecord(clinic: string): PushRecord | null {
  const text = readStored(pushStorageKeys.record(clinic));
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const v = value as Partial<PushRecord>;
    if (typeof v.id !== 'number' || typeof v.endpoint !== 'string') return null;
    return {
      id: v.id,
      endpoint: v.endpoint,
      categories: Array.isArray(v.categories)
        ? v.categories.filter((c) => typeof c === 'string')
        : [],
      isOwnerDevice: v.isOwnerDevice === true,
    };
  } catch {
    removeStored(pushStorageKeys.record(clinic));
    return null;
  }
}

/** What the device alone says, whatever the clinic: null when push can be turned on here. */
export function detectDeviceStatus(): 'ios-tab' | 'unsupported' | 'denied' | null {
  // iOS Safari in a tab has no PushManager; saying "unsupported" would hide the way to get it.
  if (isIosSafari(navigator.userAgent, navigator.maxTouchPoints) && !isStandalone()) {
    return 'ios-tab';
  }
  const permission = readPushPermission();
  if (permission === 'unsupported') return 'unsupported';
  return permission === 'denied' ? 'denied' : null;
}

/** What can be told without waiting: permission, platform and what this page remembers. */
export function detectPushStatus(clinic: string): PushStatus {
  const device = detectDeviceStatus();
  if (device === 'ios-tab' || device === 'unsupported') return device;
  const permission = readPushPermission();
  const record = readPushRecord(clinic);
  if (record) return permission === 'granted' ? 'subscribed' : 'lost';
  return permission === 'denied' ? 'denied' : 'off';
}

const statuses = new Map<string, PushStatus>();
const listeners = new Set<() => void>();
const verifying = new Set<string>();

function notify(): void {
  for (const listener of listeners) listener();
}

export function setPushStatus(clinic: string, status: PushStatus): void {
  if (statuses.get(clinic) === status) return;
  statuses.set(clinic, status);
  notify();
}

/**
 * Compares what the page remembers with the browser's real subscription. A subscription that
 * is gone (permission withdrawn in settings, the browser or push service dropped it) is
 * reported to the server by ./push.ts, and the banner says so.
 */
async function verify(clinic: string): Promise<void> {
  const record = readPushRecord(clinic);
  if (!record || verifying.has(clinic)) return;
  verifying.add(clinic);
  try {
    const registration = await navigator.serviceWorker.getRegistration();
    const subscription = await registration?.pushManager.getSubscription();
    const isGranted = readPushPermission() === 'granted';
    if (isGranted && subscription?.endpoint === record.endpoint) return;
    const push = await import('./push.ts');
    if (isGranted && subscription) {
      // The worker re-subscribed (pushsubscriptionchange): make sure the server has the new one.
      await push.registerNewEndpoint(clinic, record, subscription);
      return;
    }
    await push.reportLostSubscription(clinic, record);
    setPushStatus(clinic, 'lost');
  } catch {
    // No worker yet, or offline: look again at the next start.
  } finally {
    verifying.delete(clinic);
  }
}

function refresh(): void {
  for (const clinic of statuses.keys()) {
    const status = statuses.get(clinic);
    // "lost" and "subscribed" are states of this visit that a re-read must not undo.
    const next = detectPushStatus(clinic);
    if (status === 'lost' && next !== 'subscribed') continue;
    statuses.set(clinic, next);
    if (next === 'subscribed' || next === 'lost') void verify(clinic);
  }
  notify();
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  if (listeners.size === 1) {
    // Permission can be withdrawn in settings at any time (PRIVACY-RULES.md): look again
    // whenever the owner comes back to the app.
    document.addEventListener('visibilitychange', refresh);
  }
  return () => {
    listeners.delete(onChange);
    if (listeners.size === 0) document.removeEventListener('visibilitychange', refresh);
  };
}

function statusOf(clinic: string): PushStatus {
  let status = statuses.get(clinic);
  if (status === undefined) {
    status = detectPushStatus(clinic);
    statuses.set(clinic, status);
    if (status === 'subscribed' || status === 'lost') {
      // Checked once per visit, after the first render.
      queueMicrotask(() => void verify(clinic));
    }
  }
  return status;
}

export function usePushStatus(clinic: string): PushStatus {
  return useSyncExternalStore(
    subscribe,
    () => statusOf(clinic),
    () => 'unsupported',
  );
}

/** For tests: forget what this visit learned. */
export function resetPushStatus(): void {
  statuses.clear();
  verifying.clear();
}
