import { DeleteAccount } from '../../features/requests/components/delete-account.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { paths } from '../../lib/paths.ts';
import { PrivacyPage, useClinicName } from './privacy-page.tsx';

/** `/c/:clinic/account/privacy/delete` (lazy): an erasure request, confirmed with a fresh code. */
export function DeleteAccountRoute() {
  const { t } = useT();
  const clinicName = useClinicName();
  return (
    <PrivacyPage
      title={t('delete.title')}
      lead={<p>{t('delete.intro', { clinic: clinicName })}</p>}
      back={{ to: paths.privacyRights, label: t('download.back') }}
    >
      {({ user, slug, clinic }) => (
        <DeleteAccount user={user} clinic={slug} timeZone={clinic.timeZone} />
      )}
    </PrivacyPage>
  );
}
