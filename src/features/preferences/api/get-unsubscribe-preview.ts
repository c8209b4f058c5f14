import { queryOptions, useQuery } from '@tanstack/react-query';
import { UnsubscribePreviewSchema } from '../../../contract/preferences.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { preferenceKeys } from './preference-keys.ts';

/** Reads what the link turns off, changing nothing: mail scanners fetch links too. */
export function getUnsubscribePreview(token: string, signal?: AbortSignal) {
  return apiGet(`/api/unsubscribe/${encodeURIComponent(token)}`, UnsubscribePreviewSchema, {
    signal,
  });
}

export function unsubscribePreviewQueryOptions(token: string) {
  return queryOptions({
    queryKey: preferenceKeys.unsubscribe(token),
    queryFn: ({ signal }) => getUnsubscribePreview(token, signal),
    retry: false,
  });
}

/** Not suspending: a bad link is a message on this page, not the route's error page. */
export function useUnsubscribePreview(token: string) {
  return useQuery(unsubscribePreviewQueryOptions(token));
}
