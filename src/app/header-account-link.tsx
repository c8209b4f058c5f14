import { Link } from 'react-router';
import { useT } from '../lib/i18n/i18n.tsx';
import { paths } from '../lib/paths.ts';
import { useIsSignedInHint } from '../lib/session-hint.ts';

/** "Sign in", or "Your account" once this phone has signed in to the clinic. */
export function HeaderAccountLink({ clinic }: { clinic: string }) {
  const { t } = useT();
  const isSignedIn = useIsSignedInHint(clinic);
  return (
    <nav className="header-nav" aria-label={t('nav.label')}>
      <Link
        className="header-nav__link"
        to={isSignedIn ? paths.account(clinic) : paths.signIn(clinic)}
      >
        {isSignedIn ? t('nav.account') : t('nav.signIn')}
      </Link>
    </nav>
  );
}
