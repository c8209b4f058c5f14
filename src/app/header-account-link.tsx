import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { Link } from 'react-router';
import { useT } from '../lib/i18n/i18n.tsx';
import { paths } from '../lib/paths.ts';
import { sessionKeys } from '../lib/private-keys.ts';
import { useIsSignedInHint } from '../lib/session-hint.ts';

/**
 * Whether the signed-in user is clinic staff, from the cached `GET /api/me` only: the header
 * never asks the server itself (see session-hint.ts), so the link appears once a page that
 * knows the user (sign-in, the account, the console) has loaded it.
 */
function useIsStaffHint(clinic: string): boolean {
  const queryClient = useQueryClient();
  const subscribe = useCallback(
    (onChange: () => void) => queryClient.getQueryCache().subscribe(onChange),
    [queryClient],
  );
  const read = () => {
    const cached = queryClient.getQueryData<{ data?: { role?: unknown; clinic?: unknown } }>(
      sessionKeys.user(),
    );
    const user = cached?.data;
    return user !== undefined && user.role !== 'owner' && user.clinic === clinic;
  };
  return useSyncExternalStore(subscribe, read, () => false);
}

/** "Sign in", or "Your account" once this phone has signed in to the clinic. */
export function HeaderAccountLink({ clinic }: { clinic: string }) {
  const { t } = useT();
  const isSignedIn = useIsSignedInHint(clinic);
  const isStaff = useIsStaffHint(clinic) && isSignedIn;
  return (
    <nav className="header-nav" aria-label={t('nav.label')}>
      {isStaff ? (
        <Link className="header-nav__link" to={paths.console(clinic)}>
          {t('nav.console')}
        </Link>
      ) : (
        <Link
          className="header-nav__link"
          to={isSignedIn ? paths.account(clinic) : paths.signIn(clinic)}
        >
          {isSignedIn ? t('nav.account') : t('nav.signIn')}
        </Link>
      )}
    </nav>
  );
}
