import { sessionKeys } from '../../../lib/private-keys.ts';

/*
 * Part of the app's first download (src/app/query-setup.ts keeps queued filings across
 * reloads), so this file imports nothing but the private root key.
 */
export const requestKeys = {
  /** The owner's own: under the private root, so signing out forgets it. */
  all: () => [...sessionKeys.all, 'requests'] as const,
  list: () => [...requestKeys.all(), 'list'] as const,
  detail: (id: number) => [...requestKeys.all(), 'detail', id] as const,
  allowance: () => [...requestKeys.all(), 'allowance'] as const,
  /** The mutation key of filing a request: its defaults are set once, so a queued one resumes after a reload. */
  file: () => [...requestKeys.all(), 'file'] as const,
  confirm: (id: number) => [...requestKeys.all(), 'confirm', id] as const,
};
