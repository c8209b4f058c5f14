import '../../styles/account.css';
import { Suspense } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { PageLoading } from '../../components/ui/page-loading.tsx';
import { ActivitySection } from '../../features/account/components/activity-section.tsx';
import { PrivacyLinks } from '../../features/account/components/privacy-links.tsx';
import { DevicesSection } from '../../features/account/components/devices-section.tsx';
import { PetsSection } from '../../features/account/components/pets-section.tsx';
import { ProfileSection } from '../../features/account/components/profile-section.tsx';
import { SignOutButton } from '../../features/auth/components/sign-out-button.tsx';
import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { paths } from '../../lib/paths.ts';
import { useMe } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useClinicSlug } from '../route-params.ts';

/** `/c/:clinic/account` (lazy): profile, pets, devices, activity. */
export function AccountRoute() {
  const { t } = useT();
  const slug = useClinicSlug();
  const clinic = useClinic(slug).data.data;
  const { data: me } = useMe();
  const navigate = useNavigate();
  const user = me.data;
  useDocumentTitle(t('account.title'), clinic.name);

  // The session belongs to one clinic; its account lives under that clinic's address.
  if (user.clinic !== slug) return <Navigate replace to={paths.account(user.clinic)} />;
  // Staff have no owner account here (its routes answer 403 owners-only): their page is the console.
  if (user.role !== 'owner') return <Navigate replace to={paths.console(slug)} />;
  if (!user.ageConfirmed) {
    return <Navigate replace to={paths.confirmAge(slug, paths.account(slug))} />;
  }

  return (
    <div className="account-page">
      <h1>{t('account.title')}</h1>
      <p className="lead">{t('account.signedInAs', { email: user.email })}</p>
      <nav className="account-links" aria-label={t('account.moreLabel')}>
        <ul>
          <li>
            <Link className="text-link" to={paths.preferences(slug)}>
              {t('account.preferencesLink')}
            </Link>
          </li>
          <li>
            <Link className="text-link" to={paths.consentHistory(slug)}>
              {t('account.historyLink')}
            </Link>
          </li>
          <li>
            <Link className="text-link" to={paths.updates(slug)}>
              {t('push.updatesLink')}
            </Link>
          </li>
          <li>
            <Link className="text-link" to={paths.devices(slug)}>
              {t('push.devicesLink')}
            </Link>
          </li>
        </ul>
      </nav>
      <ProfileSection user={user} />
      <Suspense fallback={<PageLoading />}>
        <PetsSection />
      </Suspense>
      <Suspense fallback={<PageLoading />}>
        <DevicesSection />
      </Suspense>
      <Suspense fallback={<PageLoading />}>
        <ActivitySection />
      </Suspense>
      <PrivacyLinks clinic={slug} />
      <SignOutButton onSignedOut={() => navigate(paths.clinic(slug))} />
    </div>
  );
}
