import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client.ts';
import { sessionKeys } from '../../../lib/private-keys.ts';

/** 202: a fresh code is mailed to the owner, for a sensitive step (export, deletion). */
export function requestStepUpCode() {
  return apiSend('POST', '/api/auth/step-up/code', undefined, null);
}

/** 204: the session is stepped up for 10 minutes (../shared/API.md "Step-up"). */
export function verifyStepUp(code: string) {
  return apiSend('POST', '/api/auth/step-up', { code }, null);
}

export function useRequestStepUpCode() {
  return useMutation({ mutationFn: requestStepUpCode });
}

export function useVerifyStepUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyStepUp,
    // `GET /api/me` now says until when the session is stepped up.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.user() }),
  });
}
