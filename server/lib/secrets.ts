import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';

/**
 * A deployment-wide random secret, generated on first use and kept in the database, so every
 * instance sharing the database signs and checks with the same key.
 */
export async function getOrCreateSecret(db: Kysely<DatabaseSchema>, name: string): Promise<Buffer> {
  const key = `secret:${name}`;
  const existing = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  if (existing) return Buffer.from(existing.value, 'base64');
  const value = crypto.randomBytes(32).toString('base64');
  // Two instances racing here: the primary key keeps the first, and both read it back.
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return Buffer.from(stored.value, 'base64');
}

export function hmac(secret: Buffer, ...parts: string[]): string {
  return crypto.createHmac('sha256', secret).update(parts.join('\u0000')).digest('base64url');
}

/** Constant-time comparison of two base64url digests. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
