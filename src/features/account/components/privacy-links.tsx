import { useId } from 'react';
import { Link } from 'react-router';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { paths } from '../../../lib/paths.ts';

/** Where the owner exercises their rights: ask, download everything, or delete the account. */
export function PrivacyLinks({ clinic }: { clinic: string }) {
  const { t } = useT();
  const headingId = useId();
  return (
    <section className="account-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('account.privacyTitle')}</h2>
      <ul className="account-links__list">
        <li>
          <Link className="text-link" to={paths.privacyRights(clinic)}>
            {t('account.privacyLink')}
          </Link>
        </li>
        <li>
          <Link className="text-link" to={paths.downloadData(clinic)}>
            {t('account.downloadLink')}
          </Link>
        </li>
        <li>
          <Link className="text-link" to={paths.deleteAccount(clinic)}>
            {t('account.deleteLink')}
          </Link>
        </li>
      </ul>
    </section>
  );
}
