import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { PrivacyRequestDetailSchema } from '../../../contract/requests.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { requestKeys } from './request-keys.ts';

export function getRequest(id: number, signal?: AbortSignal) {
  return apiGet(`/api/me/requests/${id}`, PrivacyRequestDetailSchema, { signal });
}

export function requestQueryOptions(id: number) {
  return queryOptions({
    queryKey: requestKeys.detail(id),
    queryFn: ({ signal }) => getRequest(id, signal),
    staleTime: 0,
  });
}

export function useRequest(id: number) {
  return useSuspenseQuery(requestQueryOptions(id));
}
