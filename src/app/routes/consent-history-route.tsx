import '../../styles/account.css';
import { Link } from 'react-router';
import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { ConsentHistory } from '../../features/preferences/components/consent-history.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { paths } from '../../lib/paths.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useClinicSlug } from '../route-params.ts';

/** `/c/:clinic/account/preferences/history` (lazy). */
export function ConsentHistoryRoute() {
  const { t } = useT();
  const slug = useClinicSlug();
  const clinic = useClinic(slug).data.data;
  useDocumentTitle(t('history.title'), clinic.name);
  return (
    <div className="history-page">
      <p className="back-link">
        <Link to={paths.preferences(slug)}>
          <span aria-hidden="true">←</span> {t('history.back')}
        </Link>
      </p>
      <h1>{t('history.title')}</h1>
      <p className="lead">{t('history.intro')}</p>
      <ConsentHistory />
    </div>
  );
}
