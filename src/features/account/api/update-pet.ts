import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PetSchema, type PetUpdate } from '../../../contract/account.ts';
import { apiSend } from '../../../lib/api-client.ts';
import { accountKeys } from './account-keys.ts';

export function updatePet(id: number, changes: PetUpdate) {
  return apiSend('PATCH', `/api/me/pets/${id}`, changes, PetSchema);
}

export function useUpdatePet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: PetUpdate }) => updatePet(id, changes),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: accountKeys.pets() }),
        queryClient.invalidateQueries({ queryKey: accountKeys.activity() }),
      ]),
  });
}
