import { z } from 'zod/mini';
import { SlugSchema } from './common.ts';

export const RegimeSchema = z.enum(['gdpr', 'ccpa']);
export type Regime = z.infer<typeof RegimeSchema>;

const HexColorSchema = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #1b6b5f'));

export const ClinicSchema = z.object({
  slug: SlugSchema,
  name: z.string().check(z.minLength(1)),
  shortName: z.string().check(z.minLength(1), z.maxLength(24)),
  themeColor: HexColorSchema,
  backgroundColor: HexColorSchema,
  timeZone: z.string().check(z.minLength(1)),
  regimes: z.array(RegimeSchema).check(z.minLength(1)),
  contactEmail: z.email(),
});
export type Clinic = z.infer<typeof ClinicSchema>;

export const ClinicParamsSchema = z.object({ clinic: SlugSchema });
