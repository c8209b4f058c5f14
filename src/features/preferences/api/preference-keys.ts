import { sessionKeys } from '../../../lib/private-keys.ts';

export const preferenceKeys = {
  /** The owner's own: under the private root, so signing out forgets it. */
  all: () => [...sessionKeys.all, 'preferences'] as const,
  matrix: () => [...preferenceKeys.all(), 'matrix'] as const,
  consentEvents: () => [...preferenceKeys.all(), 'consent-events'] as const,
  /** The mutation key of a change: its defaults are set once, so a queued change resumes after a reload. */
  update: () => [...preferenceKeys.all(), 'update'] as const,
  gpc: () => [...preferenceKeys.all(), 'gpc'] as const,
  /** Public: an unsubscribe link works without signing in. */
  unsubscribe: (token: string) => ['unsubscribe', token] as const,
};
