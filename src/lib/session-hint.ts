import { useSyncExternalStore } from 'react';
import { readStored, removeStored, storageKeys, writeStored } from './storage.ts';

/**
 * Which clinic this phone was last signed in to. The session cookie is HttpOnly, so the page
 * cannot read it, and asking `GET /api/me` on every page would cost the policy reader a request
 * (and an error in the console when signed out). The header only needs a hint to choose
 * between "Sign in" and "Your account"; the account pages still ask the server, and any 401
 * clears the hint.
 */
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  // Another tab signed in or out.
  window.addEventListener('storage', onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onChange);
  };
}

function read(): string | null {
  return readStored(storageKeys.signedInClinic);
}

export function setSessionHint(clinic: string): void {
  writeStored(storageKeys.signedInClinic, clinic);
  notify();
}

export function clearSessionHint(): void {
  if (read() === null) return;
  removeStored(storageKeys.signedInClinic);
  notify();
}

/** True when this phone was signed in to `clinic` the last time it asked. */
export function useIsSignedInHint(clinic: string): boolean {
  return useSyncExternalStore(subscribe, read, () => null) === clinic;
}
