import { queryOptions, useQuery } from '@tanstack/react-query';
import { UpdateProgressSchema } from '../../../contract/push.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { updateKeys } from './update-keys.ts';

/** How often a running fan-out is asked for its figures. */
export const PROGRESS_INTERVAL_MS = 1500;

export function getUpdateProgress(clinic: string, id: number, signal?: AbortSignal) {
  return apiGet(`/api/clinics/${encodeURIComponent(clinic)}/updates/${id}`, UpdateProgressSchema, {
    signal,
  });
}

export function updateProgressQueryOptions(clinic: string, id: number) {
  return queryOptions({
    queryKey: updateKeys.progress(clinic, id),
    queryFn: ({ signal }) => getUpdateProgress(clinic, id, signal),
    staleTime: 0,
    // Live while the fan-out runs; once done, the figures no longer move.
    refetchInterval: (query) =>
      query.state.data?.data.status === 'done' ? false : PROGRESS_INTERVAL_MS,
  });
}

/** Live progress of one sent update; `enabled` is false for updates already done. */
export function useUpdateProgress(clinic: string, id: number, enabled: boolean) {
  return useQuery({ ...updateProgressQueryOptions(clinic, id), enabled });
}
