import { sessionKeys } from '../../../lib/private-keys.ts';

export const accountKeys = {
  /** The owner's own: under the private root, so signing out forgets it. */
  all: () => [...sessionKeys.all, 'account'] as const,
  pets: () => [...accountKeys.all(), 'pets'] as const,
  activity: () => [...accountKeys.all(), 'activity'] as const,
  sessions: () => [...accountKeys.all(), 'sessions'] as const,
};
