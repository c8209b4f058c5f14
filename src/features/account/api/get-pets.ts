import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { PetListSchema } from '../../../contract/account.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { accountKeys } from './account-keys.ts';

export function getPets(signal?: AbortSignal) {
  return apiGet('/api/me/pets', PetListSchema, { signal });
}

export function petsQueryOptions() {
  return queryOptions({
    queryKey: accountKeys.pets(),
    queryFn: ({ signal }) => getPets(signal),
  });
}

export function usePets() {
  return useSuspenseQuery(petsQueryOptions());
}
