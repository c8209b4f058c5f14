import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { PrivacyRequestListSchema } from '../../../contract/requests.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { requestKeys } from './request-keys.ts';

export function getRequests(signal?: AbortSignal) {
  return apiGet('/api/me/requests', PrivacyRequestListSchema, { signal });
}

export function requestsQueryOptions() {
  return queryOptions({
    queryKey: requestKeys.list(),
    queryFn: ({ signal }) => getRequests(signal),
    // Staff move requests along from the console: ask on each visit.
    staleTime: 0,
  });
}

export function useRequests() {
  return useSuspenseQuery(requestsQueryOptions());
}
