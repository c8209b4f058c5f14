import { useMutation } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client.ts';

/** 202: a code is mailed to the new address, which becomes the owner's once confirmed. */
export function requestEmailChange(email: string) {
  return apiSend('POST', '/api/me/email-change', { email }, null);
}

export function useRequestEmailChange() {
  return useMutation({ mutationFn: requestEmailChange });
}
