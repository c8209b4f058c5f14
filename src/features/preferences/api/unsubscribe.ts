import { useMutation } from '@tanstack/react-query';
import { UnsubscribeResultSchema } from '../../../contract/preferences.ts';
import { apiSend } from '../../../lib/api-client.ts';
import { preferenceKeys } from './preference-keys.ts';

export function unsubscribe(token: string) {
  return apiSend(
    'POST',
    `/api/unsubscribe/${encodeURIComponent(token)}`,
    undefined,
    UnsubscribeResultSchema,
  );
}

/** One-click unsubscribe (RFC 8058) from a link in an email: no session needed. */
export function useUnsubscribe(token: string) {
  return useMutation({
    mutationKey: [...preferenceKeys.unsubscribe(token), 'confirm'],
    mutationFn: () => unsubscribe(token),
  });
}
