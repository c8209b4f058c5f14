import { useMutation } from '@tanstack/react-query';
import type { SignInCodeRequest } from '../../../contract/auth.ts';
import { apiSend } from '../../../lib/api-client.ts';

/** 202 whether or not the address can sign in here: the answer never tells who has an account. */
export function requestSignInCode(request: SignInCodeRequest) {
  return apiSend('POST', '/api/auth/code', request, null);
}

export function useRequestSignInCode() {
  return useMutation({ mutationFn: requestSignInCode });
}
