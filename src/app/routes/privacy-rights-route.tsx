import { Suspense } from 'react';
import { Link } from 'react-router';
import { PageLoading } from '../../components/ui/page-loading.tsx';
import { PrivacyRights } from '../../features/requests/components/privacy-rights.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { paths } from '../../lib/paths.ts';
import { PrivacyPage, useClinicName } from './privacy-page.tsx';

/** `/c/:clinic/account/privacy` (lazy): each right in plain words, and a form to ask for it. */
export function PrivacyRightsRoute() {
  const { t } = useT();
  const clinicName = useClinicName();
  return (
    <PrivacyPage
      title={t('rights.title')}
      lead={<p>{t('rights.intro', { clinic: clinicName })}</p>}
      back={{ to: paths.account, label: t('account.back') }}
    >
      {({ slug, clinic }) => (
        <>
          <nav className="account-links" aria-label={t('rights.title')}>
            <ul>
              <li>
                <Link className="text-link" to={paths.privacyRequests(slug)}>
                  {t('rights.requestsLink')}
                </Link>
              </li>
              <li>
                <Link className="text-link" to={paths.downloadData(slug)}>
                  {t('rights.downloadLink')}
                </Link>
              </li>
            </ul>
          </nav>
          <Suspense fallback={<PageLoading />}>
            <PrivacyRights clinic={slug} timeZone={clinic.timeZone} />
          </Suspense>
        </>
      )}
    </PrivacyPage>
  );
}
