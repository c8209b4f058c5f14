import { lazy, type ComponentType } from 'react';
import { Route, Routes } from 'react-router';
import { loadAccountMessages } from '../lib/i18n/i18n.tsx';
import { ClinicLayout } from './clinic-layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RootRedirect } from './root-redirect.tsx';
import { RouteErrorBoundary } from './route-error-boundary.tsx';
import { PoliciesRoute } from './routes/policies-route.tsx';
import { PolicyRoute } from './routes/policy-route.tsx';

// The archive and the diff load on demand (and are precached for offline use).
const ArchiveRoute = lazy(async () => ({
  default: (await import('./routes/archive-route.tsx')).ArchiveRoute,
}));
const DiffRoute = lazy(async () => ({
  default: (await import('./routes/diff-route.tsx')).DiffRoute,
}));

/**
 * The owner's account screens: each is its own chunk, loaded with the account messages (in
 * parallel), so none of it is in the policy reader's first download.
 */
function lazyAccountScreen<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
) {
  return lazy(async () => {
    const [module] = await Promise.all([load(), loadAccountMessages()]);
    return { default: module[name] };
  });
}

const SignInRoute = lazyAccountScreen(() => import('./routes/sign-in-route.tsx'), 'SignInRoute');
const AgeRoute = lazyAccountScreen(() => import('./routes/age-route.tsx'), 'AgeRoute');
const AccountRoute = lazyAccountScreen(() => import('./routes/account-route.tsx'), 'AccountRoute');
const PreferencesRoute = lazyAccountScreen(
  () => import('./routes/preferences-route.tsx'),
  'PreferencesRoute',
);
const ConsentHistoryRoute = lazyAccountScreen(
  () => import('./routes/consent-history-route.tsx'),
  'ConsentHistoryRoute',
);
const UnsubscribeRoute = lazyAccountScreen(
  () => import('./routes/unsubscribe-route.tsx'),
  'UnsubscribeRoute',
);

/**
 * Routes live under the clinic: `/c/:clinic/…`. Declarative routes, not a data router: we
 * load with TanStack Query, and the data router's extra ~17 KB (gzip) would break the
 * 120 KB budget of the policy route.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<RootRedirect />} />
      <Route
        path="/c/:clinic"
        element={
          <RouteErrorBoundary isClinicLevel>
            <ClinicLayout />
          </RouteErrorBoundary>
        }
      >
        <Route index element={<PoliciesRoute />} />
        <Route path="policies/:policyId" element={<PolicyRoute />} />
        <Route path="policies/:policyId/versions/:version" element={<PolicyRoute />} />
        <Route path="policies/:policyId/versions" element={<ArchiveRoute />} />
        <Route path="policies/:policyId/diff" element={<DiffRoute />} />
        <Route path="sign-in" element={<SignInRoute />} />
        <Route path="sign-in/age" element={<AgeRoute />} />
        <Route path="account" element={<AccountRoute />} />
        <Route path="account/preferences" element={<PreferencesRoute />} />
        <Route path="account/preferences/history" element={<ConsentHistoryRoute />} />
        <Route path="unsubscribe/:token" element={<UnsubscribeRoute />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage isStandalone />} />
    </Routes>
  );
}
