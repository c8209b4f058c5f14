import '../../styles/account.css';
import '../../styles/requests.css';
import { Link, useSearchParams } from 'react-router';
import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { PublicRequestFlow } from '../../features/requests/components/public-request.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { paths } from '../../lib/paths.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useClinicSlug } from '../route-params.ts';

/** `/c/:clinic/privacy-request` (lazy, public): no account needed (CCPA), agents welcome. */
export function PublicRequestRoute() {
  const { t, rich } = useT();
  const slug = useClinicSlug();
  const clinic = useClinic(slug).data.data;
  useDocumentTitle(t('pub.title'), clinic.name);
  // The link in the code's message: `?request=<id>` opens the code step of that request.
  const requestParam = Number(useSearchParams()[0].get('request'));
  const requestId = Number.isInteger(requestParam) && requestParam > 0 ? requestParam : null;
  return (
    <div className="privacy-page narrow-page">
      <h1>{t('pub.title')}</h1>
      <p className="lead">{t('pub.intro', { clinic: clinic.name })}</p>
      <p>
        {rich('pub.signedInHint', {
          link: (
            <Link className="text-link" to={paths.signIn(slug, paths.privacyRights(slug))}>
              {t('pub.signInLink')}
            </Link>
          ),
        })}
      </p>
      <PublicRequestFlow clinic={slug} timeZone={clinic.timeZone} requestId={requestId} />
    </div>
  );
}
