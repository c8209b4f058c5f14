import '../../styles/account.css';
import '../../styles/updates.css';
import { Suspense } from 'react';
import { Link, Navigate } from 'react-router';
import { Notice } from '../../components/ui/notice.tsx';
import { PageLoading } from '../../components/ui/page-loading.tsx';
import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { SendUpdateForm } from '../../features/updates/components/send-update-form.tsx';
import { SentUpdates } from '../../features/updates/components/sent-updates.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { paths } from '../../lib/paths.ts';
import { useMe } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useClinicSlug } from '../route-params.ts';

/** `/c/:clinic/console/updates` (lazy, staff): compose an update and follow its delivery. */
export function ConsoleUpdatesRoute() {
  const { t } = useT();
  const slug = useClinicSlug();
  const clinic = useClinic(slug).data.data;
  const user = useMe().data.data;
  useDocumentTitle(t('console.updates.title'), clinic.name);

  if (user.clinic !== slug) return <Navigate replace to={paths.consoleUpdates(user.clinic)} />;
  const isStaff = user.role === 'staff' || user.role === 'admin';

  return (
    <div className="console-updates-page">
      <p className="back-link">
        <Link to={paths.console(slug)}>
          <span aria-hidden="true">←</span> {t('console.updates.back')}
        </Link>
      </p>
      <h1>{t('console.updates.title')}</h1>
      {isStaff ? (
        <>
          <p className="lead">{t('console.updates.intro')}</p>
          <SendUpdateForm clinic={slug} />
          <Suspense fallback={<PageLoading />}>
            <SentUpdates clinic={slug} />
          </Suspense>
        </>
      ) : (
        <Notice tone="warning">
          <p>{t('console.updates.staffOnly')}</p>
        </Notice>
      )}
    </div>
  );
}
