/**
 * localStorage that never throws: Safari in private mode, disabled storage and full quotas
 * all raise on access, and a preference we cannot keep must not break the page.
 */
export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage is unavailable: the choice lasts for this visit only.
  }
}

export function removeStored(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Storage is unavailable: nothing was kept.
  }
}

export const storageKeys = {
  locale: 'pawtal:locale',
  lastClinic: 'pawtal:last-clinic',
  installHidden: (clinic: string) => `pawtal:install-hidden:${clinic}`,
  signedInClinic: 'pawtal:signed-in',
  /** The id of the owner whose data and queued changes this phone keeps. */
  owner: 'pawtal:owner',
  /** Private data kept for offline use: cleared on sign-out (src/lib/query-persister.ts). */
  queryCache: 'pawtal:query-cache',
} as const;
