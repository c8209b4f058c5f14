import '../../styles/account.css';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { AgeConfirmation } from '../../features/auth/components/age-confirmation.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { paths, safeNext } from '../../lib/paths.ts';
import { useMe } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useClinicSlug } from '../route-params.ts';

/** `/c/:clinic/sign-in/age?next=…` (lazy): asked once, after the first sign-in. */
export function AgeRoute() {
  const { t } = useT();
  const slug = useClinicSlug();
  const clinic = useClinic(slug).data.data;
  const [isRefused, setRefused] = useState(false);
  useDocumentTitle(isRefused ? t('age.refusedTitle') : t('age.title'), clinic.name);

  // After "under 16" there is no session any more: the question (which asks who is signed
  // in) is not rendered again.
  if (isRefused) {
    return (
      <div className="narrow-page">
        <h1>{t('age.refusedTitle')}</h1>
        <p className="lead">{t('age.refusedBody')}</p>
        <p>{t('age.refusedNext', { clinic: clinic.name })}</p>
        <p>
          <Link className="text-link" to={paths.clinic(slug)}>
            {t('age.backToStart')}
          </Link>
        </p>
      </div>
    );
  }
  return <AgeQuestion slug={slug} clinicName={clinic.name} onRefused={() => setRefused(true)} />;
}

function AgeQuestion({
  slug,
  clinicName,
  onRefused,
}: {
  slug: string;
  clinicName: string;
  onRefused: () => void;
}) {
  const { t } = useT();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(slug, params.get('next'));

  if (me.data.ageConfirmed) return <Navigate replace to={next} />;
  return (
    <div className="narrow-page">
      <h1>{t('age.title')}</h1>
      <AgeConfirmation
        clinicName={clinicName}
        onConfirmed={() => navigate(next, { replace: true })}
        onRefused={onRefused}
      />
    </div>
  );
}
