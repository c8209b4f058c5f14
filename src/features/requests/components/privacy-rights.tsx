import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { CreateRequest, RequestType } from '../../../contract/requests.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { paths } from '../../../lib/paths.ts';
import { useFileRequest } from '../api/file-request.ts';
import { AccessCounter } from './access-counter.tsx';
import { FilingStatus } from './filing-status.tsx';

/** The rights an owner files from this screen; deletion has its own, with a fresh code. */
const RIGHTS = [
  'access',
  'portability',
  'rectification',
  'erasure',
  'restriction',
  'objection',
] as const satisfies readonly RequestType[];

/**
 * Each right in plain words, with a form to ask for it. A request filed offline waits on this
 * phone (FilingStatus says so) and is sent when the network returns.
 */
export function PrivacyRights({ clinic, timeZone }: { clinic: string; timeZone: string }) {
  const { t } = useT();
  const { file } = useFileRequest();
  const [openForm, setOpenForm] = useState<RequestType | null>(null);
  const [submitted, setSubmitted] = useState(0);
  const status = useRef<HTMLDivElement>(null);

  // The form closes on sending: focus goes to where its fate is told (sending, queued on this
  // phone, refused); a receipt takes it from there when it arrives.
  useEffect(() => {
    if (submitted > 0) status.current?.focus();
  }, [submitted]);

  const submit = (request: CreateRequest) => {
    setOpenForm(null);
    file(request);
    setSubmitted((count) => count + 1);
  };

  return (
    <div className="privacy-rights">
      <div ref={status} tabIndex={-1} className="privacy-rights__status">
        <FilingStatus clinic={clinic} timeZone={timeZone} />
      </div>
      <ul className="rights-list">
        {RIGHTS.map((type) => (
          <li key={type} className="right card">
            <h2 className="right__name">{t(`rights.${type}.name`)}</h2>
            <p className="right__about">{t(`rights.${type}.about`)}</p>
            {type === 'access' ? <AccessCounter /> : null}
            {type === 'erasure' ? (
              <p>
                <Link className="button button--secondary" to={paths.deleteAccount(clinic)}>
                  {t('rights.deleteLink')}
                </Link>
              </p>
            ) : openForm === type ? (
              <RequestForm type={type} onSubmit={submit} onCancel={() => setOpenForm(null)} />
            ) : (
              <p>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setOpenForm(type)}
                >
                  {t('rights.ask', { right: t(`rights.${type}.name`) })}
                </button>
              </p>
            )}
            {type === 'portability' ? (
              <p>
                <Link className="text-link" to={paths.downloadData(clinic)}>
                  {t('rights.downloadLink')}
                </Link>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="muted">{t('rights.complaint')}</p>
    </div>
  );
}

function RequestForm({
  type,
  onSubmit,
  onCancel,
}: {
  type: Exclude<RequestType, 'erasure'>;
  onSubmit: (request: CreateRequest) => void;
  onCancel: () => void;
}) {
  const { t } = useT();
  const id = useId();
  const [note, setNote] = useState('');
  const [field, setField] = useState('');
  const [current, setCurrent] = useState('');
  const [corrected, setCorrected] = useState('');
  const [isIncomplete, setIncomplete] = useState(false);
  const first = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmedNote = note.trim();
    if (type === 'rectification') {
      const isMissing = field.trim() === '' || corrected.trim() === '';
      setIncomplete(isMissing);
      if (isMissing) return;
      onSubmit({
        type,
        details: {
          ...(trimmedNote ? { note: trimmedNote } : {}),
          corrections: [
            { field: field.trim(), old: current.trim() || null, new: corrected.trim() },
          ],
        },
      });
      return;
    }
    onSubmit(trimmedNote ? { type, details: { note: trimmedNote } } : { type });
  };

  return (
    <form className="stack-form request-form" onSubmit={submit} noValidate>
      <h3 className="visually-hidden">
        {t('rights.formTitle', { right: t(`rights.${type}.name`) })}
      </h3>
      {type === 'rectification' ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-field`}>{t('rights.field')}</label>
            <p className="field__hint" id={`${id}-field-hint`}>
              {t('rights.fieldHint')}
            </p>
            <input
              ref={first}
              id={`${id}-field`}
              type="text"
              value={field}
              maxLength={80}
              aria-describedby={`${id}-field-hint${isIncomplete ? ` ${id}-error` : ''}`}
              aria-invalid={(isIncomplete && field.trim() === '') || undefined}
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
              aria-describedby={isIncomplete ? `${id}-error` : undefined}
              aria-invalid={(isIncomplete && corrected.trim() === '') || undefined}
              onChange={(event) => setCorrected(event.target.value)}
            />
          </div>
          {isIncomplete ? (
            <p className="field__error" id={`${id}-error`}>
              {t('rights.rectificationMissing')}
            </p>
          ) : null}
        </>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('rights.details')}</label>
        <textarea
          ref={type === 'rectification' ? undefined : first}
          id={`${id}-note`}
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <p className="form-actions">
        <button type="submit" className="button">
          {t('rights.submit')}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}
