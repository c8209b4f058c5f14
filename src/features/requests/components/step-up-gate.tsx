import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { OneTimeCodeField } from '../../../components/ui/one-time-code-field.tsx';
import { OneTimeCodeSchema } from '../../../contract/auth.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useRequestStepUpCode, useVerifyStepUp } from '../api/step-up.ts';
import { RequestErrorMessage } from './request-error-message.tsx';

/**
 * A fresh code before a sensitive step (download, deletion): PRIVACY-RULES.md "Identity
 * verification". Signed in is not enough; a code mailed now proves the phone's holder still
 * reads the owner's email. `onConfirmed` runs once the server has stepped the session up.
 */
export function StepUpGate({ email, onConfirmed }: { email: string; onConfirmed: () => void }) {
  const { t } = useT();
  const id = useId();
  const [isCodeSent, setCodeSent] = useState(false);
  const [code, setCode] = useState('');
  const [isInvalid, setInvalid] = useState(false);
  const send = useRequestStepUpCode();
  const verify = useVerifyStepUp();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (isCodeSent) input.current?.focus();
  }, [isCodeSent]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = OneTimeCodeSchema.safeParse(code.replace(/[\s-]/g, ''));
    setInvalid(!parsed.success);
    if (parsed.success) verify.mutate(parsed.data, { onSuccess: onConfirmed });
  };

  const sendCode = () => {
    verify.reset();
    setCode('');
    send.mutate(undefined, { onSuccess: () => setCodeSent(true) });
  };

  return (
    <section className="step-up card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('stepUp.title')}</h2>
      <p>{t('stepUp.why', { email })}</p>
      {!isCodeSent ? (
        <>
          <RequestErrorMessage error={send.error} />
          <p className="form-actions">
            <button type="button" className="button" disabled={send.isPending} onClick={sendCode}>
              {send.isPending ? t('stepUp.sending') : t('stepUp.send')}
            </button>
          </p>
        </>
      ) : (
        <form className="stack-form" onSubmit={submit} noValidate>
          <p id={`${id}-sent`} role="status">
            {t('stepUp.sent', { email })}
          </p>
          <OneTimeCodeField
            id={`${id}-code`}
            label={t('stepUp.codeLabel')}
            value={code}
            onChange={setCode}
            sentId={`${id}-sent`}
            error={isInvalid ? t('stepUp.codeInvalid') : null}
            inputRef={input}
          />
          <RequestErrorMessage error={verify.error ?? send.error} />
          <p className="form-actions">
            <button type="submit" className="button" disabled={verify.isPending}>
              {verify.isPending ? t('stepUp.checking') : t('stepUp.confirm')}
            </button>
            <button
              type="button"
              className="button button--quiet"
              disabled={send.isPending}
              onClick={sendCode}
            >
              {t('stepUp.resend')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}

/** True while the session's step-up still holds (GET /api/me `steppedUpUntil`). */
export function isSteppedUp(steppedUpUntil: string | null, now: number): boolean {
  return steppedUpUntil !== null && new Date(steppedUpUntil).getTime() > now + 5_000;
}
