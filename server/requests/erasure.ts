import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import { redactedMailColumns, REDACTED } from '../mail/mail.repository.ts';
import type { PreferencesService } from '../preferences/preferences.service.ts';
import { normalisePhone } from '../sms/phone-numbers.ts';
import type { ErasureStep, ErasureSubject } from './privacy-registry.ts';

/*
 * Erasure of an owner's account (GDPR Art. 17, CCPA §1798.105), all in the caller's one
 * transaction: either everything of theirs goes, or nothing does.
 *
 * - The user row is kept, anonymised (no email, name or phone; status `erased`), because the
 *   pseudonymised request records and consent events point at it. Sign-in looks up active
 *   accounts by email, so the old account can never be signed into again; signing in later with
 *   the same address starts a fresh, empty account, like anyone new (open registration).
 * - Consent events are kept, with an `erasure` event closing every cell that was on: they carry
 *   no identity once the account is anonymised, and they prove what was lawfully sent before
 *   (GDPR Art. 7(1)). Preferences and their flags are deleted.
 * - Pets, sessions, one-time codes, account activity (it holds old and new values) and rate
 *   limit entries naming their address are deleted; mail and texts to them are redacted, and
 *   those still queued are cancelled.
 * - Every privacy request about them is pseudonymised and kept 24 months (11 CCR §7101).
 * - Then every step another module registered (e.g. push subscriptions) runs.
 */

type Db = Kysely<DatabaseSchema>;

/** `%` and `_` are LIKE wildcards, and addresses often contain `_`. */
const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Every address, number and name the account has had: its activity records the changes. */
export async function erasureSubject(trx: Db, userId: number): Promise<ErasureSubject | null> {
  const user = await trx
    .selectFrom('users')
    .selectAll()
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return null;
  const emails = new Set<string>();
  const phones = new Set<string>();
  const names = new Set<string>();
  if (user.email) emails.add(user.email);
  if (user.phone) phones.add(user.phone);
  if (user.name) names.add(user.name);
  const events = await trx
    .selectFrom('account_events')
    .select('changes')
    .where('user_id', '=', userId)
    .execute();
  for (const event of events) {
    let changes: unknown;
    try {
      changes = JSON.parse(event.changes);
    } catch {
      continue;
    }
    if (!Array.isArray(changes)) continue;
    for (const change of changes as Array<{ field?: unknown; from?: unknown; to?: unknown }>) {
      const values = [change.from, change.to].filter((v): v is string => typeof v === 'string');
      if (change.field === 'email') values.forEach((v) => emails.add(v.toLowerCase()));
      if (change.field === 'phone') values.forEach((v) => phones.add(v));
      if (change.field === 'name') values.forEach((v) => names.add(v));
    }
  }
  return {
    userId,
    clinicId: user.clinic_id,
    emails: [...emails],
    phones: [...phones],
    names: [...names],
  };
}

/** The steps the core modules need; other modules' steps are added through the registry. */
export const coreErasureSteps: ErasureStep[] = [
  {
    name: 'pets',
    run: async (trx, subject) => {
      await trx.deleteFrom('pets').where('user_id', '=', subject.userId).execute();
    },
  },
  {
    name: 'sessions',
    run: async (trx, subject) => {
      await trx.deleteFrom('sessions').where('user_id', '=', subject.userId).execute();
    },
  },
  {
    name: 'one-time-codes',
    run: async (trx, subject) => {
      await trx.deleteFrom('one_time_codes').where('user_id', '=', subject.userId).execute();
      for (const email of subject.emails) {
        await trx
          .deleteFrom('one_time_codes')
          .where('clinic_id', '=', subject.clinicId)
          .where((eb) => eb.or([eb('email', '=', email), eb('payload', '=', email)]))
          .execute();
      }
    },
  },
  {
    name: 'rate-limit-entries',
    run: async (trx, subject) => {
      // Sign-in limits are keyed by address (`code:addr:<clinic>:<email>`).
      for (const text of [...subject.emails, ...subject.phones]) {
        await trx
          .deleteFrom('rate_limit_events')
          .where(sql<boolean>`key like ${likeContaining(text)} escape '\\'`)
          .execute();
      }
      await trx
        .deleteFrom('rate_limit_events')
        .where('key', '=', `stepup:user:${subject.userId}`)
        .execute();
    },
  },
  {
    name: 'account-activity',
    run: async (trx, subject) => {
      await trx.deleteFrom('account_events').where('user_id', '=', subject.userId).execute();
    },
  },
  {
    name: 'mail',
    run: async (trx, subject) => {
      for (const email of subject.emails) {
        const theirs = trx
          .updateTable('mail_outbox')
          .where((eb) =>
            eb.or([
              eb('to_address', '=', email),
              eb('text_body', 'like', likeContaining(email)),
              eb('subject', 'like', likeContaining(email)),
            ]),
          );
        // Queued mail to them is not sent any more; sent mail keeps only that it was sent.
        await theirs
          .set({ ...redactedMailColumns, status: 'cancelled' })
          .where('status', '=', 'pending')
          .execute();
        await theirs.set(redactedMailColumns).execute();
      }
    },
  },
  {
    name: 'texts',
    run: async (trx, subject) => {
      for (const phone of subject.phones) {
        const numbers = [...new Set([phone, normalisePhone(phone)])];
        const theirs = trx.updateTable('sms_outbox').where('to_number', 'in', numbers);
        await theirs
          .set({ to_number: REDACTED, text_body: REDACTED, last_error: null, status: 'cancelled' })
          .where('status', '=', 'pending')
          .execute();
        await theirs.set({ to_number: REDACTED, text_body: REDACTED, last_error: null }).execute();
      }
    },
  },
];

export interface EraseOwnerDeps {
  preferences: PreferencesService;
  steps: readonly ErasureStep[];
  /** Drops identity from their request records and sets how long they are kept. */
  pseudonymiseRequests: (trx: Db, subject: ErasureSubject, now: Date) => Promise<void>;
}

/** Runs the whole erasure in `trx`. Returns the subject that was erased, or null if unknown. */
export async function eraseOwner(
  trx: Db,
  userId: number,
  now: Date,
  deps: EraseOwnerDeps,
): Promise<ErasureSubject | null> {
  const subject = await erasureSubject(trx, userId);
  if (!subject) return null;
  await deps.preferences.endForErasure({ id: userId, clinicId: subject.clinicId }, { trx, now });
  for (const step of deps.steps) await step.run(trx, subject, now);
  await deps.pseudonymiseRequests(trx, subject, now);
  await trx
    .updateTable('users')
    .set({
      email: null,
      name: null,
      phone: null,
      status: 'erased',
      is_age_confirmed: 0,
      updated_at: now.toISOString(),
    })
    .where('id', '=', userId)
    .execute();
  return subject;
}
