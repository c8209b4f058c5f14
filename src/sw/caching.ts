import type { WorkboxPlugin } from 'workbox-core/types.js';
import { ExpirationPlugin } from 'workbox-expiration';
import { createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst, StaleWhileRevalidate } from 'workbox-strategies';

/** Keep in step with FROM_CACHE_HEADER in src/lib/api-client.ts. */
export const FROM_CACHE_HEADER = 'x-pawtal-from-cache';
export const API_CACHE = 'pawtal-api';
export const CLINIC_ASSETS_CACHE = 'pawtal-clinic-assets';
const PAGES_CACHE = 'pawtal-pages';

/** The public, cacheable clinic routes of ../shared/API.md: the clinic and its policies. */
const CLINIC_API = /^\/api\/clinics\/[^/]+(?:\/policies(?:\/.*)?)?$/;
const CLINIC_ASSET = /^\/c\/[^/]+\/(?:manifest\.webmanifest|icons\/.+)$/;

interface MatchInput {
  url: URL;
  request: Request;
  sameOrigin: boolean;
}

export function isClinicApiRequest({ url, request, sameOrigin }: MatchInput): boolean {
  return sameOrigin && request.method === 'GET' && CLINIC_API.test(url.pathname);
}

export function isClinicAssetRequest({ url, request, sameOrigin }: MatchInput): boolean {
  return sameOrigin && request.method === 'GET' && CLINIC_ASSET.test(url.pathname);
}

/**
 * Marks answers that come from the cache, so the app can say "Saved copy from <date>".
 * The response `Date` header still says when the server produced it.
 */
export const markCachedResponses: WorkboxPlugin = {
  cachedResponseWillBeUsed: async ({ cachedResponse }) => {
    if (!cachedResponse) return null;
    const headers = new Headers(cachedResponse.headers);
    headers.set(FROM_CACHE_HEADER, '1');
    return new Response(cachedResponse.body, {
      status: cachedResponse.status,
      statusText: cachedResponse.statusText,
      headers,
    });
  },
};

/** GET /api/clinics/… : fresh when the network answers within 4 s, the saved copy otherwise. */
export function registerClinicApiRoute(): void {
  registerRoute(
    isClinicApiRequest,
    new NetworkFirst({
      cacheName: API_CACHE,
      networkTimeoutSeconds: 4,
      // The server allows the HTTP cache to keep these for a day; offline, the browser would
      // answer from it as if the network had, and the app could not say "saved copy".
      // Revalidating makes "network first" mean the network.
      fetchOptions: { cache: 'no-cache' },
      plugins: [
        // Policies change rarely and an owner may open the app offline months later; an old
        // copy is labelled with its date, which beats no copy at all.
        new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 180 * 24 * 60 * 60 }),
        markCachedResponses,
      ],
    }),
  );
}

/** Per-clinic manifest and icons: show the cached one at once, refresh it in the background. */
export function registerClinicAssetsRoute(): void {
  registerRoute(
    isClinicAssetRequest,
    new StaleWhileRevalidate({
      cacheName: CLINIC_ASSETS_CACHE,
      plugins: [new ExpirationPlugin({ maxEntries: 60, maxAgeSeconds: 90 * 24 * 60 * 60 })],
    }),
  );
}

/**
 * Navigations: the server's page (with the clinic's head) when it answers within 3 s, else the
 * precached index.html. Pages are deliberately not cached: a cached page names the hashed
 * assets of its build, which the precache deletes after an update. The app shell puts the
 * clinic's head in place at runtime instead (src/features/clinic/lib/clinic-head.ts).
 * Call after precacheAndRoute(): the shell must already be in the precache list.
 */
export function registerNavigationRoute(): void {
  const appShell = createHandlerBoundToURL('/index.html');
  const shellWhenNoNetwork: WorkboxPlugin = {
    cacheWillUpdate: async () => null,
    // Runs after a timeout or a network error, when the (empty) pages cache is consulted.
    cachedResponseWillBeUsed: async ({ cachedResponse, request, event }) =>
      cachedResponse ?? (await appShell({ request, event, url: new URL(request.url) })),
  };
  const pages = new NetworkFirst({
    cacheName: PAGES_CACHE,
    networkTimeoutSeconds: 3,
    plugins: [shellWhenNoNetwork],
  });
  registerRoute(new NavigationRoute(pages, { denylist: [/^\/api\//] }));
}
