import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { PolicyDiffSchema } from '../../../contract/policy.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { policyKeys } from './policy-keys.ts';

export function getPolicyDiff(
  clinic: string,
  policyId: string,
  from: number,
  to: number,
  signal?: AbortSignal,
) {
  const path = `/api/clinics/${encodeURIComponent(clinic)}/policies/${encodeURIComponent(policyId)}/diff?from=${from}&to=${to}`;
  return apiGet(path, PolicyDiffSchema, { signal });
}

export function policyDiffQueryOptions(clinic: string, policyId: string, from: number, to: number) {
  return queryOptions({
    queryKey: policyKeys.diff(clinic, policyId, from, to),
    queryFn: ({ signal }) => getPolicyDiff(clinic, policyId, from, to, signal),
    // Two published versions never change, so neither does their difference.
    staleTime: (query) => (query.state.data?.isFromCache ? 0 : Infinity),
  });
}

export function usePolicyDiff(clinic: string, policyId: string, from: number, to: number) {
  return useSuspenseQuery(policyDiffQueryOptions(clinic, policyId, from, to));
}
