import {
  dehydrate,
  hydrate,
  type DehydrateOptions,
  type DehydratedState,
  type QueryClient,
} from '@tanstack/react-query';
import { readStored, removeStored, writeStored } from './storage.ts';

/**
 * Keeps part of the query cache in localStorage, so that a change made offline survives a
 * reload or an app restart and is sent when the network returns. localStorage rather than
 * IndexedDB: it is synchronous, so the cache is restored before the first render, and what
 * we keep (a few queued changes and the preference matrix) is a few kilobytes.
 * (@tanstack/query-persist-client does the same with more options; this is the part we need.)
 */
const FORMAT = 1;
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

interface Persisted {
  format: typeof FORMAT;
  savedAt: number;
  state: DehydratedState;
}

function isPersisted(value: unknown): value is Persisted {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Persisted>;
  return (
    v.format === FORMAT &&
    typeof v.savedAt === 'number' &&
    typeof v.state === 'object' &&
    v.state !== null &&
    Array.isArray(v.state.queries) &&
    Array.isArray(v.state.mutations)
  );
}

function read(key: string): Persisted | null {
  const text = readStored(key);
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isPersisted(value) ? value : null;
  } catch {
    return null;
  }
}

export interface PersistOptions {
  /** The localStorage key. */
  key: string;
  shouldDehydrateQuery: NonNullable<DehydrateOptions['shouldDehydrateQuery']>;
  shouldDehydrateMutation: NonNullable<DehydrateOptions['shouldDehydrateMutation']>;
}

/**
 * Restores what was kept (call after `setMutationDefaults`, so restored mutations find their
 * `mutationFn`), then keeps the storage in step with every change of the cache.
 * Returns the function that stops keeping it.
 */
export function persistQueryClient(queryClient: QueryClient, options: PersistOptions): () => void {
  const saved = read(options.key);
  if (saved && Date.now() - saved.savedAt < MAX_AGE_MS) {
    hydrate(queryClient, {
      queries: saved.state.queries,
      // Nothing of the last visit is still running: a change that was on its way when the
      // page closed is paused too, so that resumePausedMutations() sends it (again; the
      // preference API sets a value, so sending twice does no harm).
      mutations: saved.state.mutations.map((mutation) => ({
        ...mutation,
        state: { ...mutation.state, isPaused: true },
      })),
    });
  } else if (saved) {
    removeStored(options.key);
  }

  let isScheduled = false;
  const save = () => {
    isScheduled = false;
    const state = dehydrate(queryClient, {
      shouldDehydrateQuery: options.shouldDehydrateQuery,
      shouldDehydrateMutation: options.shouldDehydrateMutation,
    });
    if (state.queries.length === 0 && state.mutations.length === 0) {
      removeStored(options.key);
      return;
    }
    const persisted: Persisted = { format: FORMAT, savedAt: Date.now(), state };
    writeStored(options.key, JSON.stringify(persisted));
  };
  // One write per burst of cache events; a microtask still runs before the page can unload.
  const schedule = () => {
    if (isScheduled) return;
    isScheduled = true;
    queueMicrotask(save);
  };

  const stopQueries = queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'added' || event.type === 'removed' || event.type === 'updated') schedule();
  });
  const stopMutations = queryClient.getMutationCache().subscribe((event) => {
    if (event.type === 'added' || event.type === 'removed' || event.type === 'updated') schedule();
  });
  return () => {
    stopQueries();
    stopMutations();
  };
}
