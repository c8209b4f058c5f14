import { useId } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useActivity } from '../api/get-activity.ts';
import { activitySentences } from '../lib/activity-sentences.ts';

/** Every correction and account action, newest first, with old and new values. */
export function ActivitySection() {
  const i18n = useT();
  const { t, formatDateTime } = i18n;
  const headingId = useId();
  const { data: events } = useActivity();

  return (
    <section className="account-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('activity.title')}</h2>
      <p className="muted">{t('activity.intro')}</p>
      {events.data.length === 0 ? (
        <p>{t('activity.none')}</p>
      ) : (
        <ol className="timeline">
          {events.data.map((event) => (
            <li key={event.id} className="timeline__item">
              {activitySentences(event, i18n).map((sentence, index) => (
                <p key={index} className="timeline__text">
                  {sentence}
                </p>
              ))}
              <p className="timeline__meta">
                <time dateTime={event.at}>{formatDateTime(event.at)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
