import type { ConsentEvent } from '../../../contract/preferences.ts';
import { useT, type I18n } from '../../../lib/i18n/i18n.tsx';
import { useConsentEvents } from '../api/get-consent-events.ts';
import { cellName } from '../lib/labels.ts';

/** "Marketing newsletter by email: turned on (was off)". */
export function consentChangeSentence(event: ConsentEvent, t: I18n['t']): string {
  const cell = cellName(event.category, event.channel, t);
  const now = event.enabled ? t('history.turnedOn') : t('history.turnedOff');
  const change =
    event.previous === null || event.previous === event.enabled
      ? now
      : t('history.was', {
          change: now,
          previous: event.previous ? t('history.on') : t('history.off'),
        });
  return t('history.sentence', { cell, change });
}

/**
 * Every change of the owner's consent, newest first: what, old → new, how, when, and the
 * privacy policy then in force (PRIVACY-RULES.md, "Consent record").
 */
export function ConsentHistory() {
  const { t, formatDateTime } = useT();
  const { data: events } = useConsentEvents();

  if (events.data.length === 0) return <p>{t('history.none')}</p>;
  return (
    <ol className="timeline consent-history">
      {events.data.map((event) => (
        <li key={event.id} className="timeline__item">
          <p className="timeline__text">{consentChangeSentence(event, t)}</p>
          <p className="timeline__meta">
            <span>{t(`history.source.${event.source}`)}</span>
            <span aria-hidden="true"> · </span>
            <time dateTime={event.at}>{formatDateTime(event.at)}</time>
            {event.policyVersion === null ? null : (
              <>
                <span aria-hidden="true"> · </span>
                <span>{t('history.policyVersion', { version: event.policyVersion })}</span>
              </>
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}
