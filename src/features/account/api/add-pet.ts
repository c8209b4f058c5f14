import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PetSchema, type PetInput } from '../../../contract/account.ts';
import { apiSend } from '../../../lib/api-client.ts';
import { accountKeys } from './account-keys.ts';

export function addPet(pet: PetInput) {
  return apiSend('POST', '/api/me/pets', pet, PetSchema);
}

export function useAddPet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addPet,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: accountKeys.pets() }),
        queryClient.invalidateQueries({ queryKey: accountKeys.activity() }),
      ]),
  });
}
