import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { User } from '../../../contract/auth.ts';
import type { PrivacyRequest } from '../../../contract/requests.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { paths } from '../../../lib/paths.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useFileRequest } from '../api/file-request.ts';
import { Receipt } from './receipt.tsx';
import { RequestErrorMessage } from './request-error-message.tsx';
import { isSteppedUp, StepUpGate } from './step-up-gate.tsx';

/**
 * Deleting the account is an erasure request, confirmed with a fresh code: staff complete it
 * unless the law allows keeping something, and only then is the owner's data erased.
 */
export function DeleteAccount({
  user,
  clinic,
  timeZone,
}: {
  user: User;
  clinic: string;
  timeZone: string;
}) {
  const { t, rich } = useT();
  const now = useNow();
  const id = useId();
  const [isConfirmed, setConfirmed] = useState(() => isSteppedUp(user.steppedUpUntil, now));
  const [note, setNote] = useState('');
  const [receipt, setReceipt] = useState<PrivacyRequest | null>(null);
  const filing = useFileRequest();
  const receiptLead = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (receipt) receiptLead.current?.focus();
  }, [receipt]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = note.trim();
    filing.file(trimmed ? { type: 'erasure', details: { note: trimmed } } : { type: 'erasure' }, {
      onSuccess: setReceipt,
    });
  };

  if (receipt) {
    return (
      <div className="delete-account">
        <p ref={receiptLead} tabIndex={-1} className="delete-account__filed">
          <strong>{t('delete.filed')}</strong>
        </p>
        <Receipt request={receipt} timeZone={timeZone} now={now} />
        <p>
          <Link className="button" to={paths.privacyRequest(clinic, receipt.id)}>
            {t('receipt.open')}
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div className="delete-account">
      <ol className="delete-account__steps">
        <li>{t('delete.step1')}</li>
        <li>{t('delete.step2')}</li>
        <li>{t('delete.step3')}</li>
        <li>{t('delete.step4')}</li>
        <li>{t('delete.step5')}</li>
      </ol>
      <p>
        {rich('delete.downloadFirst', {
          link: (
            <Link className="text-link" to={paths.downloadData(clinic)}>
              {t('delete.downloadFirstLink')}
            </Link>
          ),
        })}
      </p>
      <div role="status">
        {filing.isPending && (filing.isPaused || filing.failureCount > 0) ? (
          <div className="notice notice--warning">
            <p>
              <strong>{t('queued.title')}</strong>
            </p>
            <p>{t('queued.body', { title: t('rqTitle.erasure') })}</p>
          </div>
        ) : filing.isPending ? (
          <p>{t('queued.sending', { title: t('rqTitle.erasure') })}</p>
        ) : null}
      </div>
      {!isConfirmed ? (
        <StepUpGate email={user.email} onConfirmed={() => setConfirmed(true)} />
      ) : filing.isPending ? null : (
        <form className="stack-form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('delete.details')}</label>
            <textarea
              id={`${id}-note`}
              rows={3}
              maxLength={2000}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
          <RequestErrorMessage error={filing.error} />
          <p className="form-actions">
            <button type="submit" className="button button--danger">
              {t('delete.submit')}
            </button>
          </p>
        </form>
      )}
    </div>
  );
}
