import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { StaffRequestDetailSchema } from '../../../contract/requests.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { consoleKeys } from './console-keys.ts';

export function getConsoleRequest(clinic: string, id: number, signal?: AbortSignal) {
  return apiGet(
    `/api/clinics/${encodeURIComponent(clinic)}/requests/${id}`,
    StaffRequestDetailSchema,
    {
      signal,
    },
  );
}

export function consoleRequestQueryOptions(clinic: string, id: number) {
  return queryOptions({
    queryKey: consoleKeys.detail(clinic, id),
    queryFn: ({ signal }) => getConsoleRequest(clinic, id, signal),
    staleTime: 0,
  });
}

export function useConsoleRequest(clinic: string, id: number) {
  return useSuspenseQuery(consoleRequestQueryOptions(clinic, id));
}
