import { describeApiError } from '../../../components/ui/api-error-message.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useT, type MessageKey } from '../../../lib/i18n/i18n.tsx';

/** The staff actions' refusals, in the reader's language (the server's sentences are English). */
const CONSOLE_CODES: Partial<Record<string, MessageKey>> = {
  'staff-only': 'rqError.staffOnly',
  forbidden: 'rqError.forbidden',
  'not-found': 'rqError.notFound',
  'request-closed': 'con.error.closed',
  'invalid-transition': 'rqError.invalidTransition',
  'already-verified': 'con.error.alreadyVerified',
  'owner-confirmation-required': 'con.error.ownerConfirmation',
  'already-extended': 'con.error.alreadyExtended',
  'extension-too-late': 'con.error.extensionTooLate',
  'not-verified': 'con.error.notVerified',
  'invalid-request': 'rqError.invalidRequest',
};

export function ConsoleErrorMessage({ error }: { error: unknown }) {
  const i18n = useT();
  if (!error) return null;
  const key = error instanceof ApiError ? CONSOLE_CODES[error.code] : undefined;
  const { sentence, detail } =
    error instanceof ApiError && key
      ? i18n.locale === 'en'
        ? { sentence: error.message, detail: null }
        : { sentence: i18n.t(key as 'rqError.forbidden'), detail: error.message }
      : describeApiError(error, i18n);
  return (
    <div className="form-error" role="alert">
      <p>{sentence}</p>
      {detail ? (
        <p className="form-error__detail">
          {i18n.t('apiError.detail')} <span lang="en">{detail}</span>
        </p>
      ) : null}
    </div>
  );
}
