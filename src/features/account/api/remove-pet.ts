import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client.ts';
import { accountKeys } from './account-keys.ts';

export function removePet(id: number) {
  return apiSend('DELETE', `/api/me/pets/${id}`, undefined, null);
}

export function useRemovePet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removePet,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: accountKeys.pets() }),
        queryClient.invalidateQueries({ queryKey: accountKeys.activity() }),
      ]),
  });
}
