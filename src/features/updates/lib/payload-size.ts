import { widestPushPayloadBytes } from '../../../contract/push.ts';
import type { Category } from '../../../contract/preferences.ts';

/**
 * The size of the push payload the server will build, in UTF-8 bytes, counted as the server
 * counts it, so the form can warn before the server answers 413. The encryption adds a fixed
 * overhead that MAX_PUSH_PAYLOAD_BYTES already takes off the 4096 bytes of RFC 8030.
 */
export function payloadBytes(input: {
  clinic: string;
  title: string;
  body: string;
  url: string;
  category: Category;
}): number {
  const url = input.url.trim();
  return widestPushPayloadBytes({
    clinic: input.clinic,
    title: input.title.trim(),
    body: input.body.trim(),
    url: url === '' ? null : url,
    category: input.category,
    // Every instant of this era is as long as this one.
    sentAt: '2026-01-01T00:00:00.000Z',
  });
}
