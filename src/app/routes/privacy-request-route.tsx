import { Suspense } from 'react';
import { useParams } from 'react-router';
import { PageLoading } from '../../components/ui/page-loading.tsx';
import { RequestParamsSchema } from '../../contract/requests.ts';
import { RequestDetail } from '../../features/requests/components/request-detail.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { paths } from '../../lib/paths.ts';
import { PrivacyPage } from './privacy-page.tsx';

export function useRequestIdParam(): number {
  const parsed = RequestParamsSchema.safeParse({ id: useParams().requestId });
  if (!parsed.success) throw new ApiError(404, 'not-found', 'Nothing was found at this address.');
  return parsed.data.id;
}

/** `/c/:clinic/account/privacy/requests/:requestId` (lazy): receipt, countdown, timeline. */
export function PrivacyRequestRoute() {
  const { t } = useT();
  const id = useRequestIdParam();
  return (
    <PrivacyPage
      title={t('request.heading')}
      back={{ to: paths.privacyRequests, label: t('request.back') }}
    >
      {({ user, clinic }) => (
        <Suspense fallback={<PageLoading />}>
          <RequestDetail id={id} user={user} timeZone={clinic.timeZone} />
        </Suspense>
      )}
    </PrivacyPage>
  );
}
