declare const self: ServiceWorkerGlobalScope;

/** The page's Reload button (workbox-window messageSkipWaiting) is the only way to update. */
export function onMessage(event: ExtendableMessageEvent): void {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && 'type' in data && data.type === 'SKIP_WAITING') {
    void self.skipWaiting();
  }
}

/**
 * Claiming matters on the first install: the open page becomes controlled without a reload,
 * so it can fetch the clinic's documents once more through the worker and make them offline.
 * On an update it changes nothing the owner did not ask for: activation waits for Reload.
 */
export function onActivate(event: ExtendableEvent): void {
  event.waitUntil(self.clients.claim());
}
