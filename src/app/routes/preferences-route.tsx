import '../../styles/account.css';
import { Link } from 'react-router';
import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { PreferenceMatrix } from '../../features/preferences/components/preference-matrix.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { paths } from '../../lib/paths.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useClinicSlug } from '../route-params.ts';

/** `/c/:clinic/account/preferences` (lazy): what the clinic may send, and how. */
export function PreferencesRoute() {
  const { t } = useT();
  const slug = useClinicSlug();
  const clinic = useClinic(slug).data.data;
  useDocumentTitle(t('pref.title'), clinic.name);
  return (
    <div className="preferences-page">
      <p className="back-link">
        <Link to={paths.account(slug)}>
          <span aria-hidden="true">←</span> {t('account.back')}
        </Link>
      </p>
      <h1>{t('pref.title')}</h1>
      <p className="lead">{t('pref.intro', { clinic: clinic.name })}</p>
      <PreferenceMatrix clinic={slug} />
    </div>
  );
}
