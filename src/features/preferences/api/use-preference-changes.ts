import {
  useMutation,
  useMutationState,
  useQueryClient,
  type Mutation,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import {
  PreferenceUpdateSchema,
  type PreferenceChange,
  type PreferenceMatrix,
  type PreferenceUpdate,
} from '../../../contract/preferences.ts';
import { preferenceKeys } from './preference-keys.ts';

/** A change the server has not confirmed yet: on its way, or waiting for the network. */
export interface PendingChange extends PreferenceChange {
  mutationId: number;
  /** True while it waits: offline, or queued behind another change after a failed try. */
  isWaiting: boolean;
}

export interface FailedChange extends PreferenceChange {
  mutationId: number;
  error: unknown;
}

function changesOf(mutation: Pick<Mutation, 'state'>): PreferenceChange[] {
  // Variables may come from storage (a change queued in an earlier visit).
  const parsed = PreferenceUpdateSchema.safeParse(mutation.state.variables);
  return parsed.success ? parsed.data.changes : [];
}

const sameCell = (a: PreferenceChange, b: PreferenceChange) =>
  a.category === b.category && a.channel === b.channel;

/** Every unconfirmed change, oldest first, so that applying them in order gives the last one. */
export function usePendingPreferenceChanges(): PendingChange[] {
  const perMutation = useMutationState({
    filters: { mutationKey: preferenceKeys.update(), status: 'pending' },
    select: (mutation) =>
      changesOf(mutation).map((change) => ({
        ...change,
        mutationId: mutation.mutationId,
        isWaiting: mutation.state.isPaused || mutation.state.failureCount > 0,
      })),
  });
  return perMutation.flat();
}

export function useFailedPreferenceChanges(): FailedChange[] {
  const perMutation = useMutationState({
    filters: { mutationKey: preferenceKeys.update(), status: 'error' },
    select: (mutation) =>
      changesOf(mutation).map((change) => ({
        ...change,
        mutationId: mutation.mutationId,
        error: mutation.state.error,
      })),
  });
  return perMutation.flat();
}

/** True once a change made on this page (or resumed) reached the server. */
export function useHasSavedPreferences(): boolean {
  const saved = useMutationState({
    filters: { mutationKey: preferenceKeys.update(), status: 'success' },
    select: (mutation) => mutation.mutationId,
  });
  return saved.length > 0;
}

/** Forgets failed changes once the owner has read why. */
export function useDismissFailedChanges(): (mutationIds: number[]) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (mutationIds) => {
      const cache = queryClient.getMutationCache();
      for (const mutation of cache.findAll({ mutationKey: preferenceKeys.update() })) {
        if (mutationIds.includes(mutation.mutationId)) cache.remove(mutation);
      }
    },
    [queryClient],
  );
}

/**
 * Turns one cell on or off. The mutation's function, network mode and order come from the
 * defaults in update-preferences.ts, so the change survives a reload while it waits.
 */
export function useSetPreference(): (change: PreferenceChange) => void {
  const queryClient = useQueryClient();
  const { mutate } = useMutation<PreferenceMatrix, Error, PreferenceUpdate>({
    mutationKey: preferenceKeys.update(),
  });
  return useCallback(
    (change) => {
      // An earlier change of the same cell that has not left the phone yet is replaced, not
      // sent: on, off, on while offline becomes one "on", and one entry in the history.
      const cache = queryClient.getMutationCache();
      for (const mutation of cache.findAll({ mutationKey: preferenceKeys.update() })) {
        const changes = changesOf(mutation);
        const isOnlyThisCell = changes.length > 0 && changes.every((c) => sameCell(c, change));
        if (mutation.state.isPaused && isOnlyThisCell) cache.remove(mutation);
      }
      mutate({ changes: [change] });
    },
    [mutate, queryClient],
  );
}
