import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { PolicyListSchema } from '../../../contract/policy.ts';
import { ApiError, apiGet } from '../../../lib/api-client.ts';
import { policyKeys } from './policy-keys.ts';

export function getPolicies(clinic: string, signal?: AbortSignal) {
  return apiGet(`/api/clinics/${encodeURIComponent(clinic)}/policies`, PolicyListSchema, {
    signal,
  });
}

export function policiesQueryOptions(clinic: string) {
  return queryOptions({
    queryKey: policyKeys.list(clinic),
    queryFn: ({ signal }) => getPolicies(clinic, signal),
  });
}

export function usePolicies(clinic: string) {
  return useSuspenseQuery(policiesQueryOptions(clinic));
}

/** One document of the clinic, from the list; an unknown id is a 404 like the API's. */
export function usePolicySummary(clinic: string, policyId: string) {
  const { data } = usePolicies(clinic);
  const policy = data.data.find((p) => p.id === policyId);
  if (!policy) throw new ApiError(404, 'not-found', 'This clinic has no such document.');
  return policy;
}
