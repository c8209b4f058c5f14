import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  RequestStatusSchema,
  RequestTypeSchema,
  type StaffQueueQuery,
  type StaffRequest,
} from '../../../contract/requests.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { paths } from '../../../lib/paths.ts';
import { useQueue } from '../api/get-queue.ts';

/** Filters live in the address (?type=…&status=…), so a filtered queue can be bookmarked and shared. */
function queryFrom(params: URLSearchParams): StaffQueueQuery {
  const type = RequestTypeSchema.safeParse(params.get('type'));
  const status = params.get('status');
  const parsedStatus = RequestStatusSchema.safeParse(status);
  return {
    status: status === 'all' ? 'all' : parsedStatus.success ? parsedStatus.data : 'open',
    ...(type.success ? { type: type.data } : {}),
  };
}

/** The clinic's open requests, the one due soonest first, with days left and overdue ones marked. */
export function RequestQueue({ clinic }: { clinic: string }) {
  const { t } = useT();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const query = queryFrom(params);
  const requests = useQueue(clinic, query).data.data;

  const setFilter = (name: 'type' | 'status', value: string) => {
    const next = new URLSearchParams(params);
    if (value === '' || (name === 'status' && value === 'open')) next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  };

  return (
    <div className="request-queue">
      <form
        className="queue-filters"
        aria-label={t('con.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('con.filterType')}</label>
          <select
            id={`${id}-type`}
            value={query.type ?? ''}
            onChange={(event) => setFilter('type', event.target.value)}
          >
            <option value="">{t('con.allTypes')}</option>
            {RequestTypeSchema.options.map((type) => (
              <option key={type} value={type}>
                {t(`rqType.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('con.filterStatus')}</label>
          <select
            id={`${id}-status`}
            value={query.status ?? 'open'}
            onChange={(event) => setFilter('status', event.target.value)}
          >
            <option value="open">{t('con.openStatuses')}</option>
            {RequestStatusSchema.options.map((status) => (
              <option key={status} value={status}>
                {t(`rqStatus.${status}`)}
              </option>
            ))}
            <option value="all">{t('con.allStatuses')}</option>
          </select>
        </div>
      </form>
      <p role="status" className="queue-count">
        {t('con.count', { count: requests.length })}
      </p>
      {requests.length === 0 ? (
        <p className="muted">{t('con.empty')}</p>
      ) : (
        <ul className="queue-list">
          {requests.map((request) => (
            <QueueItem key={request.id} clinic={clinic} request={request} />
          ))}
        </ul>
      )}
    </div>
  );
}

export function DaysLeft({
  request,
}: {
  request: Pick<StaffRequest, 'daysLeft' | 'isOverdue' | 'status'>;
}) {
  const { t } = useT();
  if (request.status === 'completed' || request.status === 'denied') {
    return <span className="countdown countdown--closed">{t('countdown.closed')}</span>;
  }
  if (request.isOverdue) {
    const late = Math.max(1, -request.daysLeft);
    return (
      <span className="countdown countdown--overdue">
        <span aria-hidden="true">⚠ </span>
        <strong>{t('con.overdueTag')}:</strong>{' '}
        {late === 1 ? t('countdown.overdueOne') : t('countdown.overdue', { count: late })}
      </span>
    );
  }
  const text =
    request.daysLeft === 0
      ? t('countdown.today')
      : request.daysLeft === 1
        ? t('countdown.oneDay')
        : t('countdown.daysLeft', { count: request.daysLeft });
  return (
    <span className={`countdown${request.daysLeft <= 3 ? ' countdown--soon' : ''}`}>{text}</span>
  );
}

function QueueItem({ clinic, request }: { clinic: string; request: StaffRequest }) {
  const { t, formatDate } = useT();
  const who = request.subject.name ?? request.subject.email ?? request.reference;
  return (
    <li className={`queue-item card${request.isOverdue ? ' is-overdue' : ''}`}>
      <p className="queue-item__title">
        <Link to={paths.consoleRequest(clinic, request.id)}>
          {t('con.detailTitle', {
            title: t(`rqTitle.${request.type}`),
            reference: request.reference,
          })}
        </Link>
      </p>
      <p className="queue-item__meta">
        <DaysLeft request={request} />
        <span>{t('con.due', { date: formatDate(request.effectiveDueAt) })}</span>
        <span className="status-tag">{t(`rqStatus.${request.status}`)}</span>
      </p>
      <p className="queue-item__who muted">
        {t('con.requester')}: {who}
        {request.filedBy === 'agent' ? ` (${t('con.agent')})` : ''}
      </p>
    </li>
  );
}
