import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { StaffRequestListSchema, type StaffQueueQuery } from '../../../contract/requests.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { consoleKeys } from './console-keys.ts';

export function getQueue(clinic: string, query: StaffQueueQuery, signal?: AbortSignal) {
  const search = new URLSearchParams();
  // `open` is the server's default: the plain address is the usual queue.
  if (query.status && query.status !== 'open') search.set('status', query.status);
  if (query.type) search.set('type', query.type);
  const suffix = search.size > 0 ? `?${search.toString()}` : '';
  return apiGet(
    `/api/clinics/${encodeURIComponent(clinic)}/requests${suffix}`,
    StaffRequestListSchema,
    {
      signal,
    },
  );
}

export function queueQueryOptions(clinic: string, query: StaffQueueQuery) {
  return queryOptions({
    queryKey: consoleKeys.queue(clinic, query),
    queryFn: ({ signal }) => getQueue(clinic, query, signal),
    // Other staff work the same queue.
    staleTime: 0,
  });
}

/** The clinic's requests, soonest due first (the server sorts), with days left. */
export function useQueue(clinic: string, query: StaffQueueQuery) {
  return useSuspenseQuery(queueQueryOptions(clinic, query));
}
