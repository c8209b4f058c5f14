import { useMutation, useQueryClient } from '@tanstack/react-query';
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
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...preferenceKeys.unsubscribe(token), 'confirm'],
    mutationFn: () => unsubscribe(token),
    // The owner signed in on this phone may be the one who just unsubscribed. Their matrix may
    // have been fetched a moment ago, and a suspense query counts as fresh for a second, so
    // "See all your choices" would show the old value without this.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: preferenceKeys.all() }),
  });
}
