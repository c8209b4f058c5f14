import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client.ts';
import { forgetPrivateData } from '../../../lib/session.ts';

export function signOut() {
  return apiSend('POST', '/api/auth/sign-out', undefined, null);
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    // Also drops changes still queued on this phone: the next person must not send them.
    onSuccess: () => forgetPrivateData(queryClient),
  });
}
