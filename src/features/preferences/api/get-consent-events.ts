import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { ConsentEventListSchema } from '../../../contract/preferences.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { preferenceKeys } from './preference-keys.ts';

export function getConsentEvents(signal?: AbortSignal) {
  return apiGet('/api/me/consent-events', ConsentEventListSchema, { signal });
}

export function consentEventsQueryOptions() {
  return queryOptions({
    queryKey: preferenceKeys.consentEvents(),
    queryFn: ({ signal }) => getConsentEvents(signal),
    staleTime: 0,
  });
}

export function useConsentEvents() {
  return useSuspenseQuery(consentEventsQueryOptions());
}
