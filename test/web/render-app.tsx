import { render } from '@testing-library/react';
import { MemoryRouter, useLocation, type Location } from 'react-router';
import { vi } from 'vitest';
import { AppProviders } from '../../src/app/providers.tsx';
import { AppRoutes } from '../../src/app/router.tsx';
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

/** The whole app at `path`, with its real routes and providers, and a fresh query cache. */
export function renderApp(path: string, { locale }: { locale?: Locale } = {}) {
  // jsdom has no layout: its scrollTo only reports "not implemented" on the console.
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({
    queries: { ...queryClient.getDefaultOptions().queries, retry: false },
  });
  const location: CurrentLocation = { current: null };
  const view = render(
    <AppProviders queryClient={queryClient} locale={locale}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
        <LocationProbe into={location} />
      </MemoryRouter>
    </AppProviders>,
  );
  return { ...view, queryClient, location };
}
