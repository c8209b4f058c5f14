import type { Kysely, Selectable } from 'kysely';
import type { Pet, Species } from '../../src/contract/account.ts';
import { toUser, type UserRecord } from '../auth/auth.repository.ts';
import type { DialectName } from '../db/database.ts';
import type { DatabaseSchema, PetsTable } from '../db/schema.ts';

/** The owner's own details that they can correct themselves. */
export interface ProfileFields {
  name: string | null;
  phone: string | null;
}

export interface PetFields {
  name: string;
  species: Species;
  birthDate: string | null;
}

const toPet = (row: Selectable<PetsTable>): Pet => ({
  id: row.id,
  name: row.name,
  species: row.species as Species,
  birthDate: row.birth_date,
  updatedAt: row.updated_at,
});

/** SQLite says SQLITE_CONSTRAINT_UNIQUE, PostgreSQL says 23505 (unique_violation). */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

export function createAccountsRepository(db: Kysely<DatabaseSchema>, dialect: DialectName) {
  return {
    /**
     * The user's row as it is now, locked until the transaction ends on PostgreSQL, so that the
     * old → new values written to the timeline are the ones actually replaced. (SQLite runs
     * one write transaction at a time and has no FOR UPDATE.)
     */
    async findUserForUpdate(userId: number): Promise<UserRecord | undefined> {
      let query = db.selectFrom('users').selectAll().where('id', '=', userId);
      if (dialect === 'postgres') query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row && toUser(row);
    },

    async updateProfile(
      userId: number,
      changes: Partial<ProfileFields>,
      now: Date,
    ): Promise<UserRecord> {
      const row = await db
        .updateTable('users')
        .set({ ...changes, updated_at: now.toISOString() })
        .where('id', '=', userId)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    },

    /** Whether another account of this clinic (staff included) already uses the address. */
    async isEmailTaken(clinicId: number, email: string, exceptUserId: number): Promise<boolean> {
      const row = await db
        .selectFrom('users')
        .select('id')
        .where('clinic_id', '=', clinicId)
        .where('email', '=', email)
        .where('id', '!=', exceptUserId)
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * 'taken' when the unique (clinic, email) constraint refuses it. On PostgreSQL the
     * transaction is then aborted, so the caller must end it (throw) without further queries.
     */
    async updateEmail(userId: number, email: string, now: Date): Promise<UserRecord | 'taken'> {
      try {
        const row = await db
          .updateTable('users')
          .set({ email, updated_at: now.toISOString() })
          .where('id', '=', userId)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toUser(row);
      } catch (error) {
        if (isUniqueViolation(error)) return 'taken';
        throw error;
      }
    },

    async listPets(userId: number): Promise<Pet[]> {
      const rows = await db
        .selectFrom('pets')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toPet);
    },

    /**
     * Only the owner's own pet: another owner's pet is as absent as one that never existed.
     * Locked like `findUserForUpdate`, as it is read to be changed.
     */
    async findPet(userId: number, petId: number): Promise<Pet | undefined> {
      let query = db
        .selectFrom('pets')
        .selectAll()
        .where('id', '=', petId)
        .where('user_id', '=', userId);
      if (dialect === 'postgres') query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row && toPet(row);
    },

    async insertPet(userId: number, pet: PetFields, now: Date): Promise<Pet> {
      const row = await db
        .insertInto('pets')
        .values({
          user_id: userId,
          name: pet.name,
          species: pet.species,
          birth_date: pet.birthDate,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPet(row);
    },

    async updatePet(
      userId: number,
      petId: number,
      changes: Partial<PetFields>,
      now: Date,
    ): Promise<Pet> {
      const row = await db
        .updateTable('pets')
        .set({
          ...(changes.name === undefined ? {} : { name: changes.name }),
          ...(changes.species === undefined ? {} : { species: changes.species }),
          ...(changes.birthDate === undefined ? {} : { birth_date: changes.birthDate }),
          updated_at: now.toISOString(),
        })
        .where('id', '=', petId)
        .where('user_id', '=', userId)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPet(row);
    },

    async deletePet(userId: number, petId: number): Promise<void> {
      await db.deleteFrom('pets').where('id', '=', petId).where('user_id', '=', userId).execute();
    },
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
