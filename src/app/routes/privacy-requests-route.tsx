import { Suspense } from 'react';
import { PageLoading } from '../../components/ui/page-loading.tsx';
import { RequestList } from '../../features/requests/components/request-list.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { paths } from '../../lib/paths.ts';
import { PrivacyPage } from './privacy-page.tsx';

/** `/c/:clinic/account/privacy/requests` (lazy): the owner's requests and their deadlines. */
export function PrivacyRequestsRoute() {
  const { t } = useT();
  return (
    <PrivacyPage
      title={t('requests.title')}
      lead={<p>{t('requests.intro')}</p>}
      back={{ to: paths.privacyRights, label: t('requests.back') }}
    >
      {({ slug, clinic }) => (
        <Suspense fallback={<PageLoading />}>
          <RequestList clinic={slug} timeZone={clinic.timeZone} />
        </Suspense>
      )}
    </PrivacyPage>
  );
}
