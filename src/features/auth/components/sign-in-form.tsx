import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { OneTimeCodeField } from '../../../components/ui/one-time-code-field.tsx';
import { EmailSchema, OneTimeCodeSchema, type User } from '../../../contract/auth.ts';
import { ApiErrorMessage } from '../../../components/ui/api-error-message.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useRequestSignInCode } from '../api/request-sign-in-code.ts';
import { useVerifySignInCode } from '../api/verify-sign-in-code.ts';

type Step = { name: 'email' } | { name: 'code'; email: string };

/**
 * Sign-in by a one-time code: the address, then the six digits from the email. No password
 * to forget; the same answer whether or not the address has an account here.
 */
export function SignInForm({
  clinic,
  onSignedIn,
}: {
  clinic: string;
  onSignedIn: (user: User) => void;
}) {
  const [step, setStep] = useState<Step>({ name: 'email' });
  return step.name === 'email' ? (
    <EmailStep clinic={clinic} onCodeSent={(email) => setStep({ name: 'code', email })} />
  ) : (
    <CodeStep
      clinic={clinic}
      email={step.email}
      onSignedIn={onSignedIn}
      onChangeEmail={() => setStep({ name: 'email' })}
    />
  );
}

function EmailStep({
  clinic,
  onCodeSent,
}: {
  clinic: string;
  onCodeSent: (email: string) => void;
}) {
  const { t } = useT();
  const id = useId();
  const [email, setEmail] = useState('');
  const [isInvalid, setInvalid] = useState(false);
  const request = useRequestSignInCode();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = EmailSchema.safeParse(email);
    setInvalid(!parsed.success);
    if (!parsed.success) return;
    request.mutate({ clinic, email: parsed.data }, { onSuccess: () => onCodeSent(parsed.data) });
  };

  return (
    <form className="stack-form" onSubmit={submit} noValidate>
      <p>{t('signIn.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('signIn.emailLabel')}</label>
        <input
          id={`${id}-email`}
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          required
          value={email}
          aria-invalid={isInvalid || undefined}
          aria-describedby={isInvalid ? `${id}-email-error` : undefined}
          onChange={(event) => setEmail(event.target.value)}
        />
        {isInvalid ? (
          <p className="field__error" id={`${id}-email-error`}>
            {t('signIn.emailInvalid')}
          </p>
        ) : null}
      </div>
      <ApiErrorMessage error={request.error} />
      <p className="form-actions">
        <button type="submit" className="button" disabled={request.isPending}>
          {request.isPending ? t('signIn.sending') : t('signIn.sendCode')}
        </button>
      </p>
    </form>
  );
}

function CodeStep({
  clinic,
  email,
  onSignedIn,
  onChangeEmail,
}: {
  clinic: string;
  email: string;
  onSignedIn: (user: User) => void;
  onChangeEmail: () => void;
}) {
  const { t } = useT();
  const id = useId();
  const [code, setCode] = useState('');
  const [isInvalid, setInvalid] = useState(false);
  const [resends, setResends] = useState(0);
  const verify = useVerifySignInCode();
  const resend = useRequestSignInCode();
  const input = useRef<HTMLInputElement>(null);

  // Whoever submitted the address is now asked for the code: take them to the field.
  useEffect(() => input.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // People paste "123 456" or "123-456" from the email.
    const parsed = OneTimeCodeSchema.safeParse(code.replace(/[\s-]/g, ''));
    setInvalid(!parsed.success);
    if (!parsed.success) return;
    verify.mutate(
      { clinic, email, code: parsed.data },
      { onSuccess: ({ user }) => onSignedIn(user) },
    );
  };

  const sendNewCode = () => {
    verify.reset();
    setCode('');
    resend.mutate(
      { clinic, email },
      {
        onSuccess: () => {
          setResends((n) => n + 1);
          input.current?.focus();
        },
      },
    );
  };

  const needsNewCode =
    verify.error instanceof ApiError && verify.error.code === 'too-many-attempts';

  return (
    <form className="stack-form" onSubmit={submit} noValidate>
      <div role="status" id={`${id}-sent`}>
        <p>
          <strong>{t('signIn.codeSentTitle')}</strong>
        </p>
        <p>{resends > 0 ? t('signIn.codeResent', { email }) : t('signIn.codeSent', { email })}</p>
      </div>
      <OneTimeCodeField
        id={`${id}-code`}
        label={t('signIn.codeLabel')}
        value={code}
        onChange={setCode}
        sentId={`${id}-sent`}
        error={isInvalid ? t('signIn.codeInvalid') : null}
        inputRef={input}
      />
      <ApiErrorMessage error={verify.error ?? resend.error} />
      <p className="form-actions">
        {needsNewCode ? null : (
          <button type="submit" className="button" disabled={verify.isPending}>
            {verify.isPending ? t('signIn.checking') : t('signIn.submitCode')}
          </button>
        )}
        <button
          type="button"
          className={needsNewCode ? 'button' : 'button button--secondary'}
          onClick={sendNewCode}
          disabled={resend.isPending}
        >
          {t('signIn.resend')}
        </button>
        <button type="button" className="button button--quiet" onClick={onChangeEmail}>
          {t('signIn.changeEmail')}
        </button>
      </p>
    </form>
  );
}
