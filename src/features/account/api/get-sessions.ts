import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { SessionListSchema } from '../../../contract/auth.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { accountKeys } from './account-keys.ts';

export function getSessions(signal?: AbortSignal) {
  return apiGet('/api/me/sessions', SessionListSchema, { signal });
}

export function sessionsQueryOptions() {
  return queryOptions({
    queryKey: accountKeys.sessions(),
    queryFn: ({ signal }) => getSessions(signal),
    staleTime: 0,
  });
}

export function useSessions() {
  return useSuspenseQuery(sessionsQueryOptions());
}
