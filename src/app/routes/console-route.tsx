import '../../styles/account.css';
import '../../styles/requests.css';
import { Suspense } from 'react';
import { Link } from 'react-router';
import { PageLoading } from '../../components/ui/page-loading.tsx';
import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { RequestQueue } from '../../features/clinic-console/components/request-queue.tsx';
import { StaffOnly } from '../../features/clinic-console/components/staff-only.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { paths } from '../../lib/paths.ts';
import { useMe } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useClinicSlug } from '../route-params.ts';

/** True for this clinic's staff and admins: the server checks the same on every route. */
export function useIsClinicStaff(slug: string): boolean {
  const user = useMe().data.data;
  return user.role !== 'owner' && user.clinic === slug;
}

/** `/c/:clinic/console` (lazy, staff): the queue of privacy requests. */
export function ConsoleRoute() {
  const { t } = useT();
  const slug = useClinicSlug();
  const clinic = useClinic(slug).data.data;
  const isStaff = useIsClinicStaff(slug);
  useDocumentTitle(isStaff ? t('con.title') : t('con.refusedTitle'), clinic.name);
  if (!isStaff) return <StaffOnly clinic={slug} clinicName={clinic.name} />;
  return (
    <div className="console-page">
      <h1>{t('con.title')}</h1>
      <p className="lead">{t('con.intro', { clinic: clinic.name })}</p>
      <p>
        <Link className="text-link" to={paths.consoleUpdates(slug)}>
          {t('con.updatesLink')}
        </Link>
      </p>
      <Suspense fallback={<PageLoading />}>
        <RequestQueue clinic={slug} />
      </Suspense>
    </div>
  );
}
