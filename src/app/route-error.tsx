import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError } from '../lib/api-client.ts';
import { useT } from '../lib/i18n/i18n.tsx';
import { paths } from '../lib/paths.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { MAIN_ID } from './clinic-layout.tsx';

type Kind = 'offline' | 'not-found' | 'clinic-not-found' | 'other';

function kindOf(error: unknown, isClinicLevel: boolean): Kind {
  if (!(error instanceof ApiError)) return 'other';
  if (error.code === 'network') return 'offline';
  if (error.status === 404) return isClinicLevel ? 'clinic-not-found' : 'not-found';
  return 'other';
}

/**
 * The error boundary of every route: a sentence a pet owner can act on, never a stack.
 * `isClinicLevel` is set where the clinic itself failed to load, so there is no header.
 */
export function RouteError({
  error,
  isClinicLevel = false,
  onRetry,
}: {
  error: unknown;
  isClinicLevel?: boolean;
  onRetry: () => void;
}) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const { clinic } = useParams();
  const kind = kindOf(error, isClinicLevel);

  const title = {
    offline: t('error.offlineTitle'),
    'not-found': t('error.notFoundTitle'),
    'clinic-not-found': t('error.clinicNotFoundTitle'),
    other: t('error.title'),
  }[kind];
  const body = {
    offline: t('error.offlineBody'),
    'not-found': t('error.notFoundBody'),
    'clinic-not-found': t('error.clinicNotFoundBody'),
    other: t('error.body'),
  }[kind];
  useDocumentTitle(title);

  const retry = () => {
    // Forget the failed queries, then render the route again.
    void queryClient
      .resetQueries({ predicate: (query) => query.state.status === 'error' })
      .finally(onRetry);
  };

  const content = (
    <div className="route-error">
      <h1>{title}</h1>
      <p>{body}</p>
      {kind === 'other' && error instanceof ApiError && error.code !== 'bad-response' ? (
        <p className="muted">{t('error.serverMessage', { message: error.message })}</p>
      ) : null}
      <p className="route-error__actions">
        {kind !== 'not-found' && kind !== 'clinic-not-found' ? (
          <button type="button" className="button" onClick={retry}>
            {t('error.retry')}
          </button>
        ) : null}
        <Link
          className="text-link"
          to={clinic && kind !== 'clinic-not-found' ? paths.clinic(clinic) : '/'}
        >
          {t('error.home')}
        </Link>
      </p>
    </div>
  );

  // Inside the clinic layout the page already has a <main>; at clinic level it has none.
  return isClinicLevel ? (
    <main id={MAIN_ID} tabIndex={-1} className="site-main site-main--bare">
      {content}
    </main>
  ) : (
    content
  );
}
