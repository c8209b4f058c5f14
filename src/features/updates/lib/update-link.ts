import { paths } from '../../../lib/paths.ts';

/**
 * An update's link opens inside the clinic's own app (`/c/<clinic>/…`), never elsewhere: the
 * server checks it when the update is sent, and the app checks again before showing it.
 */
export function isInClinicScope(clinic: string, url: string): boolean {
  const base = 'https://pawtal.invalid';
  try {
    const parsed = new URL(url, base);
    return parsed.origin === base && parsed.pathname.startsWith(paths.clinic(clinic));
  } catch {
    return false;
  }
}
