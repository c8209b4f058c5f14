import { lazy, type ComponentType } from 'react';
import { Route, Routes } from 'react-router';
import {
  loadAccountMessages,
  loadRequestsMessages,
  loadUpdatesMessages,
} from '../lib/i18n/i18n.tsx';
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
// With the updates catalog too: the push column says whether this device is subscribed.
const PreferencesRoute = lazyUpdatesScreen(
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

/** The updates inbox, push devices and the staff's update screen: their catalog and the account's. */
function lazyUpdatesScreen<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
) {
  return lazy(async () => {
    const [module] = await Promise.all([load(), loadAccountMessages(), loadUpdatesMessages()]);
    return { default: module[name] };
  });
}

const UpdatesRoute = lazyUpdatesScreen(() => import('./routes/updates-route.tsx'), 'UpdatesRoute');
const DevicesRoute = lazyUpdatesScreen(() => import('./routes/devices-route.tsx'), 'DevicesRoute');
const ConsoleUpdatesRoute = lazyUpdatesScreen(
  () => import('./routes/console-updates-route.tsx'),
  'ConsoleUpdatesRoute',
);

/** Privacy requests (owner, public page, staff console): their catalog and the account's. */
function lazyRequestsScreen<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
) {
  return lazy(async () => {
    const [module] = await Promise.all([load(), loadAccountMessages(), loadRequestsMessages()]);
    return { default: module[name] };
  });
}

const PrivacyRightsRoute = lazyRequestsScreen(
  () => import('./routes/privacy-rights-route.tsx'),
  'PrivacyRightsRoute',
);
const PrivacyRequestsRoute = lazyRequestsScreen(
  () => import('./routes/privacy-requests-route.tsx'),
  'PrivacyRequestsRoute',
);
const PrivacyRequestRoute = lazyRequestsScreen(
  () => import('./routes/privacy-request-route.tsx'),
  'PrivacyRequestRoute',
);
const DownloadDataRoute = lazyRequestsScreen(
  () => import('./routes/download-data-route.tsx'),
  'DownloadDataRoute',
);
const DeleteAccountRoute = lazyRequestsScreen(
  () => import('./routes/delete-account-route.tsx'),
  'DeleteAccountRoute',
);
const PublicRequestRoute = lazyRequestsScreen(
  () => import('./routes/public-request-route.tsx'),
  'PublicRequestRoute',
);
const ConsoleRoute = lazyRequestsScreen(() => import('./routes/console-route.tsx'), 'ConsoleRoute');
const ConsoleRequestRoute = lazyRequestsScreen(
  () => import('./routes/console-request-route.tsx'),
  'ConsoleRequestRoute',
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
        <Route path="updates" element={<UpdatesRoute />} />
        <Route path="account/devices" element={<DevicesRoute />} />
        <Route path="console/updates" element={<ConsoleUpdatesRoute />} />
        <Route path="account/privacy" element={<PrivacyRightsRoute />} />
        <Route path="account/privacy/requests" element={<PrivacyRequestsRoute />} />
        <Route path="account/privacy/requests/:requestId" element={<PrivacyRequestRoute />} />
        <Route path="account/privacy/download" element={<DownloadDataRoute />} />
        <Route path="account/privacy/delete" element={<DeleteAccountRoute />} />
        <Route path="privacy-request" element={<PublicRequestRoute />} />
        <Route path="console" element={<ConsoleRoute />} />
        <Route path="console/requests/:requestId" element={<ConsoleRequestRoute />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage isStandalone />} />
    </Routes>
  );
}
