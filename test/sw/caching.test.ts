import { expect, test } from 'vitest';
import {
  FROM_CACHE_HEADER,
  isClinicApiRequest,
  isClinicAssetRequest,
  markCachedResponses,
} from '../../src/sw/caching.ts';
import { FROM_CACHE_HEADER as CLIENT_HEADER } from '../../src/lib/api-client.ts';

const origin = 'http://localhost:8080';
const input = (path: string, method = 'GET', sameOrigin = true) => ({
  url: new URL(path, origin),
  request: new Request(new URL(path, origin), { method }),
  sameOrigin,
});

test('the clinic and its policies are cached, but no other API route', () => {
  expect(isClinicApiRequest(input('/api/clinics/dr-kim'))).toBe(true);
  expect(isClinicApiRequest(input('/api/clinics/dr-kim/policies'))).toBe(true);
  expect(isClinicApiRequest(input('/api/clinics/dr-kim/policies/clinic-privacy/versions/2'))).toBe(
    true,
  );
  expect(
    isClinicApiRequest(input('/api/clinics/dr-kim/policies/clinic-privacy/diff?from=1&to=2')),
  ).toBe(true);
  expect(isClinicApiRequest(input('/api/me'))).toBe(false);
  expect(isClinicApiRequest(input('/api/clinics/dr-kim/updates/7'))).toBe(false);
  expect(isClinicApiRequest(input('/api/clinics/dr-kim/push/subscriptions', 'POST'))).toBe(false);
  expect(isClinicApiRequest(input('/api/clinics/dr-kim', 'GET', false))).toBe(false);
});

test('per-clinic manifests and icons are cached as clinic assets', () => {
  expect(isClinicAssetRequest(input('/c/dr-kim/manifest.webmanifest'))).toBe(true);
  expect(isClinicAssetRequest(input('/c/dr-kim/icons/icon-192.png'))).toBe(true);
  expect(isClinicAssetRequest(input('/c/dr-kim/policies/clinic-privacy'))).toBe(false);
});

test('a response served from the cache carries the header the app reads as "saved copy"', async () => {
  expect(FROM_CACHE_HEADER).toBe(CLIENT_HEADER);
  const cached = new Response('{"ok":true}', {
    status: 200,
    headers: { date: 'Fri, 20 Nov 2026 09:30:00 GMT', 'content-type': 'application/json' },
  });
  const marked = await markCachedResponses.cachedResponseWillBeUsed!({
    cacheName: 'pawtal-api',
    request: new Request(`${origin}/api/clinics/dr-kim`),
    cachedResponse: cached,
    state: {},
  } as never);
  expect(marked?.headers.get(FROM_CACHE_HEADER)).toBe('1');
  expect(marked?.headers.get('date')).toBe('Fri, 20 Nov 2026 09:30:00 GMT');
  expect(await marked?.json()).toEqual({ ok: true });
});

test('a cache miss stays a miss', async () => {
  const result = await markCachedResponses.cachedResponseWillBeUsed!({
    cacheName: 'pawtal-api',
    request: new Request(`${origin}/api/clinics/dr-kim`),
    cachedResponse: undefined,
    state: {},
  } as never);
  expect(result).toBeNull();
});
