import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UserSchema } from '../../../contract/auth.ts';
import { apiSend } from '../../../lib/api-client.ts';
import { sessionKeys } from '../../../lib/private-keys.ts';
import { accountKeys } from './account-keys.ts';

export function verifyEmailChange(code: string) {
  return apiSend('POST', '/api/me/email-change/verify', { code }, UserSchema);
}

export function useVerifyEmailChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyEmailChange,
    onSuccess: async (user) => {
      queryClient.setQueryData(sessionKeys.user(), {
        data: user,
        fetchedAt: new Date().toISOString(),
        isFromCache: false,
      });
      await queryClient.invalidateQueries({ queryKey: accountKeys.activity() });
    },
  });
}
