import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { RequestType } from '../../../contract/requests.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { paths } from '../../../lib/paths.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useAllowance } from '../api/get-allowance.ts';
import {
  useDismissFilings,
  useFailedFilings,
  useFiledReceipts,
  usePendingFilings,
} from '../api/file-request.ts';
import { Receipt } from './receipt.tsx';
import { RequestErrorMessage } from './request-error-message.tsx';

/**
 * Requests filed on this phone, as they stand: queued (offline, never shown as sent and with
 * no receipt, because the clinic's clock has not started), on their way, refused, or received,
 * with the receipt the server gave.
 */
export function FilingStatus({ clinic, timeZone }: { clinic: string; timeZone: string }) {
  const { t } = useT();
  const now = useNow();
  const pending = usePendingFilings();
  const failed = useFailedFilings();
  const receipts = useFiledReceipts();
  const dismiss = useDismissFilings();
  const nextAvailableAt = useAllowance().data.data.accessLimit?.nextAvailableAt ?? null;
  const queued = pending.filter((filing) => filing.isQueued);
  const newest = receipts.at(-1);
  const receiptHeading = useRef<HTMLElement>(null);
  // Lower case mid-sentence ("Your access request wasn’t sent"); a whole phrase at the start.
  const typeName = (type: RequestType | null) => t(`rqTypeInline.${type ?? 'unknown'}`);
  const titleOf = (type: RequestType | null) => t(`rqTitle.${type ?? 'unknown'}`);

  // A receipt that just arrived (at once, or when a queued filing got through) takes focus,
  // so a screen reader says it and a sighted owner sees it.
  useEffect(() => {
    if (newest) receiptHeading.current?.focus();
  }, [newest?.mutationId]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="filing-status">
      <div role="status" className="filing-status__live">
        {queued.length > 0 ? (
          <div className="notice notice--warning queued-filings">
            <p className="queued-filings__title">
              <strong>{t('queued.title')}</strong>
            </p>
            <ul>
              {queued.map((filing) => (
                <li key={filing.mutationId}>{t('queued.body', { title: titleOf(filing.type) })}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {pending
          .filter((filing) => filing.isSending)
          .map((filing) => (
            <p key={filing.mutationId} className="filing-status__sending">
              {t('queued.sending', { title: titleOf(filing.type) })}
            </p>
          ))}
      </div>

      {failed.length > 0 ? (
        <div className="filing-failures" role="alert">
          {failed.map((filing) => (
            <div key={filing.mutationId} className="filing-failure">
              <p className="filing-failure__title">
                {t('queued.failed', { type: typeName(filing.type) })}
              </p>
              <RequestErrorMessage
                error={filing.error}
                nextAvailableAt={nextAvailableAt}
                isAnnounced={false}
              />
            </div>
          ))}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => dismiss(failed.map((filing) => filing.mutationId))}
          >
            {t('queued.dismiss')}
          </button>
        </div>
      ) : null}

      {receipts.map(({ mutationId, receipt }) => (
        <section key={mutationId} className="filed-receipt" aria-label={t('receipt.title')}>
          <p className="filed-receipt__lead">
            <strong
              ref={mutationId === newest?.mutationId ? receiptHeading : undefined}
              tabIndex={-1}
            >
              {t('receipt.filed')}
            </strong>
          </p>
          <Receipt request={receipt} timeZone={timeZone} now={now} headingLevel={2} />
          <p className="form-actions">
            <Link className="button" to={paths.privacyRequest(clinic, receipt.id)}>
              {t('receipt.open')}
            </Link>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => dismiss([mutationId])}
            >
              {t('queued.dismiss')}
            </button>
          </p>
        </section>
      ))}
    </div>
  );
}
