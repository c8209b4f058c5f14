import { render } from '@testing-library/react';
import { MemoryRouter, useLocation, type Location } from 'react-router';
import { onTestFinished, vi } from 'vitest';
import { AppProviders } from '../../src/app/providers.tsx';
import { prepareQueryClient } from '../../src/app/query-setup.ts';
import { AppRoutes } from '../../src/app/router.tsx';
import { ApiError } from '../../src/lib/api-client.ts';
import type { Locale } from '../../src/lib/i18n/i18n.tsx';
import { createQueryClient } from '../../src/lib/query-client.ts';

/** Where the app is now, as the router sees it. */
export interface CurrentLocation {
  current: Location | null;
}

function LocationProbe({ into }: { into: CurrentLocation }) {
  into.current = useLocation();
  return null;
}

/**
 * The whole app at `path`, with its real routes and providers, and a fresh query cache that
 * is prepared as src/main.tsx prepares it (offline changes restored from localStorage). A
 * second call in the same test is the app opened again after a reload.
 */
export function renderApp(path: string, { locale }: { locale?: Locale } = {}) {
  // jsdom has no layout: its scrollTo only reports "not implemented" on the console.
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({
    queries: { ...queryClient.getDefaultOptions().queries, retry: false },
  });
  const stopPersisting = prepareQueryClient(queryClient);
  onTestFinished(stopPersisting);
  const location: CurrentLocation = { current: null };
  const view = render(
    <AppProviders queryClient={queryClient} locale={locale}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
        <LocationProbe into={location} />
      </MemoryRouter>
    </AppProviders>,
    {
      // As in src/main.tsx: a missing page or a redirect to sign-in is not a bug to log.
      onCaughtError: (error) => {
        if (!(error instanceof ApiError)) console.error(error);
      },
    },
  );
  // A reload ends the page and everything it held in memory: the old client's paused changes
  // must not live on beside the new page's copies restored from storage.
  const unmount = () => {
    view.unmount();
    stopPersisting();
    queryClient.clear();
  };
  return { ...view, unmount, queryClient, location };
}
