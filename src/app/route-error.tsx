import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { ApiError } from '../lib/api-client.ts';
import { useT } from '../lib/i18n/i18n.tsx';
import { paths } from '../lib/paths.ts';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { MAIN_ID } from './clinic-layout.tsx';

type Kind = 'offline' | 'not-found' | 'clinic-not-found' | 'sign-in' | 'confirm-age' | 'other';

function kindOf(error: unknown, isClinicLevel: boolean): Kind {
  if (!(error instanceof ApiError)) return 'other';
  if (error.code === 'network') return 'offline';
  // An account page without a session, or before the owner confirmed their age: not an
  // error to explain but a step to take first, after which the owner comes back here.
  if (error.status === 401 && !isClinicLevel) return 'sign-in';
  if (error.code === 'age-confirmation-required' && !isClinicLevel) return 'confirm-age';
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
  const queryClient = useQueryClient();
  const { clinic } = useParams();
  const { pathname, search } = useLocation();
  const kind = kindOf(error, isClinicLevel);
  if (clinic && (kind === 'sign-in' || kind === 'confirm-age')) {
    const next = pathname + search;
    const to = kind === 'sign-in' ? paths.signIn(clinic, next) : paths.confirmAge(clinic, next);
    return <RedirectAfterReset queryClient={queryClient} to={to} />;
  }
  return <ErrorPage error={error} kind={kind} isClinicLevel={isClinicLevel} onRetry={onRetry} />;
}

/**
 * The failed answers stay in the cache, and a query that failed is not asked again on the
 * next mount: forget them, so the page asks again once the owner has signed in.
 */
function RedirectAfterReset({ queryClient, to }: { queryClient: QueryClient; to: string }) {
  useEffect(() => {
    queryClient.removeQueries({ predicate: (query) => query.state.status === 'error' });
  }, [queryClient]);
  return <Navigate replace to={to} />;
}

function ErrorPage({
  error,
  kind,
  isClinicLevel,
  onRetry,
}: {
  error: unknown;
  kind: Kind;
  isClinicLevel: boolean;
  onRetry: () => void;
}) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const { clinic } = useParams();

  const title = {
    offline: t('error.offlineTitle'),
    'not-found': t('error.notFoundTitle'),
    'clinic-not-found': t('error.clinicNotFoundTitle'),
    'sign-in': t('error.title'),
    'confirm-age': t('error.title'),
    other: t('error.title'),
  }[kind];
  const body = {
    offline: t('error.offlineBody'),
    'not-found': t('error.notFoundBody'),
    'clinic-not-found': t('error.clinicNotFoundBody'),
    'sign-in': t('error.body'),
    'confirm-age': t('error.body'),
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
