import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { ClinicSchema } from '../../../contract/clinic.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { clinicKeys } from './clinic-keys.ts';

export function getClinic(clinic: string, signal?: AbortSignal) {
  return apiGet(`/api/clinics/${encodeURIComponent(clinic)}`, ClinicSchema, { signal });
}

export function clinicQueryOptions(clinic: string) {
  return queryOptions({
    queryKey: clinicKeys.detail(clinic),
    queryFn: ({ signal }) => getClinic(clinic, signal),
  });
}

export function useClinic(clinic: string) {
  return useSuspenseQuery(clinicQueryOptions(clinic));
}
