import type { PushPayload } from '../../../contract/push.ts';
import type { Category } from '../../../contract/preferences.ts';

/**
 * The size of the push payload the server will build (src/contract/push.ts PushPayload), in
 * UTF-8 bytes, with the widest id and timestamp, so the form can warn before the server
 * answers 413. The encryption adds a fixed overhead that MAX_PUSH_PAYLOAD_BYTES already takes
 * off the 4096 bytes of RFC 8030.
 */
export function payloadBytes(input: {
  clinic: string;
  title: string;
  body: string;
  url: string;
  category: Category;
}): number {
  const payload: PushPayload = {
    updateId: 2_147_483_647,
    clinic: input.clinic,
    title: input.title.trim(),
    body: input.body.trim(),
    ...(input.url.trim() ? { url: input.url.trim() } : {}),
    category: input.category,
    sentAt: '2026-01-01T00:00:00.000Z',
  };
  return new TextEncoder().encode(JSON.stringify(payload)).length;
}
