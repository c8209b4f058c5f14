import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PrivacyRequestDetailSchema } from '../../../contract/requests.ts';
import { apiSend } from '../../../lib/api-client.ts';
import { requestKeys } from './request-keys.ts';

/** The owner confirms, in the app, a request an authorized agent filed for them (11 CCR §7063). */
export function confirmRequest(id: number) {
  return apiSend('POST', `/api/me/requests/${id}/confirm`, undefined, PrivacyRequestDetailSchema);
}

export function useConfirmRequest(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: requestKeys.confirm(id),
    mutationFn: () => confirmRequest(id),
    onSuccess: async (request) => {
      queryClient.setQueryData(requestKeys.detail(id), {
        data: request,
        fetchedAt: new Date().toISOString(),
        isFromCache: false,
      });
      await queryClient.invalidateQueries({ queryKey: requestKeys.list() });
    },
  });
}
