import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { PolicyVersionListSchema } from '../../../contract/policy.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { policyKeys } from './policy-keys.ts';

export function getPolicyVersions(clinic: string, policyId: string, signal?: AbortSignal) {
  const path = `/api/clinics/${encodeURIComponent(clinic)}/policies/${encodeURIComponent(policyId)}/versions`;
  return apiGet(path, PolicyVersionListSchema, { signal });
}

export function policyVersionsQueryOptions(clinic: string, policyId: string) {
  return queryOptions({
    queryKey: policyKeys.versions(clinic, policyId),
    queryFn: ({ signal }) => getPolicyVersions(clinic, policyId, signal),
  });
}

export function usePolicyVersions(clinic: string, policyId: string) {
  return useSuspenseQuery(policyVersionsQueryOptions(clinic, policyId));
}
