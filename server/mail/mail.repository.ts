import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, MailOutboxTable } from '../db/schema.ts';
import type { MailMessage } from './mailer.ts';

export interface QueuedMail extends MailMessage {
  id: number;
  attempts: number;
}

const toQueued = (row: Selectable<MailOutboxTable>): QueuedMail => ({
  id: row.id,
  attempts: row.attempts,
  to: row.to_address,
  subject: row.subject,
  text: row.text_body,
  html: row.html_body ?? undefined,
  headers: JSON.parse(row.headers) as Record<string, string>,
});

/**
 * A mail to someone whose data is being erased (the confirmation of an erasure): once it is
 * delivered, or finally fails, its row keeps nothing of them. The header itself says nothing.
 */
export const REDACT_AFTER_DELIVERY_HEADER = 'X-Pawtal-Final-Notice';

export const REDACTED = '[erased]';

/** The columns of a mail row that could say whose it was, blanked. */
export const redactedMailColumns = {
  to_address: REDACTED,
  subject: REDACTED,
  text_body: REDACTED,
  html_body: null,
  headers: '{}',
  last_error: null,
} as const;

export function createMailRepository(db: Kysely<DatabaseSchema>, dialect: 'sqlite' | 'postgres') {
  const redactIfFinalNotice = async (id: number) => {
    await db
      .updateTable('mail_outbox')
      .set(redactedMailColumns)
      .where('id', '=', id)
      .where('headers', 'like', `%${REDACT_AFTER_DELIVERY_HEADER}%`)
      .execute();
  };

  return {
    /** Queues a message. Call it with the transaction of the change that causes the mail. */
    async enqueue(message: MailMessage, now: Date): Promise<number> {
      const row = await db
        .insertInto('mail_outbox')
        .values({
          to_address: message.to,
          subject: message.subject,
          text_body: message.text,
          html_body: message.html ?? null,
          headers: JSON.stringify(message.headers ?? {}),
          status: 'pending',
          attempts: 0,
          next_attempt_at: now.toISOString(),
          created_at: now.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /**
     * Claims up to `limit` due messages with a lease. A worker that dies mid-send leaves the
     * lease to run out, and the message is claimed again: delivery is at least once.
     */
    async claimDue(now: Date, limit: number, leaseMs: number): Promise<QueuedMail[]> {
      const at = now.toISOString();
      const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
      return db.transaction().execute(async (trx) => {
        let query = trx
          .selectFrom('mail_outbox')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', at)
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
          .orderBy('next_attempt_at')
          .limit(limit);
        // Several instances on one PostgreSQL share the queue without waiting on each other.
        if (dialect === 'postgres') query = query.forUpdate().skipLocked();
        const ids = (await query.execute()).map((r) => r.id);
        if (ids.length === 0) return [];
        const rows = await trx
          .updateTable('mail_outbox')
          .set({ locked_until: leaseUntil })
          .where('id', 'in', ids)
          .returningAll()
          .execute();
        return rows.map(toQueued);
      });
    },

    async markSent(id: number, now: Date): Promise<void> {
      await db
        .updateTable('mail_outbox')
        .set((eb) => ({
          status: 'sent',
          sent_at: now.toISOString(),
          locked_until: null,
          attempts: eb('attempts', '+', 1),
          last_error: null,
        }))
        .where('id', '=', id)
        .execute();
      await redactIfFinalNotice(id);
    },

    async markFailedAttempt(id: number, error: string, retryAt: Date | null): Promise<void> {
      await db
        .updateTable('mail_outbox')
        .set((eb) => ({
          status: retryAt ? 'pending' : 'failed',
          next_attempt_at: retryAt ? retryAt.toISOString() : eb.ref('next_attempt_at'),
          locked_until: null,
          attempts: eb('attempts', '+', 1),
          last_error: error.slice(0, 500),
        }))
        .where('id', '=', id)
        .execute();
      if (!retryAt) await redactIfFinalNotice(id);
    },

    async list(): Promise<Array<QueuedMail & { status: string; lastError: string | null }>> {
      const rows = await db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
      return rows.map((row) => ({
        ...toQueued(row),
        status: row.status,
        lastError: row.last_error,
      }));
    },
  };
}

export type MailRepository = ReturnType<typeof createMailRepository>;
