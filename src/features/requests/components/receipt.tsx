import type { PrivacyRequest } from '../../../contract/requests.ts';
import { formatInstantIn } from '../../../lib/calendar-days.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { CountdownBadge } from './countdown-badge.tsx';

/**
 * A request's receipt: reference, type, received-at (server time), regime, acknowledge-by
 * (CCPA), due date and what happens next. Due dates are the end of a day on the clinic's
 * calendar ("due 22 Dec" means by the end of 22 Dec there), so they are written that way.
 */
export function Receipt({
  request,
  timeZone,
  now,
  headingLevel = 2,
  headingId,
}: {
  request: PrivacyRequest;
  timeZone: string;
  now: number;
  headingLevel?: 2 | 3;
  headingId?: string;
}) {
  const { t, formatDate, locale } = useT();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const endOf = (iso: string) => t('receipt.endOfDay', { date: formatDate(iso) });
  return (
    <div className="receipt card">
      <Heading id={headingId} className="receipt__title">
        {t('receipt.title')}
      </Heading>
      <dl className="receipt__facts">
        <div>
          <dt>{t('receipt.reference')}</dt>
          <dd className="receipt__reference">{request.reference}</dd>
        </div>
        <div>
          <dt>{t('receipt.type')}</dt>
          <dd>{t(`rqType.${request.type}`)}</dd>
        </div>
        <div>
          <dt>{t('receipt.status')}</dt>
          <dd>{t(`rqStatus.${request.status}`)}</dd>
        </div>
        <div>
          <dt>{t('receipt.receivedAt')}</dt>
          <dd>{formatInstantIn(locale, request.receivedAt, timeZone)}</dd>
        </div>
        <div>
          <dt>{t('receipt.regime')}</dt>
          <dd>{t(`regime.${request.regime}`)}</dd>
        </div>
        {request.acknowledgeBy ? (
          <div>
            <dt>{t('receipt.acknowledgeBy')}</dt>
            <dd>{endOf(request.acknowledgeBy)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('receipt.dueAt')}</dt>
          <dd>
            {request.extendedDueAt ? <s>{endOf(request.dueAt)}</s> : endOf(request.dueAt)}{' '}
            {request.extendedDueAt ? null : (
              <CountdownBadge request={request} now={now} timeZone={timeZone} />
            )}
          </dd>
        </div>
        {request.extendedDueAt ? (
          <div>
            <dt>{t('receipt.extendedDueAt')}</dt>
            <dd>
              {endOf(request.extendedDueAt)}{' '}
              <CountdownBadge request={request} now={now} timeZone={timeZone} />
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="receipt__zone muted">{t('receipt.timeZone', { zone: timeZone })}</p>
      <p className="receipt__next">
        {/* The server's sentence is English: in another language, ours for the type. */}
        {locale === 'en' && request.nextSteps
          ? request.nextSteps
          : t(`receipt.next.${request.type}`)}
      </p>
    </div>
  );
}
