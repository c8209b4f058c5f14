import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { AccountEventListSchema } from '../../../contract/account.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { accountKeys } from './account-keys.ts';

export function getActivity(signal?: AbortSignal) {
  return apiGet('/api/me/activity', AccountEventListSchema, { signal });
}

export function activityQueryOptions() {
  return queryOptions({
    queryKey: accountKeys.activity(),
    queryFn: ({ signal }) => getActivity(signal),
    staleTime: 0,
  });
}

export function useActivity() {
  return useSuspenseQuery(activityQueryOptions());
}
