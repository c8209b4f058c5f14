import { Link } from 'react-router';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { paths } from '../../../lib/paths.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useRequests } from '../api/get-requests.ts';
import { CountdownBadge, dueDateOf } from './countdown-badge.tsx';

/** The owner's requests, newest first, each with its status and the days left to answer. */
export function RequestList({ clinic, timeZone }: { clinic: string; timeZone: string }) {
  const { t, formatDate } = useT();
  const now = useNow();
  const requests = useRequests().data.data;
  if (requests.length === 0) return <p className="muted">{t('requests.empty')}</p>;
  const newestFirst = [...requests].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  return (
    <ul className="request-list">
      {newestFirst.map((request) => (
        <li key={request.id} className="request-item card">
          <h2 className="request-item__title">
            <Link to={paths.privacyRequest(clinic, request.id)}>
              {t('requests.item', {
                type: t(`rqType.${request.type}`),
                reference: request.reference,
              })}
            </Link>
          </h2>
          <p className="request-item__meta">
            <span className="status-tag">{t(`rqStatus.${request.status}`)}</span>{' '}
            {request.verification === 'awaiting-owner' ? (
              <>
                <strong className="status-tag status-tag--attention">
                  {t('requests.awaitingYou')}
                </strong>{' '}
              </>
            ) : null}
            <span>{t('requests.due', { date: formatDate(dueDateOf(request)) })}</span>{' '}
            <CountdownBadge request={request} now={now} timeZone={timeZone} />
          </p>
        </li>
      ))}
    </ul>
  );
}
