import { z } from 'zod/mini';
import { EmailSchema, OneTimeCodeSchema } from './auth.ts';
import {
  InstantSchema,
  NonNegativeIntSchema,
  PositiveIntParamSchema,
  PositiveIntSchema,
  SlugSchema,
} from './common.ts';

/*
 * Privacy requests (../shared/API.md "Privacy requests"; ../shared/PRIVACY-RULES.md): what an
 * owner, a person without an account or their authorized agent files, the receipt and timeline
 * they see, the clinic staff's queue and actions, and the self-service data export.
 */

export const RequestTypeSchema = z.enum([
  'access',
  'portability',
  'rectification',
  'erasure',
  'restriction',
  'objection',
]);
export type RequestType = z.infer<typeof RequestTypeSchema>;

/**
 * Where a request stands. `received` until identity is verified (at once for a signed-in
 * owner), then `verified`; staff may mark it `in-progress`; `extended` once its deadline was
 * extended; it ends `completed` or `denied`.
 */
export const RequestStatusSchema = z.enum([
  'received',
  'verified',
  'in-progress',
  'extended',
  'completed',
  'denied',
]);
export type RequestStatus = z.infer<typeof RequestStatusSchema>;

export const OPEN_REQUEST_STATUSES = [
  'received',
  'verified',
  'in-progress',
  'extended',
] as const satisfies readonly RequestStatus[];

/** `"gdpr"`, `"ccpa"` or, when both apply (the stricter date wins), `"gdpr+ccpa"`. */
export const RequestRegimeSchema = z.enum(['gdpr', 'ccpa', 'gdpr+ccpa']);
export type RequestRegime = z.infer<typeof RequestRegimeSchema>;

/**
 * How the requester's identity stands:
 * - `verified`: proven (a signed-in owner's proven email, a one-time code, the owner's own
 *   confirmation of an agent's request, or staff);
 * - `awaiting-code`: a person without an account must enter the code sent to a contact the
 *   clinic holds;
 * - `awaiting-owner`: an authorized agent filed it; the owner must confirm it directly, in the
 *   app (`POST /api/me/requests/:id/confirm`) or by the code;
 * - `awaiting-staff`: no code could be sent (no matching contact is held, which is not
 *   disclosed to the requester); staff verify it by other means or deny it.
 */
export const VerificationSchema = z.enum([
  'verified',
  'awaiting-code',
  'awaiting-owner',
  'awaiting-staff',
]);
export type Verification = z.infer<typeof VerificationSchema>;

/** Who filed the request. */
export const FiledBySchema = z.enum(['owner', 'person', 'agent', 'staff']);
export type FiledBy = z.infer<typeof FiledBySchema>;

/** One correction asked for by a rectification request: which field, what it says, what it should say. */
export const CorrectionSchema = z.object({
  /**
   * `name` and `phone` are applied to the profile when staff complete the request; any other
   * field (e.g. "pet Rex: birth date", "address") is reviewed and corrected by staff.
   */
  field: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  old: z.nullable(z.string().check(z.maxLength(500))),
  new: z.string().check(z.maxLength(500)),
});
export type Correction = z.infer<typeof CorrectionSchema>;

export const RequestDetailsSchema = z.object({
  /** Anything the requester wants the clinic to know (what data, which processing, …). */
  note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
  /** Rectification only, and required there (at least one). */
  corrections: z.optional(z.array(CorrectionSchema).check(z.minLength(1), z.maxLength(20))),
});
export type RequestDetails = z.infer<typeof RequestDetailsSchema>;

/**
 * A filing's own id, made once on the phone (a UUID, say): a filing queued offline may be sent
 * again after the server got it but its answer was lost, and the same id then returns the
 * request already filed instead of filing a second one.
 */
export const ClientRequestIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/));

/** `POST /api/me/requests`. */
export const CreateRequestSchema = z.object({
  type: RequestTypeSchema,
  details: z.optional(RequestDetailsSchema),
  /** Idempotency: the same owner sending the same id again gets the existing request (200). */
  clientRequestId: z.optional(ClientRequestIdSchema),
});
export type CreateRequest = z.infer<typeof CreateRequestSchema>;

export const TimelineActorSchema = z.enum(['owner', 'person', 'agent', 'staff', 'system']);
export type TimelineActor = z.infer<typeof TimelineActorSchema>;

/** One step of a request's timeline, at server time. */
export const TimelineEntrySchema = z.object({
  /**
   * A status the request entered, or `owner-confirmed` (the owner confirmed an agent's
   * request) or `code-sent` (a verification code went to a contact the clinic holds).
   */
  kind: z.enum([
    'received',
    'verified',
    'in-progress',
    'extended',
    'completed',
    'denied',
    'owner-confirmed',
    'code-sent',
  ]),
  at: InstantSchema,
  actor: TimelineActorSchema,
  /** The staff member's name, in the clinic's view only. */
  actorName: z.optional(z.nullable(z.string())),
  /** The reason for an extension or denial, or the note of a completion. */
  note: z.nullable(z.string()),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** The receipt and current state of a request, as its owner sees it. */
export const PrivacyRequestSchema = z.object({
  id: PositiveIntSchema,
  /** Human readable, e.g. `DRK-7QK4-M2XP`. */
  reference: z.string(),
  type: RequestTypeSchema,
  status: RequestStatusSchema,
  regime: RequestRegimeSchema,
  /** Server time of receipt: the clock starts here, not at verification. */
  receivedAt: InstantSchema,
  /** End of the acknowledge-by date in the clinic's zone; null when CCPA does not apply. */
  acknowledgeBy: z.nullable(InstantSchema),
  /** End of the due date in the clinic's time zone (23:59:59.999 local), as a UTC instant. */
  dueAt: InstantSchema,
  /** The new due date once extended, else null. */
  extendedDueAt: z.nullable(InstantSchema),
  extensionReason: z.nullable(z.string()),
  /** The last moment an extension may be made and notified: the end of the first period. */
  extensionNoticeBy: InstantSchema,
  verification: VerificationSchema,
  filedBy: FiledBySchema,
  /** An authorized agent's name, when an agent filed it. */
  agentName: z.nullable(z.string()),
  details: RequestDetailsSchema,
  completedAt: z.nullable(InstantSchema),
  /** When completed or denied: the staff member's note or reason. */
  denialReason: z.nullable(z.string()),
  completionNote: z.nullable(z.string()),
  /**
   * For a denial: the statement of the right to complain to a supervisory authority and to
   * seek a judicial remedy (GDPR Art. 12(4)).
   */
  rightToComplain: z.nullable(z.string()),
  /** An access or portability request completed with an export: download it here. */
  exportUrl: z.nullable(z.string()),
  /** A short plain-words note on what happens next. */
  nextSteps: z.string(),
});
export type PrivacyRequest = z.infer<typeof PrivacyRequestSchema>;
export const PrivacyRequestListSchema = z.array(PrivacyRequestSchema);

export const PrivacyRequestDetailSchema = z.extend(PrivacyRequestSchema, {
  timeline: z.array(TimelineEntrySchema),
});
export type PrivacyRequestDetail = z.infer<typeof PrivacyRequestDetailSchema>;

export const RequestParamsSchema = z.object({ id: PositiveIntParamSchema });
export const ClinicRequestParamsSchema = z.object({
  clinic: SlugSchema,
  id: PositiveIntParamSchema,
});

/** The body of 429 `access-limit`: `nextAvailableAt` is when the next free one opens. */
export const AccessLimitErrorSchema = z.object({
  code: z.literal('access-limit'),
  message: z.string(),
  limit: PositiveIntSchema,
  used: NonNegativeIntSchema,
  nextAvailableAt: InstantSchema,
});

/**
 * `GET /api/me/requests/allowance`: the CCPA count of access requests ("1 of 2 access requests
 * used; the next free one from 3 Feb 2027"). `accessLimit` is null where CCPA does not apply.
 */
export const RequestAllowanceSchema = z.object({
  accessLimit: z.nullable(
    z.object({
      limit: PositiveIntSchema,
      /**
       * Access requests received in the 12 months before now, whatever their outcome, once
       * proven to be the owner's (one filed in their name from the public page and never
       * confirmed does not count).
       */
      used: NonNegativeIntSchema,
      remaining: NonNegativeIntSchema,
      /**
       * When a counted request stops counting (its receivedAt + 12 calendar months) and so one
       * more becomes free: the oldest's, or with more than the limit counted (one filed from
       * the public page), the one whose expiry brings the count under it. Null when none is
       * counted.
       */
      nextAvailableAt: z.nullable(InstantSchema),
    }),
  ),
});
export type RequestAllowance = z.infer<typeof RequestAllowanceSchema>;

/**
 * `POST /api/clinics/:clinic/requests`: a request from a person without an account, or from an
 * authorized agent for them. `contact` is an email address or phone number the clinic already
 * holds for the person; a code is sent there. The answer is the same whether or not it is known.
 */
export const PublicRequestSchema = z.object({
  type: RequestTypeSchema,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  contact: z.string().check(z.trim(), z.minLength(3), z.maxLength(254)),
  details: z.optional(RequestDetailsSchema),
  /** Present when an authorized agent files for the person (11 CCR §7063). */
  agent: z.optional(
    z.object({
      name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
      email: EmailSchema,
      /** The agent's statement that the person signed permission for them to act (a power of attorney is never required). */
      signedPermission: z.string().check(z.trim(), z.minLength(10), z.maxLength(2000)),
    }),
  ),
});
export type PublicRequest = z.infer<typeof PublicRequestSchema>;

/** The answer to a public request: a receipt without anything about the person. */
export const PublicRequestReceiptSchema = z.object({
  id: PositiveIntSchema,
  reference: z.string(),
  type: RequestTypeSchema,
  regime: RequestRegimeSchema,
  receivedAt: InstantSchema,
  acknowledgeBy: z.nullable(InstantSchema),
  dueAt: InstantSchema,
  extendedDueAt: z.nullable(InstantSchema),
  /** Always the same sentence: whether the contact is known is not disclosed. */
  message: z.string(),
});
export type PublicRequestReceipt = z.infer<typeof PublicRequestReceiptSchema>;

/** `POST /api/clinics/:clinic/requests/:id/identity`: the code sent to the contact. */
export const IdentityCodeSchema = z.object({ code: OneTimeCodeSchema });

export const PublicRequestStatusSchema = z.object({
  reference: z.string(),
  verification: VerificationSchema,
  message: z.string(),
});
export type PublicRequestStatus = z.infer<typeof PublicRequestStatusSchema>;

// ── Staff ────────────────────────────────────────────────────────────────────────────────────

export const StaffQueueQuerySchema = z.object({
  status: z.optional(z.union([RequestStatusSchema, z.literal('open'), z.literal('all')])),
  type: z.optional(RequestTypeSchema),
});
export type StaffQueueQuery = z.infer<typeof StaffQueueQuerySchema>;

export const StaffRequestSchema = z.extend(PrivacyRequestSchema, {
  /** The due date in force: `extendedDueAt` when extended, else `dueAt`. */
  effectiveDueAt: InstantSchema,
  /** Whole days left in the clinic's zone until the due date (0 on it, negative once overdue). */
  daysLeft: z.int(),
  isOverdue: z.boolean(),
  /** Null once the record has been pseudonymised. */
  subject: z.object({
    userId: z.nullable(PositiveIntSchema),
    name: z.nullable(z.string()),
    email: z.nullable(z.string()),
    phone: z.nullable(z.string()),
  }),
  agent: z.nullable(
    z.object({ name: z.string(), email: z.string(), signedPermission: z.string() }),
  ),
  isPseudonymised: z.boolean(),
  retainUntil: z.nullable(InstantSchema),
});
export type StaffRequest = z.infer<typeof StaffRequestSchema>;
export const StaffRequestListSchema = z.array(StaffRequestSchema);
export const StaffRequestDetailSchema = z.extend(StaffRequestSchema, {
  timeline: z.array(TimelineEntrySchema),
});
export type StaffRequestDetail = z.infer<typeof StaffRequestDetailSchema>;

export const ExtendRequestSchema = z.object({
  reason: z.string().check(z.trim(), z.minLength(5), z.maxLength(2000)),
});
export const CompleteRequestSchema = z.object({
  note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
});
export const DenyRequestSchema = z.object({
  reason: z.string().check(z.trim(), z.minLength(5), z.maxLength(2000)),
});
export const VerifyRequestSchema = z.object({
  /** How staff verified the person (e.g. "matched phone at the front desk"). */
  note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
});

// ── Export ───────────────────────────────────────────────────────────────────────────────────

export const EXPORT_SCHEMA_VERSION = 1;

/**
 * `GET /api/me/export` (JSON) and `GET /api/me/export?format=zip` (data.json, index.html and
 * one CSV per section). Needs a fresh step-up (403 `step-up-required`). The response carries
 * `x-export-items`, the total number of rows, for a progress indicator.
 *
 * Top-level shape:
 * ```
 * { schemaVersion: 1, generatedAt, clinic: { slug, name },
 *   sections: { profile: [..], pets: [..], preferences: [..], consentEvents: [..],
 *               requests: [..], accountEvents: [..], signIns: [..], devices: [..], updates: [..] } }
 * ```
 * Every section is an array of plain objects; sections other modules contribute (devices,
 * updates) appear when those modules are present.
 */
export const DataExportSchema = z.object({
  schemaVersion: z.literal(EXPORT_SCHEMA_VERSION),
  generatedAt: InstantSchema,
  clinic: z.object({ slug: z.string(), name: z.string() }),
  sections: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
export type DataExport = z.infer<typeof DataExportSchema>;

export const ExportQuerySchema = z.object({
  format: z.optional(z.enum(['json', 'zip'])),
});
