import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';

/*
 * Keys for clinic systems (../shared/API.md "Clinic API keys"). A key is 256 random bits, so
 * a plain SHA-256 is enough to store it: there is nothing to brute-force, and the lookup by
 * hash needs no per-key salt. The key itself is shown once, when it is made.
 */

const PREFIX = 'pawtal_';

const hashKey = (key: string) => crypto.createHash('sha256').update(key).digest('base64url');

export interface ApiKeyOwner {
  id: number;
  clinicId: number;
  prefix: string;
}

export function createApiKeysRepository(db: Kysely<DatabaseSchema>) {
  return {
    /** A new key for the clinic. The caller shows it once; only its hash is kept. */
    async create(clinicId: number, now: Date): Promise<{ id: number; key: string }> {
      const key = PREFIX + crypto.randomBytes(32).toString('base64url');
      const row = await db
        .insertInto('api_keys')
        .values({
          clinic_id: clinicId,
          key_hash: hashKey(key),
          key_prefix: key.slice(0, PREFIX.length + 6),
          created_at: now.toISOString(),
          last_used_at: null,
          revoked_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, key };
    },

    /** The key's clinic, or undefined for a key that is unknown or revoked. */
    async verify(key: string, now: Date): Promise<ApiKeyOwner | undefined> {
      if (!key.startsWith(PREFIX) || key.length > 200) return undefined;
      const row = await db
        .selectFrom('api_keys')
        .select(['id', 'clinic_id', 'key_prefix', 'last_used_at'])
        .where('key_hash', '=', hashKey(key))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) return undefined;
      // Written at most once a minute: a busy integration should not turn reads into writes.
      const at = now.toISOString();
      if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
        await db
          .updateTable('api_keys')
          .set({ last_used_at: at })
          .where('id', '=', row.id)
          .execute();
      }
      return { id: row.id, clinicId: row.clinic_id, prefix: row.key_prefix };
    },
  };
}

export type ApiKeysRepository = ReturnType<typeof createApiKeysRepository>;
