import type { Kysely, Selectable } from 'kysely';
import type { DialectName } from '../db/database.ts';
import type { DatabaseSchema, SmsOutboxTable } from '../db/schema.ts';
import type { SmsMessage } from './sms-gateway.ts';

export interface QueuedSms extends SmsMessage {
  id: number;
  attempts: number;
}

const toQueued = (row: Selectable<SmsOutboxTable>): QueuedSms => ({
  id: row.id,
  attempts: row.attempts,
  to: row.to_number,
  text: row.text_body,
});

export interface PhoneOwner {
  id: number;
  clinicId: number;
  phone: string;
}

export function createSmsRepository(db: Kysely<DatabaseSchema>, dialect: DialectName) {
  return {
    /** Queues a text. Call it with the transaction of the change that causes it. */
    async enqueue(message: SmsMessage, now: Date): Promise<number> {
      const row = await db
        .insertInto('sms_outbox')
        .values({
          to_number: message.to,
          text_body: message.text,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now.toISOString(),
          created_at: now.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Claims due texts with a lease, like the mail outbox: delivery is at least once. */
    async claimDue(now: Date, limit: number, leaseMs: number): Promise<QueuedSms[]> {
      const at = now.toISOString();
      const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
      return db.transaction().execute(async (trx) => {
        let query = trx
          .selectFrom('sms_outbox')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', at)
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
          .orderBy('next_attempt_at')
          .limit(limit);
        if (dialect === 'postgres') query = query.forUpdate().skipLocked();
        const ids = (await query.execute()).map((r) => r.id);
        if (ids.length === 0) return [];
        const rows = await trx
          .updateTable('sms_outbox')
          .set({ locked_until: leaseUntil })
          .where('id', 'in', ids)
          .returningAll()
          .execute();
        return rows.map(toQueued);
      });
    },

    async markSent(id: number, now: Date): Promise<void> {
      await db
        .updateTable('sms_outbox')
        .set((eb) => ({
          status: 'sent',
          sent_at: now.toISOString(),
          locked_until: null,
          attempts: eb('attempts', '+', 1),
          last_error: null,
        }))
        .where('id', '=', id)
        .execute();
    },

    async markFailedAttempt(id: number, error: string, retryAt: Date | null): Promise<void> {
      await db
        .updateTable('sms_outbox')
        .set((eb) => ({
          status: retryAt ? 'pending' : 'failed',
          next_attempt_at: retryAt ? retryAt.toISOString() : eb.ref('next_attempt_at'),
          locked_until: null,
          attempts: eb('attempts', '+', 1),
          last_error: error.slice(0, 500),
        }))
        .where('id', '=', id)
        .execute();
    },

    /**
     * The clinic's open owner accounts whose number ends in these digits: candidates only,
     * which phone-numbers.ts then compares exactly. Numbers are stored as the profile form
     * normalises them (digits, optional leading +), so a suffix match finds them whatever
     * country prefix they were typed with.
     */
    async ownersWithPhoneEnding(clinicId: number, lastDigits: string): Promise<PhoneOwner[]> {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'clinic_id', 'phone'])
        .where('clinic_id', '=', clinicId)
        .where('role', '=', 'owner')
        .where('status', '=', 'active')
        .where('phone', 'like', `%${lastDigits}`)
        .execute();
      return rows.flatMap((r) =>
        r.phone ? [{ id: r.id, clinicId: r.clinic_id, phone: r.phone }] : [],
      );
    },
  };
}

export type SmsRepository = ReturnType<typeof createSmsRepository>;
