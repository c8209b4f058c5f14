import { z } from 'zod/mini';
import { InstantSchema, PositiveIntSchema, SlugSchema } from './common.ts';

/** Addresses are compared case-insensitively and stored lowercased. */
export const EmailSchema = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.maxLength(254),
    z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter an email address such as name@example.com.'),
  );

export const OneTimeCodeSchema = z
  .string()
  .check(z.trim(), z.regex(/^\d{6}$/, 'The code is the 6 digits from the email.'));

export const SignInCodeRequestSchema = z.object({ clinic: SlugSchema, email: EmailSchema });
export type SignInCodeRequest = z.infer<typeof SignInCodeRequestSchema>;

export const SignInVerifyRequestSchema = z.object({
  clinic: SlugSchema,
  email: EmailSchema,
  code: OneTimeCodeSchema,
});
export type SignInVerifyRequest = z.infer<typeof SignInVerifyRequestSchema>;

export const RoleSchema = z.enum(['owner', 'staff', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

export const UserSchema = z.object({
  id: PositiveIntSchema,
  role: RoleSchema,
  clinic: SlugSchema,
  email: z.string(),
  name: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  ageConfirmed: z.boolean(),
  createdAt: InstantSchema,
  /** The session is stepped up (a fresh code) until this instant, for export and deletion. */
  steppedUpUntil: z.nullable(InstantSchema),
});
export type User = z.infer<typeof UserSchema>;

export const SignInResultSchema = z.object({ user: UserSchema });

export const AgeConfirmationSchema = z.object({ sixteenOrOlder: z.boolean() });

export const StepUpRequestSchema = z.object({ code: OneTimeCodeSchema });

export const SessionInfoSchema = z.object({
  id: z.string(),
  isCurrent: z.boolean(),
  createdAt: InstantSchema,
  lastSeenAt: InstantSchema,
  userAgent: z.nullable(z.string()),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;
export const SessionListSchema = z.array(SessionInfoSchema);
