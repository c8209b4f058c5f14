/*
 * The contract uses zod/mini: the same schemas validate on the server and in the phone's
 * browser, and mini's functional API tree-shakes to a third of classic zod's size in the app.
 */
import { z } from 'zod/mini';

/** An ISO 8601 instant in UTC, as the server writes them (`Date#toISOString`). */
export const InstantSchema = z.iso.datetime({ offset: false });
export type Instant = z.infer<typeof InstantSchema>;

export const SlugSchema = z
  .string()
  .check(
    z.minLength(2),
    z.maxLength(63),
    z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens'),
  );

export const PositiveIntSchema = z.int().check(z.positive());
export const NonNegativeIntSchema = z.int().check(z.nonnegative());

/** A positive whole number from a path or query string ("3" → 3). */
export const PositiveIntParamSchema = z.pipe(z.coerce.number(), PositiveIntSchema);
