import { ApiError } from '../../lib/api-client.ts';
import { useT, type I18n } from '../../lib/i18n/i18n.tsx';

/** Codes of the API whose meaning we can say in the owner's language. */
const KNOWN_CODES = {
  'invalid-code': 'apiError.invalidCode',
  'too-many-attempts': 'apiError.tooManyAttempts',
  locked: 'apiError.locked',
  'same-email': 'apiError.sameEmail',
  'email-taken': 'apiError.emailTaken',
  'invalid-birth-date': 'apiError.invalidBirthDate',
  'invalid-request': 'apiError.invalidRequest',
  'not-found': 'apiError.notFound',
  unauthenticated: 'apiError.unauthenticated',
} as const;

function isKnownCode(code: string): code is keyof typeof KNOWN_CODES {
  return code in KNOWN_CODES;
}

interface Described {
  sentence: string;
  /** The server's own sentence, when it says more than ours (e.g. how many tries are left). */
  detail: string | null;
}

export function describeApiError(error: unknown, { t, locale }: I18n): Described {
  if (!(error instanceof ApiError) || error.code === 'bad-response') {
    return { sentence: t('apiError.unknown'), detail: null };
  }
  if (error.code === 'network') return { sentence: t('apiError.network'), detail: null };
  if (error.code === 'rate-limited') {
    const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
    return { sentence: t('apiError.rateLimited', { minutes }), detail: null };
  }
  // The API's messages are sentences written for people, in English.
  if (locale === 'en') return { sentence: error.message, detail: null };
  if (isKnownCode(error.code)) {
    return { sentence: t(KNOWN_CODES[error.code]), detail: error.message };
  }
  return { sentence: t('apiError.unknown'), detail: error.message };
}

/**
 * Why a request failed, in words an owner can act on. Announced when it appears, unless it
 * sits inside a region that is announced already (`isAnnounced={false}`).
 */
export function ApiErrorMessage({
  error,
  id,
  isAnnounced = true,
}: {
  error: unknown;
  id?: string;
  isAnnounced?: boolean;
}) {
  const i18n = useT();
  if (!error) return null;
  const { sentence, detail } = describeApiError(error, i18n);
  return (
    <div className="form-error" role={isAnnounced ? 'alert' : undefined} id={id}>
      <p>{sentence}</p>
      {detail ? (
        <p className="form-error__detail">
          {i18n.t('apiError.detail')} <span lang="en">{detail}</span>
        </p>
      ) : null}
    </div>
  );
}
