import { z } from 'zod/mini';
import { InstantSchema, PositiveIntSchema } from './common.ts';

export const ChannelSchema = z.enum(['email', 'sms', 'push']);
export type Channel = z.infer<typeof ChannelSchema>;

export const CategorySchema = z.enum([
  'service',
  'reminders',
  'clinic-news',
  'marketing',
  'surveys',
  'partner-offers',
]);
export type Category = z.infer<typeof CategorySchema>;

/** Categories that are direct marketing: explicit opt-in per channel, absolute objection. */
export const MARKETING_CATEGORIES = [
  'marketing',
  'surveys',
  'partner-offers',
] as const satisfies readonly Category[];

export const PreferenceCellSchema = z.object({
  category: CategorySchema,
  channel: ChannelSchema,
  enabled: z.boolean(),
  locked: z.boolean(),
  /** Why a cell is locked or was switched off for the owner (e.g. service messages, STOP). */
  reason: z.optional(z.string()),
});
export type PreferenceCell = z.infer<typeof PreferenceCellSchema>;

export const PreferenceMatrixSchema = z.object({
  matrix: z.array(PreferenceCellSchema),
  /** Set when a Global Privacy Control signal was honoured for this owner. */
  gpcHonouredAt: z.optional(z.nullable(InstantSchema)),
});
export type PreferenceMatrix = z.infer<typeof PreferenceMatrixSchema>;

export const PreferenceChangeSchema = z.object({
  category: CategorySchema,
  channel: ChannelSchema,
  enabled: z.boolean(),
});
export type PreferenceChange = z.infer<typeof PreferenceChangeSchema>;

export const PreferenceUpdateSchema = z.object({
  changes: z.array(PreferenceChangeSchema).check(z.minLength(1), z.maxLength(18)),
});
export type PreferenceUpdate = z.infer<typeof PreferenceUpdateSchema>;

export const ConsentSourceSchema = z.enum([
  'app',
  'email-link',
  'push-action',
  'sms-keyword',
  'gpc',
  'staff',
  'objection',
  'restriction',
  'erasure',
  'default',
]);
export type ConsentSource = z.infer<typeof ConsentSourceSchema>;

export const ConsentEventSchema = z.object({
  id: PositiveIntSchema,
  category: CategorySchema,
  channel: ChannelSchema,
  enabled: z.boolean(),
  previous: z.nullable(z.boolean()),
  source: ConsentSourceSchema,
  at: InstantSchema,
  /** The clinic privacy policy version in force when the change was made. */
  policyVersion: z.nullable(PositiveIntSchema),
});
export type ConsentEvent = z.infer<typeof ConsentEventSchema>;
export const ConsentEventListSchema = z.array(ConsentEventSchema);

export const UnsubscribeResultSchema = z.object({
  category: CategorySchema,
  channel: ChannelSchema,
  enabled: z.literal(false),
  /** False when the link had already been used: nothing changed the second time. */
  changed: z.boolean(),
  clinic: z.object({ slug: z.string(), name: z.string() }),
});
export type UnsubscribeResult = z.infer<typeof UnsubscribeResultSchema>;

/**
 * What an unsubscribe link turns off, read without changing anything (mail scanners fetch
 * links before the owner clicks). `enabled` is the cell as it is now.
 */
export const UnsubscribePreviewSchema = z.object({
  category: CategorySchema,
  channel: ChannelSchema,
  enabled: z.boolean(),
  clinic: z.object({ slug: z.string(), name: z.string() }),
});
export type UnsubscribePreview = z.infer<typeof UnsubscribePreviewSchema>;
