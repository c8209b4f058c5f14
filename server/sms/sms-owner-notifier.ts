import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { DialectName } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { PreferencesService } from '../preferences/preferences.service.ts';
import type { OwnerNotice } from '../requests/privacy-registry.ts';
import { createSmsRepository } from './sms.repository.ts';

export interface SmsOwnerNotifierDeps {
  db: Kysely<DatabaseSchema>;
  dialect: DialectName;
  clock: Clock;
  preferences: PreferencesService;
  /** The app's public origin, for the link to the request. */
  origin: () => string;
  onQueued: () => void;
}

/**
 * A privacy request's news as a text, for an owner with a phone whose service texts are on:
 * the preferences decide, so an SMS STOP or an erasure keeps it from being sent. One short
 * line and the link; the details are in the app and the mail.
 */
export function smsOwnerNotifier(deps: SmsOwnerNotifierDeps) {
  return async (notice: OwnerNotice): Promise<void> => {
    const owner = await deps.db
      .selectFrom('users')
      .innerJoin('clinics', 'clinics.id', 'users.clinic_id')
      .select(['users.phone', 'users.status', 'clinics.short_name'])
      .where('users.id', '=', notice.userId)
      .executeTakeFirst();
    if (!owner?.phone || owner.status !== 'active') return;
    const service = await deps.preferences.categoryCellsFor(
      notice.clinicId,
      [notice.userId],
      'service',
    );
    if (!service.get(notice.userId)?.sms) return;
    const text = `${owner.short_name}: ${notice.title} (${notice.reference}). ${deps.origin()}${notice.url}`;
    await createSmsRepository(deps.db, deps.dialect).enqueue(
      { to: owner.phone, text },
      deps.clock.now(),
    );
    deps.onQueued();
  };
}
