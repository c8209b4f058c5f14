import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ClinicRecord } from '../clinics/clinics.repository.ts';
import type { ClinicsService } from '../clinics/clinics.service.ts';
import type { Clock } from '../clock.ts';
import type { DialectName } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import type { PreferencesService } from '../preferences/preferences.service.ts';
import { isSamePhoneNumber, normalisePhone, PHONE_MATCH_DIGITS } from './phone-numbers.ts';
import { smsKeyword } from './sms-keywords.ts';
import { createSmsRepository } from './sms.repository.ts';

export class SmsNotConfiguredError extends DomainError {
  constructor() {
    super(
      503,
      'sms-not-configured',
      'Inbound texts are not set up here: SMS_WEBHOOK_SECRET is not configured.',
    );
  }
}

export class InvalidSignatureError extends DomainError {
  constructor() {
    super(401, 'invalid-signature', 'The x-pawtal-signature header does not match the body.');
  }
}

export interface InboundSms {
  from: string;
  to?: string | undefined;
  text: string;
  clinic: string;
}

/*
 * The replies. A STOP confirmation may only confirm (47 CFR 64.1200(a)(12): no marketing);
 * how to opt back in is part of confirming. HELP is answered even after STOP, as carriers
 * (CTIA) expect.
 */
export const smsReplies = {
  stop: (clinic: ClinicRecord) =>
    `${clinic.shortName}: you will get no more texts from us, not even appointment messages; ` +
    `those come by email. Reply START to get service texts again.`,
  start: (clinic: ClinicRecord) =>
    `${clinic.shortName}: service texts (appointments, your requests) are back on. Reminders ` +
    `and news by text stay off until you switch them on in the app. Reply STOP to stop.`,
  help: (clinic: ClinicRecord) =>
    `${clinic.name}: for help, write to ${clinic.contactEmail}. Reply STOP to stop texts.`,
};

export interface SmsServiceDeps {
  db: Kysely<DatabaseSchema>;
  dialect: DialectName;
  clock: Clock;
  clinics: ClinicsService;
  preferences: PreferencesService;
  /** SMS_WEBHOOK_SECRET; undefined refuses every inbound text. */
  webhookSecret: string | undefined;
  onSmsQueued: () => void;
}

export function createSmsService(deps: SmsServiceDeps) {
  const { db, dialect, clock, clinics, preferences } = deps;
  const repo = createSmsRepository(db, dialect);

  async function ownersOf(clinicId: number, from: string) {
    const digits = normalisePhone(from).replace('+', '');
    if (digits.length < PHONE_MATCH_DIGITS) return [];
    const candidates = await repo.ownersWithPhoneEnding(
      clinicId,
      digits.slice(-PHONE_MATCH_DIGITS),
    );
    return candidates.filter((owner) => isSamePhoneNumber(owner.phone, from));
  }

  return {
    /**
     * `x-pawtal-signature: sha256=<hex HMAC-SHA256 of the raw body>` under the shared secret.
     * The body as received, byte for byte: re-serialised JSON would not match.
     */
    verifySignature(rawBody: Buffer, header: string | undefined): void {
      if (!deps.webhookSecret) throw new SmsNotConfiguredError();
      const given = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '')?.[1];
      if (!given) throw new InvalidSignatureError();
      const expected = crypto.createHmac('sha256', deps.webhookSecret).update(rawBody).digest();
      if (!crypto.timingSafeEqual(expected, Buffer.from(given, 'hex'))) {
        throw new InvalidSignatureError();
      }
    },

    /**
     * A text from an owner's phone. Only whole-message keywords do anything, and only for a
     * number that belongs to an open owner account of that clinic; for any other number
     * nothing happens and nothing is sent, so the answer tells nobody who is a client.
     *
     * One number may belong to several owners (a household): a STOP from it is that number's
     * wish, so it applies to all of them, and it is confirmed with one text.
     *
     * Confirmations: one per opt-out that changed something. A STOP from a number that already
     * said STOP gets no second text. FCC 24-24 allows a single confirmation of a revocation;
     * a repeated STOP revokes nothing new, and texting a number that has just said "stop" again
     * is what the rule is there to prevent (it also ends loops with auto-repliers). START
     * likewise confirms only when texts were off: "YES" is also an everyday answer to other
     * texts, and should not draw a reply when there was nothing to restart.
     */
    async receive(message: InboundSms): Promise<void> {
      const clinic = await clinics.require(message.clinic);
      const keyword = smsKeyword(message.text);
      if (!keyword) return;
      const owners = await ownersOf(clinic.id, message.from);
      if (owners.length === 0) return;
      const now = clock.now();

      const queued = await db.transaction().execute(async (trx) => {
        let reply: string | null = null;
        if (keyword === 'help') {
          reply = smsReplies.help(clinic);
        } else {
          let changed = false;
          for (const owner of owners) {
            const options = { trx, now };
            const didChange =
              keyword === 'stop'
                ? await preferences.stopSms(owner, options)
                : await preferences.startSms(owner, options);
            changed = changed || didChange;
          }
          if (changed) reply = smsReplies[keyword](clinic);
        }
        // In the transaction of the change: a crash cannot lose the confirmation, nor send one
        // for a change that did not happen.
        if (reply)
          await createSmsRepository(trx, dialect).enqueue({ to: message.from, text: reply }, now);
        return reply !== null;
      });
      if (queued) deps.onSmsQueued();
    },
  };
}

export type SmsService = ReturnType<typeof createSmsService>;
