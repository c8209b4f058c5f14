import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { OneTimeCodeField } from '../../../components/ui/one-time-code-field.tsx';
import { EmailSchema, OneTimeCodeSchema } from '../../../contract/auth.ts';
import { ApiErrorMessage } from '../../../components/ui/api-error-message.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useRequestEmailChange } from '../api/request-email-change.ts';
import { useVerifyEmailChange } from '../api/verify-email-change.ts';

type Step =
  | { name: 'closed'; changedTo: string | null }
  | { name: 'email' }
  | { name: 'code'; email: string };

/** A new address counts only once a code sent to it comes back, so a typo cannot lock anyone out. */
export function EmailChange({ currentEmail }: { currentEmail: string }) {
  const { t } = useT();
  const [step, setStep] = useState<Step>({ name: 'closed', changedTo: null });

  return (
    <div className="email-change">
      <p className="email-change__current">
        <span className="muted">{t('profile.email')}</span> <strong>{currentEmail}</strong>
      </p>
      {step.name === 'closed' ? (
        <>
          {step.changedTo ? (
            <p role="status">{t('email.changed', { email: step.changedTo })}</p>
          ) : null}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setStep({ name: 'email' })}
          >
            {t('email.change')}
          </button>
        </>
      ) : step.name === 'email' ? (
        <NewAddressForm
          onCancel={() => setStep({ name: 'closed', changedTo: null })}
          onCodeSent={(email) => setStep({ name: 'code', email })}
        />
      ) : (
        <CodeForm
          email={step.email}
          onCancel={() => setStep({ name: 'closed', changedTo: null })}
          onChanged={() => setStep({ name: 'closed', changedTo: step.email })}
        />
      )}
    </div>
  );
}

function NewAddressForm({
  onCancel,
  onCodeSent,
}: {
  onCancel: () => void;
  onCodeSent: (email: string) => void;
}) {
  const { t } = useT();
  const id = useId();
  const [email, setEmail] = useState('');
  const [isInvalid, setInvalid] = useState(false);
  const request = useRequestEmailChange();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = EmailSchema.safeParse(email);
    setInvalid(!parsed.success);
    if (parsed.success) request.mutate(parsed.data, { onSuccess: () => onCodeSent(parsed.data) });
  };

  return (
    <form className="stack-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('email.newLabel')}</label>
        <input
          ref={input}
          id={`${id}-email`}
          type="email"
          autoComplete="email"
          value={email}
          aria-invalid={isInvalid || undefined}
          aria-describedby={isInvalid ? `${id}-error` : undefined}
          onChange={(event) => setEmail(event.target.value)}
        />
        {isInvalid ? (
          <p className="field__error" id={`${id}-error`}>
            {t('signIn.emailInvalid')}
          </p>
        ) : null}
      </div>
      <ApiErrorMessage error={request.error} />
      <p className="form-actions">
        <button type="submit" className="button" disabled={request.isPending}>
          {t('email.sendCode')}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}

function CodeForm({
  email,
  onCancel,
  onChanged,
}: {
  email: string;
  onCancel: () => void;
  onChanged: () => void;
}) {
  const { t } = useT();
  const id = useId();
  const [code, setCode] = useState('');
  const [isInvalid, setInvalid] = useState(false);
  const verify = useVerifyEmailChange();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = OneTimeCodeSchema.safeParse(code.replace(/[\s-]/g, ''));
    setInvalid(!parsed.success);
    if (parsed.success) verify.mutate(parsed.data, { onSuccess: onChanged });
  };

  return (
    <form className="stack-form" onSubmit={submit} noValidate>
      <p id={`${id}-sent`}>{t('email.codeSent', { email })}</p>
      <OneTimeCodeField
        id={`${id}-code`}
        label={t('signIn.codeLabel')}
        value={code}
        onChange={setCode}
        sentId={`${id}-sent`}
        error={isInvalid ? t('signIn.codeInvalid') : null}
        inputRef={input}
      />
      <ApiErrorMessage error={verify.error} />
      <p className="form-actions">
        <button type="submit" className="button" disabled={verify.isPending}>
          {t('email.confirm')}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}
