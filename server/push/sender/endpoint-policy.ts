import { isIP } from 'node:net';

/**
 * The push services browsers hand out endpoints for. A subscription endpoint is
 * a URL chosen by the client and the server POSTs to it, so anything else is
 * refused unless the deployment allows its origin (PUSH_ALLOWED_ORIGINS).
 */
const KNOWN_HOSTS = new Set([
  'fcm.googleapis.com', // Chrome, Edge on Android, Opera
  'updates.push.services.mozilla.com', // Firefox (autopush)
  'web.push.apple.com', // Safari 16+, iOS 16.4+ home-screen apps
]);
const KNOWN_HOST_SUFFIXES = [
  '.push.services.mozilla.com',
  '.notify.windows.com', // Edge/WNS
];

/** Endpoints are a few hundred characters in practice; this only bounds abuse. */
const MAX_ENDPOINT_LENGTH = 2048;

export function normalizeOrigins(origins: readonly string[]): Set<string> {
  const normalized = new Set<string>();
  for (const origin of origins) {
    try {
      normalized.add(new URL(origin).origin);
    } catch {
      // Config validation reports malformed origins; an unparsable one allows nothing.
    }
  }
  return normalized;
}

export function isKnownPushHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return KNOWN_HOSTS.has(host) || KNOWN_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/** URL.hostname keeps the brackets around IPv6 literals. */
export function bareHostname(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Subscribe-time check of a client-chosen endpoint (SSRF): https only, a known push service or
 * an allowed origin, no credentials, default port and no literal IP unless the origin is
 * allowed. No DNS here; addresses are checked when the sender connects.
 */
export function checkEndpointAtSubscribe(
  endpoint: string,
  allowedOrigins: readonly string[] | ReadonlySet<string>,
): { ok: true } | { ok: false; reason: string } {
  if (typeof endpoint !== 'string' || endpoint.length > MAX_ENDPOINT_LENGTH) {
    return { ok: false, reason: 'endpoint-too-long' };
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { ok: false, reason: 'endpoint-not-a-url' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'endpoint-not-https' };
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'endpoint-has-credentials' };
  }
  const allowed =
    allowedOrigins instanceof Set
      ? (allowedOrigins as ReadonlySet<string>)
      : normalizeOrigins(allowedOrigins as readonly string[]);
  // An explicitly allowed origin (tests, a private push service) may use any
  // port and a literal or private address: the operator vouched for it.
  if (allowed.has(url.origin)) return { ok: true };
  if (url.port !== '') return { ok: false, reason: 'endpoint-port-not-allowed' };
  if (isIP(bareHostname(url)) !== 0) return { ok: false, reason: 'endpoint-ip-literal' };
  if (!isKnownPushHost(url.hostname)) return { ok: false, reason: 'endpoint-host-not-allowed' };
  return { ok: true };
}
