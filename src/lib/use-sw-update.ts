import { useEffect, useSyncExternalStore } from 'react';
import {
  applyUpdate,
  getServiceWorkerState,
  registerServiceWorker,
  subscribeToServiceWorker,
  type ServiceWorkerState,
} from './sw-registration.ts';

/** The one hook behind the update prompt and the "available offline" status. */
export function useSwUpdate(): ServiceWorkerState & { update: () => void } {
  useEffect(registerServiceWorker, []);
  const state = useSyncExternalStore(
    subscribeToServiceWorker,
    getServiceWorkerState,
    getServiceWorkerState,
  );
  return { ...state, update: applyUpdate };
}
