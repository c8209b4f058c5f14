import '../../styles/account.css';
import { useNavigate, useSearchParams } from 'react-router';
import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { SignInForm } from '../../features/auth/components/sign-in-form.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { paths, safeNext } from '../../lib/paths.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useClinicSlug } from '../route-params.ts';

/** `/c/:clinic/sign-in?next=…` (lazy). */
export function SignInRoute() {
  const { t } = useT();
  const slug = useClinicSlug();
  const clinic = useClinic(slug).data.data;
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(slug, params.get('next'));
  useDocumentTitle(t('signIn.title'), clinic.name);

  return (
    <div className="narrow-page">
      <h1>{t('signIn.title')}</h1>
      <SignInForm
        clinic={slug}
        onSignedIn={(user) =>
          navigate(user.ageConfirmed ? next : paths.confirmAge(slug, next), { replace: true })
        }
      />
    </div>
  );
}
