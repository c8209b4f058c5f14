import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { PreferenceMatrixSchema } from '../../../contract/preferences.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { preferenceKeys } from './preference-keys.ts';

export function getPreferences(signal?: AbortSignal) {
  return apiGet('/api/me/preferences', PreferenceMatrixSchema, { signal });
}

export function preferencesQueryOptions() {
  return queryOptions({
    queryKey: preferenceKeys.matrix(),
    queryFn: ({ signal }) => getPreferences(signal),
    // Changes can come from elsewhere (an unsubscribe link, STOP by text): ask on each visit.
    staleTime: 0,
  });
}

export function usePreferences() {
  return useSuspenseQuery(preferencesQueryOptions());
}
