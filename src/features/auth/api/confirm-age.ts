import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client.ts';
import { forgetPrivateAnswers, forgetPrivateData } from '../../../lib/session.ts';

export function confirmAge(sixteenOrOlder: boolean) {
  return apiSend('POST', '/api/me/age-confirmation', { sixteenOrOlder }, null);
}

export function useConfirmAge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmAge,
    onSuccess: (_nothing, sixteenOrOlder) => {
      // Under 16, the server ended the sign-up and the session: nothing of it stays here either.
      if (sixteenOrOlder) forgetPrivateAnswers(queryClient);
      else forgetPrivateData(queryClient);
    },
  });
}
