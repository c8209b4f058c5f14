import type { Kysely, Selectable } from 'kysely';
import type { Role } from '../../src/contract/auth.ts';
import type { DatabaseSchema, OneTimeCodesTable, SessionsTable, UsersTable } from '../db/schema.ts';

export interface UserRecord {
  id: number;
  clinicId: number;
  role: Role;
  email: string | null;
  name: string | null;
  phone: string | null;
  isAgeConfirmed: boolean;
  status: 'active' | 'erased';
  createdAt: string;
}

export interface SessionRecord {
  id: string;
  userId: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  steppedUpUntil: string | null;
  userAgent: string | null;
}

export type CodePurpose = 'sign-in' | 'step-up' | 'email-change';

export interface CodeRecord {
  id: number;
  codeHash: string;
  attempts: number;
  expiresAt: string;
  endedAt: string | null;
  userId: number | null;
  payload: string | null;
}

export const toUser = (row: Selectable<UsersTable>): UserRecord => ({
  id: row.id,
  clinicId: row.clinic_id,
  role: row.role as Role,
  email: row.email,
  name: row.name,
  phone: row.phone,
  isAgeConfirmed: row.is_age_confirmed === 1,
  status: row.status as UserRecord['status'],
  createdAt: row.created_at,
});

const toSession = (row: Selectable<SessionsTable>): SessionRecord => ({
  id: row.id,
  userId: row.user_id,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  expiresAt: row.expires_at,
  steppedUpUntil: row.stepped_up_until,
  userAgent: row.user_agent,
});

const toCode = (row: Selectable<OneTimeCodesTable>): CodeRecord => ({
  id: row.id,
  codeHash: row.code_hash,
  attempts: row.attempts,
  expiresAt: row.expires_at,
  endedAt: row.ended_at,
  userId: row.user_id,
  payload: row.payload,
});

export function createAuthRepository(db: Kysely<DatabaseSchema>) {
  return {
    async findUserByEmail(clinicId: number, email: string): Promise<UserRecord | undefined> {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('clinic_id', '=', clinicId)
        .where('email', '=', email)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return row && toUser(row);
    },

    async findUser(id: number): Promise<UserRecord | undefined> {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },

    async insertUser(
      user: {
        clinicId: number;
        role: Role;
        email: string;
        name?: string | null;
        isAgeConfirmed: boolean;
      },
      now: Date,
    ): Promise<UserRecord> {
      const row = await db
        .insertInto('users')
        .values({
          clinic_id: user.clinicId,
          role: user.role,
          email: user.email,
          name: user.name ?? null,
          phone: null,
          is_age_confirmed: user.isAgeConfirmed ? 1 : 0,
          status: 'active',
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    },

    async confirmAge(userId: number, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('users')
        .set({ is_age_confirmed: 1, updated_at: now.toISOString() })
        .where('id', '=', userId)
        .where('is_age_confirmed', '=', 0)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async deleteUser(userId: number): Promise<void> {
      await db.deleteFrom('users').where('id', '=', userId).execute();
    },

    /** Ends every unused code for this address and purpose: only the newest one works. */
    async endActiveCodes(clinicId: number, purpose: CodePurpose, email: string, now: Date) {
      await db
        .updateTable('one_time_codes')
        .set({ ended_at: now.toISOString() })
        .where('clinic_id', '=', clinicId)
        .where('purpose', '=', purpose)
        .where('email', '=', email)
        .where('ended_at', 'is', null)
        .execute();
    },

    async insertCode(code: {
      clinicId: number;
      purpose: CodePurpose;
      email: string;
      userId: number | null;
      codeHash: string;
      createdAt: Date;
      expiresAt: Date;
      payload?: string | null;
    }): Promise<void> {
      await db
        .insertInto('one_time_codes')
        .values({
          clinic_id: code.clinicId,
          purpose: code.purpose,
          email: code.email,
          user_id: code.userId,
          code_hash: code.codeHash,
          attempts: 0,
          created_at: code.createdAt.toISOString(),
          expires_at: code.expiresAt.toISOString(),
          ended_at: null,
          payload: code.payload ?? null,
        })
        .execute();
    },

    async latestCode(
      clinicId: number,
      purpose: CodePurpose,
      email: string,
    ): Promise<CodeRecord | undefined> {
      const row = await db
        .selectFrom('one_time_codes')
        .selectAll()
        .where('clinic_id', '=', clinicId)
        .where('purpose', '=', purpose)
        .where('email', '=', email)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toCode(row);
    },

    /**
     * Counts one try against the code, atomically, so that parallel guesses cannot exceed the
     * limit. Returns the attempt number, or null when the code is already used up or void.
     */
    async countAttempt(codeId: number, maxAttempts: number): Promise<number | null> {
      const row = await db
        .updateTable('one_time_codes')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', codeId)
        .where('ended_at', 'is', null)
        .where('attempts', '<', maxAttempts)
        .returning('attempts')
        .executeTakeFirst();
      return row ? row.attempts : null;
    },

    /** Ends a code once. False means another request used it first. */
    async endCode(codeId: number, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('one_time_codes')
        .set({ ended_at: now.toISOString() })
        .where('id', '=', codeId)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async insertSession(session: SessionRecord): Promise<void> {
      await db
        .insertInto('sessions')
        .values({
          id: session.id,
          user_id: session.userId,
          created_at: session.createdAt,
          last_seen_at: session.lastSeenAt,
          expires_at: session.expiresAt,
          stepped_up_until: session.steppedUpUntil,
          user_agent: session.userAgent,
          revoked_at: null,
        })
        .execute();
    },

    async findLiveSession(id: string): Promise<SessionRecord | undefined> {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row && toSession(row);
    },

    async touchSession(id: string, now: Date): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: now.toISOString() })
        .where('id', '=', id)
        .execute();
    },

    async stepUpSession(id: string, until: Date): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ stepped_up_until: until.toISOString() })
        .where('id', '=', id)
        .execute();
    },

    async revokeSession(id: string, now: Date): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ revoked_at: now.toISOString() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },

    async revokeOtherSessions(userId: number, keepId: string | null, now: Date): Promise<number> {
      let query = db
        .updateTable('sessions')
        .set({ revoked_at: now.toISOString() })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null);
      if (keepId) query = query.where('id', '!=', keepId);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async listLiveSessions(userId: number, now: Date): Promise<SessionRecord[]> {
      const rows = await db
        .selectFrom('sessions')
        .selectAll()
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now.toISOString())
        .orderBy('last_seen_at', 'desc')
        .execute();
      return rows.map(toSession);
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
