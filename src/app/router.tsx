import { lazy } from 'react';
import { Route, Routes } from 'react-router';
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
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage isStandalone />} />
    </Routes>
  );
}
