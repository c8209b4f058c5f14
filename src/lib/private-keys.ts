/**
 * Everything that belongs to the signed-in owner is cached under one root key, the way the
 * API puts it under `/api/me`. Features build their key factories on it, so signing out (or
 * in as someone else) forgets all of it at once and nothing of one owner shows to the next.
 * (A module of its own: the app shell needs the keys, not the rest of session.ts.)
 */
export const PRIVATE_ROOT = 'me';

export const sessionKeys = {
  all: [PRIVATE_ROOT] as const,
  user: () => [...sessionKeys.all, 'user'] as const,
};
