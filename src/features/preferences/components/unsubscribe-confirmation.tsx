import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiErrorMessage } from '../../../components/ui/api-error-message.tsx';
import { PageLoading } from '../../../components/ui/page-loading.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { paths } from '../../../lib/paths.ts';
import { useUnsubscribePreview } from '../api/get-unsubscribe-preview.ts';
import { useUnsubscribe } from '../api/unsubscribe.ts';

/**
 * The page behind the link in an email: says exactly what it turns off, and does it with one
 * button, without signing in (withdrawing must be as easy as giving, GDPR Art. 7(3)).
 */
export function UnsubscribeConfirmation({ clinic, token }: { clinic: string; token: string }) {
  const { t } = useT();
  const preview = useUnsubscribePreview(token);
  const unsubscribe = useUnsubscribe(token);

  if (preview.isPending) return <PageLoading />;
  if (preview.isError) {
    const status = preview.error instanceof ApiError ? preview.error.status : 0;
    if (status === 404) {
      return (
        <div className="unsubscribe">
          <p className="lead">{t('unsubscribe.accountClosed')}</p>
        </div>
      );
    }
    return (
      <div className="unsubscribe">
        {status === 400 ? (
          <>
            <p className="lead">{t('unsubscribe.badLink')}</p>
            <p>{t('unsubscribe.badLinkHelp')}</p>
            <p>
              <Link className="text-link" to={paths.preferences(clinic)}>
                {t('unsubscribe.allChoices')}
              </Link>
            </p>
          </>
        ) : (
          <ApiErrorMessage error={preview.error} />
        )}
      </div>
    );
  }

  const { category, channel, enabled } = preview.data.data;
  const what = {
    messages: t(`pref.phrase.${category}`),
    channel: t(`pref.by.${channel}`),
  };
  const allChoices = (
    <p>
      <Link className="text-link" to={paths.preferences(clinic)}>
        {t('unsubscribe.allChoices')}
      </Link>
    </p>
  );

  // Already off (the link was used before, or the owner changed it in the app).
  if (!enabled && !unsubscribe.isSuccess) {
    return (
      <div className="unsubscribe">
        <p className="lead">
          <strong>{t('unsubscribe.done', what)}</strong>
        </p>
        <p>{t('unsubscribe.alreadyOff')}</p>
        {allChoices}
      </div>
    );
  }

  if (unsubscribe.isSuccess) {
    return (
      <Confirmation>
        <p className="lead">
          <strong>{t('unsubscribe.done', what)}</strong>
        </p>
        {unsubscribe.data.changed ? null : <p>{t('unsubscribe.already')}</p>}
        <p>{t('unsubscribe.elsewhere')}</p>
        {allChoices}
      </Confirmation>
    );
  }

  return (
    <div className="unsubscribe">
      <p className="lead">
        {t('unsubscribe.what', { ...what, clinic: preview.data.data.clinic.name })}
      </p>
      <ApiErrorMessage error={unsubscribe.error} />
      <p className="form-actions">
        <button
          type="button"
          className="button"
          disabled={unsubscribe.isPending}
          onClick={() => unsubscribe.mutate()}
        >
          {t('unsubscribe.button')}
        </button>
      </p>
      <p className="muted">{t('unsubscribe.noSignIn')}</p>
    </div>
  );
}

/** Replaces the button that was just pressed, so focus moves to what it did. */
function Confirmation({ children }: { children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div className="unsubscribe" role="status" tabIndex={-1} ref={box}>
      {children}
    </div>
  );
}
