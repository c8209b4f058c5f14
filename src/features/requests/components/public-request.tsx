import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { OneTimeCodeField } from '../../../components/ui/one-time-code-field.tsx';
import { OneTimeCodeSchema } from '../../../contract/auth.ts';
import {
  PublicRequestSchema,
  RequestTypeSchema,
  type PublicRequestReceipt,
  type PublicRequestStatus,
  type RequestType,
} from '../../../contract/requests.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useNow } from '../../../lib/use-now.ts';
import {
  useFilePublicRequest,
  useResendPublicRequestCode,
  useVerifyPublicRequest,
} from '../api/public-request.ts';
import { countdownTo } from '../../../lib/calendar-days.ts';
import { RequestErrorMessage } from './request-error-message.tsx';

type Step =
  | { name: 'form' }
  /** `receipt` is null when the person came from the link in the code's message. */
  | { name: 'code'; id: number; receipt: PublicRequestReceipt | null }
  | { name: 'done'; receipt: PublicRequestReceipt | null; status: PublicRequestStatus }
  /** An agent never gets the code: it goes to the person, who confirms it themselves. */
  | { name: 'agent-filed'; receipt: PublicRequestReceipt };

/**
 * A request from a person without an account (CCPA forbids requiring one) or from their
 * authorized agent. The person is verified by a code sent to a contact the clinic already
 * holds; an agent's request then waits until the person confirms it directly.
 */
export function PublicRequestFlow({
  clinic,
  timeZone,
  requestId,
}: {
  clinic: string;
  timeZone: string;
  /** From the link in the code's message (`?request=<id>`): straight to the code. */
  requestId: number | null;
}) {
  const [step, setStep] = useState<Step>(
    requestId === null ? { name: 'form' } : { name: 'code', id: requestId, receipt: null },
  );
  if (step.name === 'form') {
    return (
      <PublicRequestForm
        clinic={clinic}
        onFiled={(receipt, isAgent) =>
          setStep(
            isAgent ? { name: 'agent-filed', receipt } : { name: 'code', id: receipt.id, receipt },
          )
        }
      />
    );
  }
  if (step.name === 'agent-filed') {
    return (
      <AgentFiled
        receipt={step.receipt}
        timeZone={timeZone}
        onAgain={() => setStep({ name: 'form' })}
      />
    );
  }
  if (step.name === 'code') {
    return (
      <IdentityCodeForm
        clinic={clinic}
        id={step.id}
        receipt={step.receipt}
        timeZone={timeZone}
        onVerified={(status) => setStep({ name: 'done', receipt: step.receipt, status })}
      />
    );
  }
  return (
    <PublicDone
      receipt={step.receipt}
      status={step.status}
      timeZone={timeZone}
      onAgain={() => setStep({ name: 'form' })}
    />
  );
}

function PublicRequestForm({
  clinic,
  onFiled,
}: {
  clinic: string;
  onFiled: (receipt: PublicRequestReceipt, isAgent: boolean) => void;
}) {
  const { t } = useT();
  const id = useId();
  const file = useFilePublicRequest(clinic);
  const [isAgent, setAgent] = useState(false);
  const [type, setType] = useState<RequestType>('access');
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [agentName, setAgentName] = useState('');
  const [agentEmail, setAgentEmail] = useState('');
  const [permission, setPermission] = useState('');
  const [field, setField] = useState('');
  const [current, setCurrent] = useState('');
  const [corrected, setCorrected] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const problemsRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problems.length > 0) problemsRef.current?.focus();
  }, [problems]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: string[] = [];
    if (name.trim() === '') found.push(t('pub.nameMissing'));
    const contactText = contact.trim();
    const isEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contactText);
    const isPhone = /^\+?[\d\s().-]{7,20}$/.test(contactText);
    if (!isEmail && !isPhone) found.push(t('pub.contactInvalid'));
    if (type === 'rectification' && (field.trim() === '' || corrected.trim() === '')) {
      found.push(t('rights.rectificationMissing'));
    }
    const candidate = {
      type,
      name: name.trim(),
      contact: contactText,
      details: {
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(type === 'rectification'
          ? {
              corrections: [
                { field: field.trim(), old: current.trim() || null, new: corrected.trim() },
              ],
            }
          : {}),
      },
      ...(isAgent
        ? {
            agent: {
              name: agentName.trim(),
              email: agentEmail.trim(),
              signedPermission: permission.trim(),
            },
          }
        : {}),
    };
    const parsed = PublicRequestSchema.safeParse(candidate);
    if (isAgent && (agentName.trim() === '' || !parsed.success || permission.trim().length < 10)) {
      found.push(t('pub.agentMissing'));
    }
    if (found.length === 0 && !parsed.success) found.push(t('rqError.invalidRequest'));
    setProblems(found);
    if (found.length > 0 || !parsed.success) return;
    file.mutate(parsed.data, { onSuccess: (receipt) => onFiled(receipt, isAgent) });
  };

  return (
    <form className="stack-form public-request" onSubmit={submit} noValidate>
      <fieldset className="choice-group">
        <legend>{t('pub.whoLabel')}</legend>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-who`}
            checked={!isAgent}
            onChange={() => setAgent(false)}
          />
          <span>{t('pub.self')}</span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-who`}
            checked={isAgent}
            onChange={() => setAgent(true)}
          />
          <span>{t('pub.agent')}</span>
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('pub.type')}</label>
        <select
          id={`${id}-type`}
          value={type}
          onChange={(event) => {
            const parsed = RequestTypeSchema.safeParse(event.target.value);
            if (parsed.success) setType(parsed.data);
          }}
        >
          {RequestTypeSchema.options.map((option) => (
            <option key={option} value={option}>
              {t(`rights.${option}.name`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('pub.name')}</label>
        <input
          id={`${id}-name`}
          type="text"
          autoComplete={isAgent ? 'off' : 'name'}
          value={name}
          maxLength={120}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-contact`}>{t('pub.contact')}</label>
        <p className="field__hint" id={`${id}-contact-hint`}>
          {t('pub.contactHint')}
        </p>
        <input
          id={`${id}-contact`}
          type="text"
          inputMode="email"
          autoComplete={isAgent ? 'off' : 'email'}
          value={contact}
          maxLength={254}
          aria-describedby={`${id}-contact-hint`}
          onChange={(event) => setContact(event.target.value)}
        />
      </div>
      {isAgent ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-agent-name`}>{t('pub.agentName')}</label>
            <input
              id={`${id}-agent-name`}
              type="text"
              autoComplete="name"
              value={agentName}
              maxLength={120}
              onChange={(event) => setAgentName(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-agent-email`}>{t('pub.agentEmail')}</label>
            <input
              id={`${id}-agent-email`}
              type="email"
              autoComplete="email"
              value={agentEmail}
              onChange={(event) => setAgentEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-permission`}>{t('pub.agentPermission')}</label>
            <p className="field__hint" id={`${id}-permission-hint`}>
              {t('pub.agentPermissionHint')}
            </p>
            <textarea
              id={`${id}-permission`}
              rows={3}
              maxLength={2000}
              value={permission}
              aria-describedby={`${id}-permission-hint`}
              onChange={(event) => setPermission(event.target.value)}
            />
          </div>
        </>
      ) : null}
      {type === 'rectification' ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-field`}>{t('rights.field')}</label>
            <input
              id={`${id}-field`}
              type="text"
              value={field}
              maxLength={80}
              onChange={(event) => setField(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-current`}>{t('rights.current')}</label>
            <input
              id={`${id}-current`}
              type="text"
              value={current}
              maxLength={500}
              onChange={(event) => setCurrent(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-corrected`}>{t('rights.corrected')}</label>
            <input
              id={`${id}-corrected`}
              type="text"
              value={corrected}
              maxLength={500}
              onChange={(event) => setCorrected(event.target.value)}
            />
          </div>
        </>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('pub.details')}</label>
        <textarea
          id={`${id}-note`}
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      {problems.length > 0 ? (
        <div className="form-error" role="alert" tabIndex={-1} ref={problemsRef}>
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      ) : null}
      <RequestErrorMessage error={file.error} />
      <p className="form-actions">
        <button type="submit" className="button" disabled={file.isPending}>
          {file.isPending ? t('rights.sending') : t('pub.submit')}
        </button>
      </p>
    </form>
  );
}

function IdentityCodeForm({
  clinic,
  id: requestId,
  receipt,
  timeZone,
  onVerified,
}: {
  clinic: string;
  id: number;
  receipt: PublicRequestReceipt | null;
  timeZone: string;
  onVerified: (status: PublicRequestStatus) => void;
}) {
  const { t } = useT();
  const id = useId();
  const [code, setCode] = useState('');
  const [isInvalid, setInvalid] = useState(false);
  const verify = useVerifyPublicRequest(clinic);
  const resend = useResendPublicRequestCode(clinic);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = OneTimeCodeSchema.safeParse(code.replace(/[\s-]/g, ''));
    setInvalid(!parsed.success);
    if (parsed.success) {
      verify.mutate({ id: requestId, code: parsed.data }, { onSuccess: onVerified });
    }
  };

  return (
    <div className="public-code">
      {receipt ? <PublicReceipt receipt={receipt} timeZone={timeZone} /> : null}
      <h2 ref={heading} tabIndex={-1}>
        {t('pub.codeTitle')}
      </h2>
      <form className="stack-form" onSubmit={submit} noValidate>
        <p id={`${id}-sent`}>{t('pub.codeSent')}</p>
        <OneTimeCodeField
          id={`${id}-code`}
          label={t('pub.codeLabel')}
          value={code}
          onChange={setCode}
          sentId={`${id}-sent`}
          error={isInvalid ? t('stepUp.codeInvalid') : null}
        />
        <RequestErrorMessage error={verify.error ?? resend.error} />
        {resend.isSuccess ? <p role="status">{t('pub.codeResent')}</p> : null}
        <p className="form-actions">
          <button type="submit" className="button" disabled={verify.isPending}>
            {t('pub.confirm')}
          </button>
          <button
            type="button"
            className="button button--quiet"
            disabled={resend.isPending}
            onClick={() => {
              verify.reset();
              resend.mutate(requestId);
            }}
          >
            {t('stepUp.resend')}
          </button>
        </p>
      </form>
    </div>
  );
}

function PublicReceipt({ receipt, timeZone }: { receipt: PublicRequestReceipt; timeZone: string }) {
  const { t, formatDate } = useT();
  const now = useNow();
  const due = receipt.extendedDueAt ?? receipt.dueAt;
  const { daysLeft } = countdownTo(due, now, timeZone);
  return (
    <div className="receipt card">
      <h2 className="receipt__title">{t('receipt.title')}</h2>
      <dl className="receipt__facts">
        <div>
          <dt>{t('receipt.reference')}</dt>
          <dd className="receipt__reference">{receipt.reference}</dd>
        </div>
        <div>
          <dt>{t('receipt.type')}</dt>
          <dd>{t(`rqType.${receipt.type}`)}</dd>
        </div>
        <div>
          <dt>{t('receipt.regime')}</dt>
          <dd>{t(`regime.${receipt.regime}`)}</dd>
        </div>
        {receipt.acknowledgeBy ? (
          <div>
            <dt>{t('receipt.acknowledgeBy')}</dt>
            <dd>{t('receipt.endOfDay', { date: formatDate(receipt.acknowledgeBy) })}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('receipt.dueAt')}</dt>
          <dd>
            {t('receipt.endOfDay', { date: formatDate(due) })} ·{' '}
            {daysLeft === 1 ? t('countdown.oneDay') : t('countdown.daysLeft', { count: daysLeft })}
          </dd>
        </div>
      </dl>
      <p>{receipt.message}</p>
    </div>
  );
}

function PublicDone({
  receipt,
  status,
  timeZone,
  onAgain,
}: {
  receipt: PublicRequestReceipt | null;
  status: PublicRequestStatus;
  timeZone: string;
  onAgain: () => void;
}) {
  const { t } = useT();
  const lead = useRef<HTMLParagraphElement>(null);
  useEffect(() => lead.current?.focus(), []);
  return (
    <div className="public-done">
      <p ref={lead} tabIndex={-1} role="status">
        <strong>
          {status.verification === 'awaiting-owner' ? t('pub.agentWaiting') : t('pub.verified')}
        </strong>
      </p>
      <p>{status.message}</p>
      {receipt ? (
        <PublicReceipt receipt={receipt} timeZone={timeZone} />
      ) : (
        <p>{t('pub.reference', { reference: status.reference })}</p>
      )}
      <p>
        <button type="button" className="button button--secondary" onClick={onAgain}>
          {t('pub.start')}
        </button>
      </p>
    </div>
  );
}

function AgentFiled({
  receipt,
  timeZone,
  onAgain,
}: {
  receipt: PublicRequestReceipt;
  timeZone: string;
  onAgain: () => void;
}) {
  const { t } = useT();
  const lead = useRef<HTMLParagraphElement>(null);
  useEffect(() => lead.current?.focus(), []);
  return (
    <div className="public-done">
      <p ref={lead} tabIndex={-1} role="status">
        <strong>{t('pub.agentFiled')}</strong>
      </p>
      <PublicReceipt receipt={receipt} timeZone={timeZone} />
      <p>
        <button type="button" className="button button--secondary" onClick={onAgain}>
          {t('pub.start')}
        </button>
      </p>
    </div>
  );
}
