import { describeApiError } from '../../../components/ui/api-error-message.tsx';
import { AccessLimitErrorSchema } from '../../../contract/requests.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { useT, type I18n, type MessageKey } from '../../../lib/i18n/i18n.tsx';

/** The request API's codes, said in the owner's language (the server's sentences are English). */
const REQUEST_CODES: Partial<Record<string, MessageKey>> = {
  'step-up-required': 'rqError.stepUpRequired',
  'step-up-expired': 'rqError.stepUpExpired',
  'invalid-code': 'rqError.invalidCode',
  'too-many-attempts': 'rqError.tooManyAttempts',
  forbidden: 'rqError.forbidden',
  'staff-only': 'rqError.staffOnly',
  'owners-only': 'rqError.ownersOnly',
  'not-found': 'rqError.notFound',
  'invalid-transition': 'rqError.invalidTransition',
  'already-extended': 'rqError.extensionNotAllowed',
  'extension-too-late': 'rqError.extensionNotAllowed',
  'corrections-required': 'rqError.correctionsRequired',
  'corrections-not-allowed': 'rqError.correctionsNotAllowed',
  'invalid-correction': 'rqError.invalidCorrection',
  'nothing-to-confirm': 'rqError.nothingToConfirm',
  'invalid-request': 'rqError.invalidRequest',
};

export function describeRequestError(
  error: unknown,
  i18n: I18n,
): { sentence: string; detail: string | null } {
  if (error instanceof ApiError) {
    const key = REQUEST_CODES[error.code];
    if (key) {
      // English: the server's own sentence, which may say more (how many tries are left).
      return i18n.locale === 'en'
        ? { sentence: error.message, detail: null }
        : { sentence: i18n.t(key as 'rqError.forbidden'), detail: error.message };
    }
  }
  return describeApiError(error, i18n);
}

/**
 * Why a request failed, in words the reader can act on. A refused access request (CCPA: a
 * third within 12 months) also says from when the next one is possible, in the clinic's zone.
 */
export function RequestErrorMessage({
  error,
  nextAvailableAt,
  isAnnounced = true,
}: {
  error: unknown;
  nextAvailableAt?: string | null | undefined;
  isAnnounced?: boolean;
}) {
  const i18n = useT();
  if (!error) return null;
  const { t, formatDate, locale } = i18n;
  let sentence: string;
  let detail: string | null;
  let nextLine: string | null = null;
  if (error instanceof ApiError && error.code === 'access-limit') {
    // The refusal's own date first: the allowance on screen may be older than the refusal.
    const refusal = AccessLimitErrorSchema.safeParse({
      code: error.code,
      message: error.message,
      ...error.details,
    });
    const next = refusal.success ? refusal.data.nextAvailableAt : nextAvailableAt;
    const date = next ? formatDate(next) : null;
    if (locale === 'en') {
      // The server's sentence, and the date on the clinic's calendar.
      sentence = error.message;
      detail = null;
      nextLine = date ? t('allowance.next', { date }) : null;
    } else {
      sentence = date ? t('rqError.accessLimit', { date }) : t('apiError.unknown');
      detail = error.message;
    }
  } else {
    ({ sentence, detail } = describeRequestError(error, i18n));
  }
  return (
    <div className="form-error" role={isAnnounced ? 'alert' : undefined}>
      <p>{sentence}</p>
      {nextLine ? <p>{nextLine}</p> : null}
      {detail ? (
        <p className="form-error__detail">
          {t('apiError.detail')} <span lang="en">{detail}</span>
        </p>
      ) : null}
    </div>
  );
}
