import { z } from 'zod/mini';
import {
  InstantSchema,
  NonNegativeIntSchema,
  PositiveIntParamSchema,
  PositiveIntSchema,
  SlugSchema,
} from './common.ts';
import { CategorySchema } from './preferences.ts';

/*
 * Push: subscriptions from the phone, clinic updates from staff or a clinic system, their
 * delivery progress, the in-app Updates inbox, and the payload the service worker decrypts.
 */

/**
 * A key as `PushSubscription#toJSON()` gives it (base64url). Not bounded here: the server checks
 * the length first, then the bytes, and answers 400 `invalid-keys` as ../shared/API.md promises;
 * a schema bound would answer some bad keys `invalid-request` instead. The request body limit
 * bounds the text.
 */
const SubscriptionKeySchema = z.string();

export const VapidPublicKeySchema = z.object({
  /** The deployment's VAPID public key: base64url of the 65-byte uncompressed P-256 point. */
  publicKey: z.string(),
});
export type VapidPublicKey = z.infer<typeof VapidPublicKeySchema>;

/**
 * The categories a visitor without an account may subscribe a device to. Clinic news is on by
 * default; marketing only when explicitly chosen (opt-in, separate from the permission prompt).
 */
export const PUBLIC_PUSH_CATEGORIES = [
  'clinic-news',
  'marketing',
] as const satisfies readonly z.infer<typeof CategorySchema>[];
export const DEFAULT_PUSH_CATEGORIES = ['clinic-news'] as const;

export const PushSubscriptionKeysSchema = z.object({
  /** The browser's P-256 public key, uncompressed (65 bytes), base64url. */
  p256dh: SubscriptionKeySchema,
  /** The 16-byte authentication secret, base64url. */
  auth: SubscriptionKeySchema,
});

/**
 * What `PushSubscription#toJSON()` gives; `expirationTime` is accepted and ignored. The endpoint
 * is checked by the server (length first), which answers 400 `endpoint-not-allowed` with a
 * `reason` for every endpoint it refuses, an empty or over-long one included.
 */
export const PushSubscriptionJsonSchema = z.object({
  endpoint: z.string(),
  keys: PushSubscriptionKeysSchema,
  expirationTime: z.optional(z.nullable(z.number())),
});
export type PushSubscriptionJson = z.infer<typeof PushSubscriptionJsonSchema>;

/**
 * `POST /api/clinics/:clinic/push/subscriptions`.
 *
 * `categories`:
 * - without a session: the device's own categories, a subset of PUBLIC_PUSH_CATEGORIES;
 *   omitted means DEFAULT_PUSH_CATEGORIES. Re-subscribing the same endpoint replaces them.
 * - with a session: each listed category is switched on for push in the owner's preferences
 *   (a consent event with source `app`); omitted switches nothing on, as when the app or the
 *   service worker subscribes a device again. Nothing is switched off by subscribing: the
 *   owner's preferences govern every device of theirs, and turning a category off is done in
 *   the preferences or with a notification's Unsubscribe action.
 */
export const PushSubscriptionInputSchema = z.object({
  subscription: PushSubscriptionJsonSchema,
  categories: z.optional(z.array(CategorySchema).check(z.maxLength(6))),
});
export type PushSubscriptionInput = z.infer<typeof PushSubscriptionInputSchema>;

export const PushSubscriptionCreatedSchema = z.object({ id: PositiveIntSchema });
export type PushSubscriptionCreated = z.infer<typeof PushSubscriptionCreatedSchema>;

export const PushSubscriptionParamsSchema = z.object({
  clinic: SlugSchema,
  id: PositiveIntParamSchema,
});

/**
 * Body of `DELETE /api/clinics/:clinic/push/subscriptions/:id` for a device without a session:
 * possession of the endpoint proves it is this device. A signed-in owner needs no body.
 */
export const PushSubscriptionDeleteSchema = z.object({
  endpoint: z.optional(z.string().check(z.maxLength(2048))),
});
export type PushSubscriptionDelete = z.infer<typeof PushSubscriptionDeleteSchema>;

/**
 * `POST /api/push/unsubscribe`: a notification's Unsubscribe action, sent by the service worker
 * with the app closed. Possession of the endpoint is the proof. `clinic` is the clinic that
 * sent the notification: one browser has one endpoint for every clinic it subscribed to, and
 * only that clinic's choice changes.
 */
export const PushUnsubscribeInputSchema = z.object({
  endpoint: z.string().check(z.minLength(1), z.maxLength(2048)),
  category: CategorySchema,
  clinic: SlugSchema,
});
export type PushUnsubscribeInput = z.infer<typeof PushUnsubscribeInputSchema>;

export const PushUnsubscribeResultSchema = z.object({
  category: CategorySchema,
  channel: z.literal('push'),
  enabled: z.literal(false),
  /** False when the category was already off: nothing changed. */
  changed: z.boolean(),
});
export type PushUnsubscribeResult = z.infer<typeof PushUnsubscribeResultSchema>;

/** One of the owner's devices (`GET /api/me/devices`). */
export const DeviceSchema = z.object({
  id: PositiveIntSchema,
  /** From the user agent at subscribe time, e.g. "Chrome on Android". */
  label: z.string(),
  /** The push service the device uses, for people: "Google", "Mozilla", "Apple", "Microsoft", "Other". */
  pushService: z.string(),
  /** The client compares it with its own subscription to mark "this device". */
  endpoint: z.string(),
  createdAt: InstantSchema,
  lastDeliveredAt: z.nullable(InstantSchema),
});
export type Device = z.infer<typeof DeviceSchema>;
export const DeviceListSchema = z.array(DeviceSchema);

export const DeviceParamsSchema = z.object({ id: PositiveIntParamSchema });

export const UrgencySchema = z.enum(['very-low', 'low', 'normal', 'high']);
export type Urgency = z.infer<typeof UrgencySchema>;

/** RFC 8030 §5.2: TTL in seconds; push services cap it at about four weeks. */
export const MAX_PUSH_TTL_SECONDS = 2_419_200;

/**
 * A sanity bound on an update's title and body, far above what Web Push carries. The size of
 * the push payload (MAX_PUSH_PAYLOAD_BYTES) is what decides, with 413 `payload-too-large` as
 * ../shared/API.md promises: a field limit below it would pre-empt that answer with a 400. The
 * server answers 413 above this bound too.
 */
export const MAX_UPDATE_TEXT_LENGTH = 65_536;

/**
 * A notification's title is one line on a lock screen. The server checks it after the payload
 * size, so a payload that is too large is always 413, and a long title that fits is 400.
 */
export const MAX_UPDATE_TITLE_LENGTH = 120;

/**
 * `POST /api/clinics/:clinic/updates`. `url` is a path inside the clinic's scope
 * (`/c/<clinic>/…`): the notification opens it in the app.
 */
export const UpdateInputSchema = z.object({
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_UPDATE_TEXT_LENGTH)),
  body: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_UPDATE_TEXT_LENGTH)),
  url: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
  category: CategorySchema,
  urgency: z.optional(UrgencySchema),
  ttl: z.optional(z.int().check(z.nonnegative(), z.maximum(MAX_PUSH_TTL_SECONDS))),
});
export type UpdateInput = z.infer<typeof UpdateInputSchema>;

export const UpdateCreatedSchema = z.object({ id: PositiveIntSchema });
export type UpdateCreated = z.infer<typeof UpdateCreatedSchema>;

export const UpdateParamsSchema = z.object({ clinic: SlugSchema, id: PositiveIntParamSchema });

export const UpdateStatusSchema = z.enum(['queued', 'sending', 'done']);
export type UpdateStatus = z.infer<typeof UpdateStatusSchema>;

/**
 * `GET /api/clinics/:clinic/updates/:id`. `targeted` = delivered + failed + removed + pending,
 * counted over the devices expanded so far (the audience is expanded in batches; `status` is
 * `done` once it all is and nothing is pending). `removed` counts devices whose push service
 * said the subscription is gone (404/410), or that were unsubscribed before their turn.
 */
export const UpdateProgressSchema = z.object({
  id: PositiveIntSchema,
  status: UpdateStatusSchema,
  targeted: NonNegativeIntSchema,
  delivered: NonNegativeIntSchema,
  failed: NonNegativeIntSchema,
  removed: NonNegativeIntSchema,
  pending: NonNegativeIntSchema,
});
export type UpdateProgress = z.infer<typeof UpdateProgressSchema>;

/** One update in the clinic's console list (`GET /api/clinics/:clinic/updates`), newest first. */
export const UpdateSummarySchema = z.object({
  ...UpdateProgressSchema.shape,
  title: z.string(),
  body: z.string(),
  url: z.nullable(z.string()),
  category: CategorySchema,
  urgency: UrgencySchema,
  ttl: NonNegativeIntSchema,
  createdAt: InstantSchema,
  completedAt: z.nullable(InstantSchema),
  /** Who sent it: a staff member's email, or "api-key" for a clinic system. */
  sentBy: z.string(),
  /** Owners who have it in their in-app inbox (with or without push). */
  inboxRecipients: NonNegativeIntSchema,
});
export type UpdateSummary = z.infer<typeof UpdateSummarySchema>;
export const UpdateSummaryListSchema = z.array(UpdateSummarySchema);

/** How the deliveries of one update ended so far, grouped by outcome and the push service's status. */
export const UpdateOutcomeSchema = z.object({
  outcome: z.enum(['delivered', 'failed', 'removed', 'pending']),
  /** The push service's last HTTP status; null when there was no answer (timeout, refused). */
  statusCode: z.nullable(z.int()),
  count: NonNegativeIntSchema,
});
export type UpdateOutcome = z.infer<typeof UpdateOutcomeSchema>;

/** `GET /api/clinics/:clinic/updates/:id`: the progress, plus what happened to the deliveries. */
export const UpdateDetailSchema = z.object({
  ...UpdateSummarySchema.shape,
  outcomes: z.array(UpdateOutcomeSchema),
});
export type UpdateDetail = z.infer<typeof UpdateDetailSchema>;

/** One entry in the owner's in-app Updates inbox (`GET /api/me/updates`), newest first. */
export const InboxItemSchema = z.object({
  id: PositiveIntSchema,
  clinic: SlugSchema,
  title: z.string(),
  body: z.string(),
  url: z.nullable(z.string()),
  category: CategorySchema,
  sentAt: InstantSchema,
});
export type InboxItem = z.infer<typeof InboxItemSchema>;
export const InboxItemListSchema = z.array(InboxItemSchema);

/** What the service worker decrypts from a push message. Fixed: clients depend on it. */
export const PushPayloadSchema = z.object({
  updateId: PositiveIntSchema,
  clinic: SlugSchema,
  title: z.string(),
  body: z.string(),
  url: z.optional(z.string()),
  category: CategorySchema,
  sentAt: InstantSchema,
});
export type PushPayload = z.infer<typeof PushPayloadSchema>;

/** A payload's fields as the server holds them: an update without a link has `url: null`. */
export type PushPayloadFields = Omit<PushPayload, 'url'> & { url: string | null };

/** The JSON every device decrypts, in the field order of ../shared/API.md "Push payload". */
export function pushPayloadJson(fields: PushPayloadFields): string {
  return JSON.stringify({
    updateId: fields.updateId,
    clinic: fields.clinic,
    title: fields.title,
    body: fields.body,
    ...(fields.url === null ? {} : { url: fields.url }),
    category: fields.category,
    sentAt: fields.sentAt,
  });
}

/** The widest id a size check reckons with: a real one is never longer. */
const WIDEST_UPDATE_ID = Number.MAX_SAFE_INTEGER;

/**
 * UTF-8 bytes of the payload an update will carry, counted before its id exists: the server's
 * 413 and the staff form's counter both use it, so the form never promises what the server
 * refuses.
 */
export function widestPushPayloadBytes(fields: Omit<PushPayloadFields, 'updateId'>): number {
  return new TextEncoder().encode(pushPayloadJson({ ...fields, updateId: WIDEST_UPDATE_ID }))
    .length;
}

/**
 * RFC 8291 aes128gcm with one record: 86 header bytes (salt 16, record size 4, key id length 1,
 * key id 65) + plaintext + 1 padding delimiter + 16 tag must fit the 4096 bytes RFC 8030 §7.2
 * lets a push service refuse above. So the payload's JSON can be at most 3993 bytes of UTF-8.
 */
export const MAX_PUSH_PAYLOAD_BYTES = 4096 - 86 - 1 - 16;
