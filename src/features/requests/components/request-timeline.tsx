import type { PrivacyRequestDetail, TimelineEntry } from '../../../contract/requests.ts';
import { formatInstantIn } from '../../../lib/calendar-days.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';

/**
 * Received → verified → in progress → extended (with its reason) → completed | denied (with
 * its reason and the right to complain), as the owner sees it, each step at server time.
 */
export function RequestTimeline({
  request,
  timeZone,
}: {
  request: PrivacyRequestDetail;
  timeZone: string;
}) {
  const { t, formatDate, locale } = useT();
  const actor = ({ actor: who, actorName }: TimelineEntry) =>
    who === 'system' ? '' : who === 'staff' && actorName ? actorName : t(`actor.${who}`);
  return (
    <ol className="timeline request-timeline">
      {request.timeline.map((entry, index) => (
        <li key={`${entry.kind}-${entry.at}-${index}`} className="timeline__item">
          <p className="timeline__text">
            <strong>{t(`event.${entry.kind}`)}</strong>
          </p>
          {entry.kind === 'extended' && request.extendedDueAt ? (
            <p className="timeline__text">
              {t('event.extendedTo', { date: formatDate(request.extendedDueAt) })}
            </p>
          ) : null}
          {entry.note ? (
            <p className="timeline__text">
              {entry.kind === 'completed'
                ? t('event.note', { note: entry.note })
                : t('event.reason', { reason: entry.note })}
            </p>
          ) : null}
          {entry.kind === 'denied' ? (
            <p className="timeline__text">{request.rightToComplain ?? t('request.complaint')}</p>
          ) : null}
          <p className="timeline__meta">
            {entry.actor === 'system'
              ? t('event.metaSystem', { datetime: formatInstantIn(locale, entry.at, timeZone) })
              : t('event.meta', {
                  datetime: formatInstantIn(locale, entry.at, timeZone),
                  actor: actor(entry),
                })}
          </p>
        </li>
      ))}
    </ol>
  );
}
