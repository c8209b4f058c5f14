import type { Kysely } from 'kysely';
import type { AccountEvent } from '../../src/contract/account.ts';
import type { DatabaseSchema } from '../db/schema.ts';

export type AccountEventInput = Omit<AccountEvent, 'id' | 'at'>;

/** The owner's activity timeline: every correction and account action, with old → new. */
export function createAccountEventsRepository(db: Kysely<DatabaseSchema>) {
  return {
    async record(userId: number, event: AccountEventInput, at: Date): Promise<void> {
      await db
        .insertInto('account_events')
        .values({
          user_id: userId,
          kind: event.kind,
          changes: JSON.stringify(event.changes),
          actor: event.actor,
          at: at.toISOString(),
        })
        .execute();
    },

    async list(userId: number): Promise<AccountEvent[]> {
      const rows = await db
        .selectFrom('account_events')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        kind: row.kind as AccountEvent['kind'],
        at: row.at,
        changes: JSON.parse(row.changes) as AccountEvent['changes'],
        actor: row.actor as AccountEvent['actor'],
      }));
    },
  };
}
