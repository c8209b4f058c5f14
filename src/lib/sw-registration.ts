import type { Workbox } from 'workbox-window';

/**
 * The service worker's lifecycle as the page sees it. Registration happens once, in
 * production builds only: the dev server has no /sw.js, and a worker left over from a
 * production run would serve stale files to the dev server.
 */
export interface ServiceWorkerState {
  /** A new version is installed and waiting; the owner decides when to switch. */
  isUpdateWaiting: boolean;
  /** The app shell is cached, so the app opens without a network. */
  isOfflineReady: boolean;
  /** Counts controller changes; a change means requests now go through the worker. */
  controllerChanges: number;
}

let state: ServiceWorkerState = {
  isUpdateWaiting: false,
  isOfflineReady: false,
  controllerChanges: 0,
};
const listeners = new Set<() => void>();
let workbox: Workbox | undefined;
let isReloadRequested = false;
/** Another tab already switched to the new worker; this page only needs a reload. */
let isNewWorkerActive = false;
let lastUpdateCheck = 0;
const UPDATE_CHECK_INTERVAL = 60 * 60 * 1000;

function update(patch: Partial<ServiceWorkerState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

export function subscribeToServiceWorker(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getServiceWorkerState(): ServiceWorkerState {
  return state;
}

let isRegistering = false;

export function registerServiceWorker(): void {
  if (isRegistering || !import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  isRegistering = true;
  // Loaded on its own: nothing on the first screen needs it, so it stays off the critical path.
  import('workbox-window')
    .then(({ Workbox }) => listen(new Workbox('/sw.js', { scope: '/' })))
    .catch(() => {
      isRegistering = false;
    });
}

function listen(wb: Workbox): void {
  workbox = wb;

  if (navigator.serviceWorker.controller) update({ isOfflineReady: true });

  wb.addEventListener('installed', (event) => {
    if (!event.isUpdate) update({ isOfflineReady: true });
  });
  wb.addEventListener('waiting', () => update({ isUpdateWaiting: true }));
  wb.addEventListener('controlling', (event) => {
    // Reload only when the owner pressed Reload; never pull the page away on our own.
    if (isReloadRequested) {
      window.location.reload();
      return;
    }
    if (event.isUpdate) isNewWorkerActive = true;
    update({ isOfflineReady: true, controllerChanges: state.controllerChanges + 1 });
  });

  // A tab left open for days should still hear about updates.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    if (Date.now() - lastUpdateCheck < UPDATE_CHECK_INTERVAL) return;
    lastUpdateCheck = Date.now();
    void wb.update().catch(() => undefined);
  });

  lastUpdateCheck = Date.now();
  wb.register().catch(() => {
    // No offline support (private mode, blocked by policy): the app still works online.
  });
}

/** The owner pressed Reload: let the waiting worker take over, then reload on `controlling`. */
export function applyUpdate(): void {
  if (!workbox || isNewWorkerActive) {
    window.location.reload();
    return;
  }
  isReloadRequested = true;
  workbox.messageSkipWaiting();
}
