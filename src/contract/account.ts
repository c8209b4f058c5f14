import { z } from 'zod/mini';
import { EmailSchema, OneTimeCodeSchema } from './auth.ts';
import { InstantSchema, PositiveIntSchema } from './common.ts';

const emptyToNull = (s: string) => (s === '' ? null : s);

/** E.164-ish: digits with an optional leading +; spaces, dashes and brackets allowed on input. */
export const PhoneSchema = z.pipe(
  z.pipe(
    z.string(),
    z.transform((s) => s.trim().replace(/[\s().-]/g, '')),
  ),
  z.string().check(z.regex(/^\+?[0-9]{7,15}$/, 'Enter a phone number such as +1 555 010 0123.')),
);

export const ProfileUpdateSchema = z
  .object({
    name: z.optional(
      z.nullable(z.pipe(z.string().check(z.trim(), z.maxLength(120)), z.transform(emptyToNull))),
    ),
    phone: z.optional(
      z.nullable(
        z.union([
          z.pipe(
            z.literal(''),
            z.transform(() => null),
          ),
          PhoneSchema,
        ]),
      ),
    ),
  })
  .check(z.refine((v) => v.name !== undefined || v.phone !== undefined, 'Nothing to change.'));
export type ProfileUpdate = z.infer<typeof ProfileUpdateSchema>;

export const EmailChangeRequestSchema = z.object({ email: EmailSchema });
export const EmailChangeVerifySchema = z.object({ code: OneTimeCodeSchema });

export const SpeciesSchema = z.enum(['dog', 'cat', 'rabbit', 'bird', 'reptile', 'horse', 'other']);
export type Species = z.infer<typeof SpeciesSchema>;

export const BirthDateSchema = z.iso.date();

export const PetSchema = z.object({
  id: PositiveIntSchema,
  name: z.string(),
  species: SpeciesSchema,
  birthDate: z.nullable(BirthDateSchema),
  updatedAt: InstantSchema,
});
export type Pet = z.infer<typeof PetSchema>;
export const PetListSchema = z.array(PetSchema);

export const PetInputSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1, 'Give your pet a name.'), z.maxLength(80)),
  species: SpeciesSchema,
  birthDate: z.nullable(BirthDateSchema),
});
export type PetInput = z.infer<typeof PetInputSchema>;
export const PetUpdateSchema = z.partial(PetInputSchema);
export type PetUpdate = z.infer<typeof PetUpdateSchema>;

/** One correction or account action, as the owner sees it in their activity timeline. */
export const AccountEventSchema = z.object({
  id: PositiveIntSchema,
  kind: z.enum([
    'account-created',
    'age-confirmed',
    'profile-updated',
    'email-changed',
    'pet-added',
    'pet-updated',
    'pet-removed',
    'signed-out-elsewhere',
  ]),
  at: InstantSchema,
  /**
   * Which fields changed, from what to what. Email changes show both addresses. Pet events
   * start with `{ field: 'pet', from, to }`, the pet's name before and after (null when added
   * or removed), to name the pet; the entries after it are the fields that changed.
   */
  changes: z.array(
    z.object({ field: z.string(), from: z.nullable(z.string()), to: z.nullable(z.string()) }),
  ),
  actor: z.enum(['owner', 'staff', 'system']),
});
export type AccountEvent = z.infer<typeof AccountEventSchema>;
export const AccountEventListSchema = z.array(AccountEventSchema);
