import type { QueryClient } from '@tanstack/react-query';
import {
  PreferenceMatrixSchema,
  PreferenceUpdateSchema,
  type PreferenceMatrix,
  type PreferenceUpdate,
} from '../../../contract/preferences.ts';
import { ApiError, apiSend, type Fetched } from '../../../lib/api-client.ts';
import { preferenceKeys } from './preference-keys.ts';

/*
 * This file is part of the app's first download (src/app/query-setup.ts registers these
 * defaults before the first render), so it holds only the request and the defaults; the
 * hooks are in use-preference-changes.ts, with the lazy preferences screen.
 */

export function updatePreferences(update: PreferenceUpdate) {
  return apiSend('PUT', '/api/me/preferences', update, PreferenceMatrixSchema);
}

/** Offline, keep trying (the change is saved on the phone); a refusal is final. */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.code === 'network') return true;
  return error.status >= 500 && failureCount < 3;
}

/**
 * A change of preference is a paused mutation while the phone is offline. Its defaults live
 * on the client, not in a component, so that a change restored from storage after a reload
 * finds its `mutationFn` and can be sent (TanStack Query: "persisting offline mutations").
 */
export function registerPreferenceUpdates(queryClient: QueryClient): void {
  queryClient.setMutationDefaults<PreferenceMatrix, Error, PreferenceUpdate>(
    preferenceKeys.update(),
    {
      // Variables restored from storage are input like any other.
      mutationFn: (variables) => updatePreferences(PreferenceUpdateSchema.parse(variables)),
      // 'online' pauses the change while the phone is offline, instead of failing it.
      networkMode: 'online',
      // One after another, in the order they were made: the last toggle of a cell wins.
      scope: { id: 'preference-updates' },
      retry: shouldRetry,
      retryDelay: (failureCount) => Math.min(1000 * 2 ** failureCount, 30_000),
      onSuccess: async (matrix) => {
        // A read that left before this write landed would bring back the old matrix.
        await queryClient.cancelQueries({ queryKey: preferenceKeys.matrix() });
        const fetched: Fetched<PreferenceMatrix> = {
          data: matrix,
          fetchedAt: new Date().toISOString(),
          isFromCache: false,
        };
        queryClient.setQueryData(preferenceKeys.matrix(), fetched);
      },
      onSettled: (_matrix, error) => {
        // Refused (a locked cell, say): show what the server holds, not what we guessed.
        if (error) void queryClient.invalidateQueries({ queryKey: preferenceKeys.matrix() });
        // The history gains an entry per change; ask for it once the queue is empty (this
        // change still counts as pending here).
        if (queryClient.isMutating({ mutationKey: preferenceKeys.update() }) <= 1) {
          void queryClient.invalidateQueries({ queryKey: preferenceKeys.consentEvents() });
        }
      },
    },
  );
}
