import { hashKey, type Mutation, type QueryClient } from '@tanstack/react-query';
import { requestKeys } from './request-keys.ts';

/*
 * Part of the app's first download: src/app/query-setup.ts registers these defaults before
 * the first render, so that a request filed offline in an earlier visit finds its function
 * after a reload. The request itself (and the contract's schemas) load on demand, so the
 * policy reader's first download grows by these few lines only.
 */

const fileHash = hashKey(requestKeys.file());

/** A filing still waiting to reach the server: kept in storage with the phone's other queued writes. */
export function isQueuedRequestFiling(mutation: Pick<Mutation, 'state' | 'options'>): boolean {
  return (
    mutation.state.status === 'pending' &&
    mutation.options.mutationKey !== undefined &&
    hashKey(mutation.options.mutationKey) === fileHash
  );
}

/** Offline, keep trying (the request waits on the phone); a refusal is final. */
function shouldRetry(failureCount: number, error: Error): boolean {
  // ApiError is matched by its fields: importing the class is fine, but this file stays tiny.
  const apiError = error as Error & { code?: unknown; status?: unknown };
  if (apiError.code === 'network') return true;
  return typeof apiError.status === 'number' && apiError.status >= 500 && failureCount < 3;
}

/**
 * Filing a privacy request is a paused mutation while the phone is offline: it is not received
 * (and the clinic's clock does not start) until the server has it (PRIVACY-RULES.md).
 */
export function registerRequestFiling(queryClient: QueryClient): void {
  queryClient.setMutationDefaults(requestKeys.file(), {
    mutationFn: async (variables: unknown) => {
      const { fileRequest } = await import('./file-request.ts');
      return fileRequest(variables);
    },
    networkMode: 'online',
    // One at a time, in the order they were made.
    scope: { id: 'request-filings' },
    retry: shouldRetry,
    retryDelay: (failureCount) => Math.min(1000 * 2 ** failureCount, 30_000),
    onSettled: () => queryClient.invalidateQueries({ queryKey: requestKeys.all() }),
  });
}
