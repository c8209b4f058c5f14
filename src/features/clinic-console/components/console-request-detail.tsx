import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { StaffRequestDetail, TimelineEntry } from '../../../contract/requests.ts';
import { formatInstantIn } from '../../../lib/calendar-days.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useNow } from '../../../lib/use-now.ts';
import { useConsoleRequest } from '../api/get-console-request.ts';
import { useStaffAction, type StaffAction } from '../api/request-action.ts';
import { ConsoleErrorMessage } from './console-error-message.tsx';
import { DaysLeft } from './request-queue.tsx';

type ActionName = StaffAction['action'];

const isOpen = (request: StaffRequestDetail) =>
  request.status !== 'completed' && request.status !== 'denied';

/** What staff may do now; the server checks the same rules and says why when it refuses. */
function availableActions(request: StaffRequestDetail, now: number): ActionName[] {
  if (!isOpen(request)) return [];
  const actions: ActionName[] = [];
  if (request.verification === 'awaiting-code' || request.verification === 'awaiting-staff') {
    actions.push('verify');
  }
  if (request.status === 'verified') actions.push('start');
  // Once, inside the first period (GDPR Art. 12(3); CCPA §1798.130(a)(2)).
  if (request.extendedDueAt === null && now <= new Date(request.extensionNoticeBy).getTime()) {
    actions.push('extend');
  }
  if (request.verification === 'verified') actions.push('complete');
  actions.push('deny');
  return actions;
}

export function ConsoleRequestDetail({
  clinic,
  id,
  timeZone,
}: {
  clinic: string;
  id: number;
  timeZone: string;
}) {
  const { t, formatDate, locale } = useT();
  const now = useNow();
  const request = useConsoleRequest(clinic, id).data.data;
  const endOf = (iso: string) => t('receipt.endOfDay', { date: formatDate(iso) });
  const detailsId = useId();
  const timelineId = useId();
  const { note, corrections } = request.details;

  return (
    <div className="console-detail">
      <p className="console-detail__status">
        <span className="status-tag">{t(`rqStatus.${request.status}`)}</span>{' '}
        <DaysLeft request={request} />
      </p>
      <dl className="receipt__facts card">
        <div>
          <dt>{t('receipt.reference')}</dt>
          <dd className="receipt__reference">{request.reference}</dd>
        </div>
        <div>
          <dt>{t('con.requester')}</dt>
          <dd>
            {request.isPseudonymised
              ? t('con.pseudonymised')
              : [request.subject.name, request.subject.email, request.subject.phone]
                  .filter(Boolean)
                  .join(' · ') || '—'}
            {' · '}
            {request.subject.userId ? t('con.requesterAccount') : t('con.requesterPublic')}
          </dd>
        </div>
        {request.agent ? (
          <div>
            <dt>{t('con.agent')}</dt>
            <dd>
              {request.agent.name} · {request.agent.email}
              <br />
              {request.agent.signedPermission}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('con.verification')}</dt>
          <dd>{t(`verification.${request.verification}`)}</dd>
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
          <dd>{endOf(request.dueAt)}</dd>
        </div>
        {request.extendedDueAt ? (
          <div>
            <dt>{t('receipt.extendedDueAt')}</dt>
            <dd>{endOf(request.extendedDueAt)}</dd>
          </div>
        ) : (
          <div>
            <dt>{t('con.extendBy')}</dt>
            <dd>{endOf(request.extensionNoticeBy)}</dd>
          </div>
        )}
      </dl>

      {note || corrections?.length ? (
        <section aria-labelledby={detailsId}>
          <h2 id={detailsId}>{t('con.requestDetails')}</h2>
          {corrections?.length ? (
            <ul>
              {corrections.map((correction, index) => (
                <li key={index}>
                  {t('con.correction', {
                    field: correction.field,
                    current: correction.old ?? '—',
                    corrected: correction.new,
                  })}
                </li>
              ))}
            </ul>
          ) : null}
          {note ? <p className="request-details__note">{note}</p> : null}
        </section>
      ) : null}

      <StaffActions clinic={clinic} request={request} now={now} />

      <section aria-labelledby={timelineId}>
        <h2 id={timelineId}>{t('con.timeline')}</h2>
        <StaffTimeline request={request} timeZone={timeZone} />
      </section>
    </div>
  );
}

function StaffTimeline({ request, timeZone }: { request: StaffRequestDetail; timeZone: string }) {
  const { t, formatDate, locale } = useT();
  const who = (entry: TimelineEntry) =>
    entry.actorName ??
    {
      owner: t('con.owner'),
      person: t('con.requesterPublic'),
      agent: t('con.agent'),
      staff: t('actor.staff'),
      system: t('con.system'),
    }[entry.actor];
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
              {entry.kind === 'completed' || entry.kind === 'verified'
                ? t('event.note', { note: entry.note })
                : t('event.reason', { reason: entry.note })}
            </p>
          ) : null}
          <p className="timeline__meta">
            {t('con.by', {
              name: who(entry),
              datetime: formatInstantIn(locale, entry.at, timeZone),
            })}
          </p>
        </li>
      ))}
    </ol>
  );
}

function StaffActions({
  clinic,
  request,
  now,
}: {
  clinic: string;
  request: StaffRequestDetail;
  now: number;
}) {
  const { t, formatDate } = useT();
  const id = useId();
  const mutation = useStaffAction(clinic, request.id);
  const [open, setOpen] = useState<ActionName | null>(null);
  const [text, setText] = useState('');
  const [isMissing, setMissing] = useState(false);
  const [done, setDone] = useState('');
  const doneRef = useRef<HTMLParagraphElement>(null);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const actions = availableActions(request, now);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  useEffect(() => {
    if (open) fieldRef.current?.focus();
  }, [open]);

  const needsReason = open === 'extend' || open === 'deny';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!open) return;
    const value = text.trim();
    const tooShort = needsReason && value.length < 5;
    setMissing(tooShort);
    if (tooShort) return;
    const action: StaffAction =
      open === 'extend' || open === 'deny'
        ? { action: open, reason: value }
        : open === 'start'
          ? { action: 'start' }
          : value
            ? { action: open, note: value }
            : { action: open };
    mutation.mutate(action, {
      onSuccess: (updated) => {
        setOpen(null);
        setText('');
        setDone(
          action.action === 'extend'
            ? t('con.done.extend', { date: formatDate(updated.extendedDueAt ?? updated.dueAt) })
            : t(`con.done.${action.action}`),
        );
      },
    });
  };

  const label: Record<ActionName, string> = {
    verify: t('con.verify'),
    start: t('con.start'),
    extend: t('con.extend'),
    complete: t('con.complete'),
    deny: t('con.deny'),
  };
  const isExport = request.type === 'access' || request.type === 'portability';

  return (
    <section className="staff-actions" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('con.actions')}</h2>
      <p ref={doneRef} tabIndex={-1} role="status" className="form-status">
        {done}
      </p>
      {actions.length === 0 ? <p className="muted">{t('con.closed')}</p> : null}
      {isOpen(request) && !actions.includes('extend') ? (
        <p className="muted">
          {request.extendedDueAt ? t('con.extendDone') : t('con.extendUnavailable')}
        </p>
      ) : null}
      {open === null ? (
        <p className="form-actions">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={`button ${action === 'deny' ? 'button--secondary' : action === 'complete' ? '' : 'button--secondary'}`}
              onClick={() => {
                mutation.reset();
                setMissing(false);
                setText('');
                setDone('');
                setOpen(action);
              }}
            >
              {label[action]}
            </button>
          ))}
        </p>
      ) : (
        <form className="stack-form card" onSubmit={submit} noValidate>
          <h3>{label[open]}</h3>
          {open === 'extend' ? <p>{t('con.extendHint')}</p> : null}
          {open === 'complete' && isExport ? <p>{t('con.completeExport')}</p> : null}
          {open === 'verify' ? <p>{t('con.verifyHint')}</p> : null}
          {open === 'deny' ? (
            <div className="notice">
              <p>{t('con.denyStatement')}</p>
              <p>
                <em>{request.rightToComplain ?? t('request.complaint')}</em>
              </p>
            </div>
          ) : null}
          {open !== 'start' ? (
            <div className="field">
              <label htmlFor={`${id}-text`}>
                {open === 'extend'
                  ? t('con.extendReason')
                  : open === 'deny'
                    ? t('con.denyReason')
                    : open === 'verify'
                      ? t('con.verifyNote')
                      : t('con.completeNote')}
              </label>
              <textarea
                ref={fieldRef}
                id={`${id}-text`}
                rows={3}
                maxLength={2000}
                value={text}
                aria-invalid={isMissing || undefined}
                aria-describedby={isMissing ? `${id}-missing` : undefined}
                onChange={(event) => setText(event.target.value)}
              />
              {isMissing ? (
                <p className="field__error" id={`${id}-missing`}>
                  {t('con.reasonMissing')}
                </p>
              ) : null}
            </div>
          ) : null}
          <ConsoleErrorMessage error={mutation.error} />
          <p className="form-actions">
            <button
              type="submit"
              className={`button${open === 'deny' ? ' button--danger' : ''}`}
              disabled={mutation.isPending}
            >
              {mutation.isPending ? t('con.saving') : label[open]}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setOpen(null)}>
              {t('common.cancel')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
