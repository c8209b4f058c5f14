import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SignInResultSchema, type SignInVerifyRequest } from '../../../contract/auth.ts';
import { apiSend } from '../../../lib/api-client.ts';
import { startSession } from '../../../lib/session.ts';

export function verifySignInCode(request: SignInVerifyRequest) {
  return apiSend('POST', '/api/auth/verify', request, SignInResultSchema);
}

export function useVerifySignInCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifySignInCode,
    onSuccess: ({ user }) => startSession(queryClient, user),
  });
}
