import '../../styles/account.css';
import { useParams } from 'react-router';
import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { UnsubscribeConfirmation } from '../../features/preferences/components/unsubscribe-confirmation.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useClinicSlug } from '../route-params.ts';

/** `/c/:clinic/unsubscribe/:token` (lazy, public): the one-click link of a marketing email. */
export function UnsubscribeRoute() {
  const { t } = useT();
  const slug = useClinicSlug();
  const clinic = useClinic(slug).data.data;
  const { token = '' } = useParams();
  useDocumentTitle(t('unsubscribe.title'), clinic.name);
  return (
    <div className="narrow-page">
      <h1>{t('unsubscribe.title')}</h1>
      <UnsubscribeConfirmation clinic={slug} token={token} />
    </div>
  );
}
