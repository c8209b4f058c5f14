import { DownloadData } from '../../features/requests/components/download-data.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { paths } from '../../lib/paths.ts';
import { PrivacyPage, useClinicName } from './privacy-page.tsx';

/** `/c/:clinic/account/privacy/download` (lazy): everything held about the owner, now. */
export function DownloadDataRoute() {
  const { t } = useT();
  const clinicName = useClinicName();
  return (
    <PrivacyPage
      title={t('download.title')}
      lead={<p>{t('download.intro', { clinic: clinicName })}</p>}
      back={{ to: paths.privacyRights, label: t('download.back') }}
    >
      {({ user }) => <DownloadData user={user} />}
    </PrivacyPage>
  );
}
