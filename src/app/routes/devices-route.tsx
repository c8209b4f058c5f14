import '../../styles/account.css';
import '../../styles/updates.css';
import { Suspense, useState } from 'react';
import { Link, Navigate } from 'react-router';
import { PageLoading } from '../../components/ui/page-loading.tsx';
import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { PushDevices } from '../../features/updates/components/push-devices.tsx';
import { pushStorageKeys } from '../../lib/push-status.ts';
import { readStored } from '../../lib/storage.ts';
import { PushBanner } from '../banners/push-banner.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { paths } from '../../lib/paths.ts';
import { useMe } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useClinicSlug } from '../route-params.ts';

/** `/c/:clinic/account/devices` (lazy): the signed-in owner's push devices. */
export function DevicesRoute() {
  const { t } = useT();
  const slug = useClinicSlug();
  const clinic = useClinic(slug).data.data;
  const user = useMe().data.data;
  useDocumentTitle(t('devices.push.title'), clinic.name);
  // The shell's banner stays away once hidden; here the owner came to turn push on.
  const [isShellBannerHidden] = useState(() => readStored(pushStorageKeys.hidden(slug)) === '1');

  if (user.clinic !== slug) return <Navigate replace to={paths.devices(user.clinic)} />;
  if (!user.ageConfirmed) {
    return <Navigate replace to={paths.confirmAge(slug, paths.devices(slug))} />;
  }

  return (
    <div className="devices-page">
      <p className="back-link">
        <Link to={paths.account(slug)}>
          <span aria-hidden="true">←</span> {t('devices.push.back')}
        </Link>
      </p>
      <h1>{t('devices.push.title')}</h1>
      {isShellBannerHidden ? (
        <PushBanner clinic={slug} clinicName={clinic.shortName} ignoresHide />
      ) : null}
      <Suspense fallback={<PageLoading />}>
        <PushDevices clinic={slug} clinicName={clinic.shortName} />
      </Suspense>
    </div>
  );
}
