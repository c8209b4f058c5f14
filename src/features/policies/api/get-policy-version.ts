import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { PolicyVersionSchema } from '../../../contract/policy.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { policyKeys } from './policy-keys.ts';

export function getPolicyVersion(
  clinic: string,
  policyId: string,
  version: number,
  signal?: AbortSignal,
) {
  const path = `/api/clinics/${encodeURIComponent(clinic)}/policies/${encodeURIComponent(policyId)}/versions/${version}`;
  return apiGet(path, PolicyVersionSchema, { signal });
}

export function policyVersionQueryOptions(clinic: string, policyId: string, version: number) {
  return queryOptions({
    queryKey: policyKeys.version(clinic, policyId, version),
    queryFn: ({ signal }) => getPolicyVersion(clinic, policyId, version, signal),
    // A published version never changes; only a saved copy is worth replacing.
    staleTime: (query) => (query.state.data?.isFromCache ? 0 : Infinity),
  });
}

export function usePolicyVersion(clinic: string, policyId: string, version: number) {
  return useSuspenseQuery(policyVersionQueryOptions(clinic, policyId, version));
}
