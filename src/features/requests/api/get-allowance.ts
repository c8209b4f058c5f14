import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { RequestAllowanceSchema } from '../../../contract/requests.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { requestKeys } from './request-keys.ts';

/** The CCPA count of access requests; `accessLimit` is null where CCPA does not apply. */
export function getAllowance(signal?: AbortSignal) {
  return apiGet('/api/me/requests/allowance', RequestAllowanceSchema, { signal });
}

export function allowanceQueryOptions() {
  return queryOptions({
    queryKey: requestKeys.allowance(),
    queryFn: ({ signal }) => getAllowance(signal),
    staleTime: 0,
  });
}

export function useAllowance() {
  return useSuspenseQuery(allowanceQueryOptions());
}
