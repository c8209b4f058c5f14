import '../../styles/account.css';
import '../../styles/updates.css';
import { Suspense } from 'react';
import { PageLoading } from '../../components/ui/page-loading.tsx';
import { useClinic } from '../../features/clinic/api/get-clinic.ts';
import { UpdatesInbox } from '../../features/updates/components/updates-inbox.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useClinicSlug } from '../route-params.ts';

/** `/c/:clinic/updates` (lazy): the in-app inbox, for owners and visitors alike. */
export function UpdatesRoute() {
  const { t } = useT();
  const slug = useClinicSlug();
  const clinic = useClinic(slug).data.data;
  useDocumentTitle(t('updates.title'), clinic.name);
  return (
    <div className="updates-page">
      <h1>{t('updates.title')}</h1>
      <Suspense fallback={<PageLoading />}>
        <UpdatesInbox clinic={slug} clinicName={clinic.shortName} />
      </Suspense>
    </div>
  );
}
