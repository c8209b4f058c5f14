import { useId, useState, type FormEvent } from 'react';
import {
  MAX_PUSH_PAYLOAD_BYTES,
  MAX_UPDATE_TITLE_LENGTH,
  UpdateInputSchema,
  type UpdateInput,
  type Urgency,
} from '../../../contract/push.ts';
import { MARKETING_CATEGORIES, type Category } from '../../../contract/preferences.ts';
import { ApiErrorMessage } from '../../../components/ui/api-error-message.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { paths } from '../../../lib/paths.ts';
import { useSendUpdate } from '../api/send-update.ts';
import { payloadBytes } from '../lib/payload-size.ts';
import { isInClinicScope } from '../lib/update-link.ts';

/** What staff may send as a clinic update; service messages go through their own paths. */
const CATEGORIES = [
  'clinic-news',
  'reminders',
  'marketing',
  'surveys',
  'partner-offers',
] as const satisfies readonly Category[];
const URGENCIES = ['normal', 'high', 'low', 'very-low'] as const satisfies readonly Urgency[];

/**
 * Compose a clinic update: title, message, an optional link inside the app, the kind (which
 * decides who gets it) and urgency. The size is checked as it is typed against the Web Push
 * limit, and a 413 from the server is explained in words.
 */
export function SendUpdateForm({ clinic }: { clinic: string }) {
  const { t } = useT();
  const id = useId();
  const send = useSendUpdate(clinic);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [url, setUrl] = useState('');
  const [category, setCategory] = useState<Category>('clinic-news');
  const [urgency, setUrgency] = useState<Urgency>('normal');
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState('');

  const used = payloadBytes({ clinic, title, body, url, category });
  const over = used - MAX_PUSH_PAYLOAD_BYTES;
  const isMarketing = (MARKETING_CATEGORIES as readonly Category[]).includes(category);
  const prefix = paths.clinic(clinic);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSent('');
    const link = url.trim();
    if (link && !isInClinicScope(clinic, link)) {
      setProblem(t('console.updates.urlOutside', { prefix }));
      return;
    }
    if (over > 0) {
      setProblem(t('console.updates.tooLarge', { over }));
      return;
    }
    const parsed = UpdateInputSchema.safeParse({
      title,
      body,
      ...(link ? { url: link } : {}),
      category,
      urgency,
    } satisfies UpdateInput);
    if (!parsed.success) {
      setProblem(t('console.updates.required'));
      return;
    }
    setProblem(null);
    send.mutate(parsed.data, {
      onSuccess: () => {
        setSent(t('console.updates.sent', { title: parsed.data.title }));
        setTitle('');
        setBody('');
        setUrl('');
      },
    });
  };

  const isTooLarge = send.error instanceof ApiError && send.error.status === 413;

  return (
    <form className="stack-form send-update" onSubmit={submit} noValidate>
      <h2>{t('console.updates.formTitle')}</h2>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('console.updates.fieldTitle')}</label>
        <input
          id={`${id}-title`}
          type="text"
          required
          maxLength={MAX_UPDATE_TITLE_LENGTH}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t('console.updates.fieldBody')}</label>
        <textarea
          id={`${id}-body`}
          required
          rows={5}
          value={body}
          aria-describedby={`${id}-size`}
          aria-invalid={over > 0 ? true : undefined}
          onChange={(event) => setBody(event.target.value)}
        />
        <p id={`${id}-size`} className={over > 0 ? 'field__error' : 'field__hint'}>
          {over > 0
            ? t('console.updates.tooLarge', { over })
            : t('console.updates.size', { used, max: MAX_PUSH_PAYLOAD_BYTES })}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('console.updates.fieldUrl')}</label>
        <input
          id={`${id}-url`}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder={prefix}
          value={url}
          aria-describedby={`${id}-url-hint`}
          onChange={(event) => setUrl(event.target.value)}
        />
        <p id={`${id}-url-hint`} className="field__hint">
          {t('console.updates.fieldUrlHint', { prefix })}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-category`}>{t('console.updates.fieldCategory')}</label>
        <select
          id={`${id}-category`}
          value={category}
          aria-describedby={isMarketing ? `${id}-marketing` : undefined}
          onChange={(event) => setCategory(event.target.value as Category)}
        >
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`updates.category.${c}`)}
            </option>
          ))}
        </select>
        {isMarketing ? (
          <p id={`${id}-marketing`} className="field__hint">
            {t('console.updates.marketingNote')}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-urgency`}>{t('console.updates.fieldUrgency')}</label>
        <select
          id={`${id}-urgency`}
          value={urgency}
          onChange={(event) => setUrgency(event.target.value as Urgency)}
        >
          {URGENCIES.map((u) => (
            <option key={u} value={u}>
              {t(`console.updates.urgency.${u}`)}
            </option>
          ))}
        </select>
      </div>
      {problem ? (
        <div className="form-error" role="alert">
          <p>{problem}</p>
        </div>
      ) : null}
      {isTooLarge ? (
        <div className="form-error" role="alert">
          <p>{t('console.updates.payloadTooLarge')}</p>
        </div>
      ) : (
        <ApiErrorMessage error={send.error} />
      )}
      <p role="status" className="form-status">
        {sent}
      </p>
      <div className="form-actions">
        <button type="submit" className="button" disabled={send.isPending}>
          {send.isPending ? t('console.updates.sending') : t('console.updates.send')}
        </button>
      </div>
    </form>
  );
}
