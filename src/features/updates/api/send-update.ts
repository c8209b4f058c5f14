import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UpdateCreatedSchema, type UpdateInput } from '../../../contract/push.ts';
import { apiSend } from '../../../lib/api-client.ts';
import { updateKeys } from './update-keys.ts';

export function sendUpdate(clinic: string, input: UpdateInput) {
  return apiSend(
    'POST',
    `/api/clinics/${encodeURIComponent(clinic)}/updates`,
    input,
    UpdateCreatedSchema,
  );
}

export function useSendUpdate(clinic: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateInput) => sendUpdate(clinic, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: updateKeys.sent(clinic) }),
  });
}
