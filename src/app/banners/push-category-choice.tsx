import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Category } from '../../contract/preferences.ts';
import { ApiError } from '../../lib/api-client.ts';
import { useT, type I18n } from '../../lib/i18n/i18n.tsx';
import { sessionKeys } from '../../lib/private-keys.ts';
import { enablePush, PushSetupError } from '../../lib/push.ts';

function explain(error: unknown, { t, locale }: I18n): string {
  if (error instanceof PushSetupError && error.code === 'no-service-worker') {
    return t('push.errorNoWorker');
  }
  if (error instanceof ApiError) {
    if (error.code === 'network') return t('push.errorNetwork');
    // The API's messages are sentences for people, in English.
    if (locale === 'en' && error.code !== 'bad-response') return error.message;
  }
  return t('push.errorFailed');
}

/**
 * After the browser allowed notifications: which kinds. Clinic news is ticked; marketing is
 * not, and is sent only when ticked here, because PRIVACY-RULES.md wants an opt-in for
 * marketing push that is separate from the browser's permission prompt.
 */
export function PushCategoryChoice({
  clinic,
  onEnabled,
}: {
  clinic: string;
  onEnabled: () => void;
}) {
  const i18n = useT();
  const { t } = i18n;
  const queryClient = useQueryClient();
  const id = useId();
  const [isNewsOn, setNewsOn] = useState(true);
  const [isMarketingOn, setMarketingOn] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const firstChoice = useRef<HTMLInputElement>(null);
  // The Enable button that had focus is gone: the question that replaced it gets it.
  useEffect(() => firstChoice.current?.focus(), []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const categories: Category[] = [
      ...(isNewsOn ? (['clinic-news'] as const) : []),
      ...(isMarketingOn ? (['marketing'] as const) : []),
    ];
    if (categories.length === 0) {
      setMessage(t('push.chooseNone'));
      return;
    }
    setBusy(true);
    setMessage(null);
    enablePush(clinic, categories)
      .then(() => {
        // A signed-in owner's preferences changed on the server (push switched on).
        void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
        onEnabled();
      })
      .catch((error: unknown) => setMessage(explain(error, i18n)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="push-choice" onSubmit={submit} aria-busy={isBusy}>
      <fieldset>
        <legend>{t('push.chooseLegend')}</legend>
        <div className="push-choice__option">
          <input
            ref={firstChoice}
            id={`${id}-news`}
            type="checkbox"
            checked={isNewsOn}
            aria-describedby={`${id}-news-hint`}
            onChange={(event) => setNewsOn(event.target.checked)}
          />
          <label htmlFor={`${id}-news`}>{t('push.chooseNews')}</label>
          <p id={`${id}-news-hint`} className="push-choice__hint">
            {t('push.chooseNewsHint')}
          </p>
        </div>
        <div className="push-choice__option">
          <input
            id={`${id}-marketing`}
            type="checkbox"
            checked={isMarketingOn}
            aria-describedby={`${id}-marketing-hint`}
            onChange={(event) => setMarketingOn(event.target.checked)}
          />
          <label htmlFor={`${id}-marketing`}>{t('push.chooseMarketing')}</label>
          <p id={`${id}-marketing-hint`} className="push-choice__hint">
            {t('push.chooseMarketingHint')}
          </p>
        </div>
      </fieldset>
      <p role="alert" className="push-choice__error">
        {message ?? ''}
      </p>
      <button type="submit" className="button" disabled={isBusy}>
        {isBusy ? t('push.subscribing') : t('push.chooseSubmit')}
      </button>
    </form>
  );
}
