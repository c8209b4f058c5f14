import '../../styles/account.css';
import '../../styles/requests.css';
import { Suspense } from 'react';
import { Link } from 'react-router';
import { PageLoading } from '../../components/ui/page-loading.tsx';
import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { ConsoleRequestDetail } from '../../features/clinic-console/components/console-request-detail.tsx';
import { StaffOnly } from '../../features/clinic-console/components/staff-only.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { paths } from '../../lib/paths.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useClinicSlug } from '../route-params.ts';
import { useIsClinicStaff } from './console-route.tsx';
import { useRequestIdParam } from './privacy-request-route.tsx';

/** `/c/:clinic/console/requests/:requestId` (lazy, staff): one request, its timeline and actions. */
export function ConsoleRequestRoute() {
  const { t } = useT();
  const slug = useClinicSlug();
  const id = useRequestIdParam();
  const clinic = useClinic(slug).data.data;
  const isStaff = useIsClinicStaff(slug);
  useDocumentTitle(isStaff ? t('con.requestTitle') : t('con.refusedTitle'), clinic.name);
  if (!isStaff) return <StaffOnly clinic={slug} clinicName={clinic.name} />;
  return (
    <div className="console-page">
      <p className="back-link">
        <Link to={paths.console(slug)}>
          <span aria-hidden="true">←</span> {t('con.back')}
        </Link>
      </p>
      <h1>{t('con.requestTitle')}</h1>
      <Suspense fallback={<PageLoading />}>
        <ConsoleRequestDetail clinic={slug} id={id} timeZone={clinic.timeZone} />
      </Suspense>
    </div>
  );
}
