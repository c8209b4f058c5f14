import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { UpdateSummaryListSchema } from '../../../contract/push.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { updateKeys } from './update-keys.ts';

export function getSentUpdates(clinic: string, signal?: AbortSignal) {
  return apiGet(`/api/clinics/${encodeURIComponent(clinic)}/updates`, UpdateSummaryListSchema, {
    signal,
  });
}

export function sentUpdatesQueryOptions(clinic: string) {
  return queryOptions({
    queryKey: updateKeys.sent(clinic),
    queryFn: ({ signal }) => getSentUpdates(clinic, signal),
    staleTime: 0,
  });
}

export function useSentUpdates(clinic: string) {
  return useSuspenseQuery(sentUpdatesQueryOptions(clinic));
}
