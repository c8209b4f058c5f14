import { queryOptions, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { UserSchema, type User } from '../contract/auth.ts';
import { apiGet } from './api-client.ts';
import { sessionKeys } from './private-keys.ts';
import { clearSessionHint, setSessionHint } from './session-hint.ts';
import { readStored, removeStored, storageKeys, writeStored } from './storage.ts';

// Here rather than in a feature: the sign-in flow, the age check and the account page all
// need to know who is signed in, and features never import one another.
export function getMe(signal?: AbortSignal) {
  return apiGet('/api/me', UserSchema, { signal });
}

export function meQueryOptions() {
  return queryOptions({
    queryKey: sessionKeys.user(),
    queryFn: ({ signal }) => getMe(signal),
    // Who is signed in can change in another tab: ask again on each visit.
    staleTime: 0,
  });
}

export function useMe() {
  return useSuspenseQuery(meQueryOptions());
}

/** Drops the owner's cached data and queued changes, on this phone and in its storage. */
export function forgetPrivateData(queryClient: QueryClient): void {
  clearSessionHint();
  removeStored(storageKeys.owner);
  queryClient.removeQueries({ queryKey: sessionKeys.all });
  const mutations = queryClient.getMutationCache();
  for (const mutation of mutations.findAll({ mutationKey: sessionKeys.all })) {
    mutations.remove(mutation);
  }
}

/**
 * After signing in or confirming age: answers that failed before (401, 403) must not be
 * replayed from the cache, so the pages ask the server again.
 */
export function forgetPrivateAnswers(queryClient: QueryClient): void {
  queryClient.removeQueries({ queryKey: sessionKeys.all });
}

/**
 * A code was verified. Changes queued on this phone by the same owner stay queued (they were
 * made before the session ran out); those of anyone else are dropped, never sent as theirs.
 */
export function startSession(queryClient: QueryClient, user: User): void {
  if (readStored(storageKeys.owner) === String(user.id)) forgetPrivateAnswers(queryClient);
  else forgetPrivateData(queryClient);
  writeStored(storageKeys.owner, String(user.id));
  setSessionHint(user.clinic);
  queryClient.setQueryData(sessionKeys.user(), {
    data: user,
    fetchedAt: null,
    isFromCache: false,
  });
}
