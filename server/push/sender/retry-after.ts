/**
 * RFC 9110 §10.2.3: Retry-After is either delay-seconds or an HTTP-date.
 * Returns milliseconds from `now`, or null when absent or unreadable.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Date.parse alone would accept "5" or "2026"; an HTTP-date names a weekday or month.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
