import { hashKey, onlineManager, type QueryClient } from '@tanstack/react-query';
import { preferenceKeys } from '../features/preferences/api/preference-keys.ts';
import { registerPreferenceUpdates } from '../features/preferences/api/update-preferences.ts';
import {
  isQueuedRequestFiling,
  registerRequestFiling,
} from '../features/requests/api/request-filing.ts';
import { persistQueryClient } from '../lib/query-persister.ts';
import { storageKeys } from '../lib/storage.ts';

const matrixHash = hashKey(preferenceKeys.matrix());
const updateHash = hashKey(preferenceKeys.update());

/**
 * Before the first render: the defaults of offline writes, then what this phone kept from
 * its last visit, then sending whatever is still queued. Returns the function that stops
 * keeping the cache (for tests).
 */
export function prepareQueryClient(queryClient: QueryClient): () => void {
  // TanStack Query assumes "online" until an `offline` event says otherwise, so an app
  // opened without a network would send a queued change straight into a failure.
  onlineManager.setOnline(navigator.onLine);
  registerPreferenceUpdates(queryClient);
  registerRequestFiling(queryClient);
  const stopPersisting = persistQueryClient(queryClient, {
    key: storageKeys.queryCache,
    // The matrix, so that the preferences page opens offline with the owner's choices …
    shouldDehydrateQuery: (query) =>
      query.queryHash === matrixHash && query.state.status === 'success',
    // … and each change, or privacy request, still waiting to reach the server.
    shouldDehydrateMutation: (mutation) =>
      (mutation.state.status === 'pending' &&
        mutation.options.mutationKey !== undefined &&
        hashKey(mutation.options.mutationKey) === updateHash) ||
      isQueuedRequestFiling(mutation),
  });
  // Later reconnections resume them by themselves (QueryClient listens to onlineManager).
  if (onlineManager.isOnline()) void queryClient.resumePausedMutations();
  return stopPersisting;
}
