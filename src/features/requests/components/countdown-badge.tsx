import type { PrivacyRequest } from '../../../contract/requests.ts';
import { countdownTo } from '../../../lib/calendar-days.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';

const CLOSED = new Set(['completed', 'denied']);

/** The due date in force: the extended one once extended. */
export function dueDateOf(request: Pick<PrivacyRequest, 'dueAt' | 'extendedDueAt'>): string {
  return request.extendedDueAt ?? request.dueAt;
}

/**
 * Days left until the answer is due, counted on the clinic's calendar. Overdue is said in
 * words (and marked), never by colour alone.
 */
export function CountdownBadge({
  request,
  now,
  timeZone,
}: {
  request: Pick<PrivacyRequest, 'dueAt' | 'extendedDueAt' | 'status'>;
  now: number;
  timeZone: string;
}) {
  const { t } = useT();
  if (CLOSED.has(request.status)) {
    return <span className="countdown countdown--closed">{t('countdown.closed')}</span>;
  }
  const { daysLeft, isOverdue } = countdownTo(dueDateOf(request), now, timeZone);
  if (isOverdue) {
    const late = Math.max(1, -daysLeft);
    return (
      <span className="countdown countdown--overdue">
        <span aria-hidden="true">⚠ </span>
        {late === 1 ? t('countdown.overdueOne') : t('countdown.overdue', { count: late })}
      </span>
    );
  }
  const text =
    daysLeft === 0
      ? t('countdown.today')
      : daysLeft === 1
        ? t('countdown.oneDay')
        : t('countdown.daysLeft', { count: daysLeft });
  return <span className={`countdown${daysLeft <= 3 ? ' countdown--soon' : ''}`}>{text}</span>;
}
