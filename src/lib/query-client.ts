import { QueryClient } from '@tanstack/react-query';
import { ApiError, isFetched } from './api-client.ts';

const FIVE_MINUTES = 5 * 60 * 1000;

function shouldRetry(failureCount: number, error: Error): boolean {
  if (failureCount >= 2 || !(error instanceof ApiError)) return false;
  // Offline, a retry only delays the "not saved on this phone" message.
  if (error.code === 'network') return navigator.onLine;
  return error.status >= 500;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The default 'online' mode pauses queries while navigator.onLine is false, so they
        // would never reach the service worker, which answers from its cache offline.
        networkMode: 'offlineFirst',
        // A saved copy is replaced as soon as the network answers again (refetchOnReconnect).
        staleTime: (query) =>
          isFetched(query.state.data) && query.state.data.isFromCache ? 0 : FIVE_MINUTES,
        gcTime: 24 * 60 * 60 * 1000,
        retry: shouldRetry,
        refetchOnWindowFocus: false,
      },
    },
  });
}
