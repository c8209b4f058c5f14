import { z } from 'zod/mini';
import {
  InstantSchema,
  NonNegativeIntSchema,
  PositiveIntParamSchema,
  PositiveIntSchema,
  SlugSchema,
} from './common.ts';
import { ClinicParamsSchema } from './clinic.ts';

export const PolicyKindSchema = z.enum(['clinic', 'vendor']);
export type PolicyKind = z.infer<typeof PolicyKindSchema>;

/** GDPR roles: the clinic decides (controller); its software vendor acts for it (processor). */
export const PolicyRoleSchema = z.enum(['controller', 'processor']);
export type PolicyRole = z.infer<typeof PolicyRoleSchema>;

export const PolicyVersionRefSchema = z.object({
  version: PositiveIntSchema,
  publishedAt: InstantSchema,
  effectiveAt: InstantSchema,
});
export type PolicyVersionRef = z.infer<typeof PolicyVersionRefSchema>;

export const PolicySummarySchema = z.object({
  id: SlugSchema,
  kind: PolicyKindSchema,
  title: z.string(),
  role: PolicyRoleSchema,
  /** Who wrote the document: the clinic itself, or its vendor (e.g. "Kontak"). */
  publisher: z.string(),
  current: PolicyVersionRefSchema,
  upcoming: z.nullable(PolicyVersionRefSchema),
});
export type PolicySummary = z.infer<typeof PolicySummarySchema>;
export const PolicyListSchema = z.array(PolicySummarySchema);

export const PolicyVersionListItemSchema = z.extend(PolicyVersionRefSchema, {
  summary: z.string(),
});
export type PolicyVersionListItem = z.infer<typeof PolicyVersionListItemSchema>;
export const PolicyVersionListSchema = z.array(PolicyVersionListItemSchema);

export const PolicySectionSchema = z.object({
  /** Stable within a document across versions where the heading is unchanged: used for `#id` links. */
  id: z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)),
  heading: z.string(),
  /** Plain text. Paragraphs are separated by a blank line; list items start with "• " or "N. ". */
  text: z.string(),
});
export type PolicySection = z.infer<typeof PolicySectionSchema>;

export const PolicyVersionSchema = z.extend(PolicyVersionListItemSchema, {
  sections: z.array(PolicySectionSchema),
});
export type PolicyVersion = z.infer<typeof PolicyVersionSchema>;

export const DiffOpSchema = z.enum(['equal', 'insert', 'delete']);
export type DiffOp = z.infer<typeof DiffOpSchema>;

export const DiffPartSchema = z.object({ op: DiffOpSchema, text: z.string() });
export type DiffPart = z.infer<typeof DiffPartSchema>;

export const SectionChangeSchema = z.object({
  id: z.string(),
  status: z.enum(['added', 'removed', 'changed', 'unchanged']),
  /** The heading as it reads in the newer version (or the older one, for a removed section). */
  heading: z.string(),
  headingParts: z.array(DiffPartSchema),
  /** Word-level changes of the section text. Empty for an unchanged section. */
  parts: z.array(DiffPartSchema),
});
export type SectionChange = z.infer<typeof SectionChangeSchema>;

export const PolicyDiffSchema = z.object({
  policyId: SlugSchema,
  from: PolicyVersionRefSchema,
  to: PolicyVersionRefSchema,
  stats: z.object({
    added: NonNegativeIntSchema,
    removed: NonNegativeIntSchema,
    changed: NonNegativeIntSchema,
    unchanged: NonNegativeIntSchema,
  }),
  sections: z.array(SectionChangeSchema),
});
export type PolicyDiff = z.infer<typeof PolicyDiffSchema>;

export const PolicyParamsSchema = z.extend(ClinicParamsSchema, { policyId: SlugSchema });
export const PolicyVersionParamsSchema = z.extend(PolicyParamsSchema, {
  version: PositiveIntParamSchema,
});
export const PolicyDiffQuerySchema = z.object({
  from: PositiveIntParamSchema,
  to: PositiveIntParamSchema,
});
