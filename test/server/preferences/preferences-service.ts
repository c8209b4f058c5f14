import { getOrCreateSecret } from '../../../server/lib/secrets.ts';
import {
  createPreferencesService,
  type PreferencesService,
} from '../../../server/preferences/preferences.service.ts';
import type { TestApp } from '../../support/test-app.ts';

/**
 * A second instance of the preferences service on the test app's database, as a worker with
 * no request would have (it signs with the same stored secret); queued mail is sent by
 * `t.app.mailOutbox.drain()`.
 */
export async function preferencesServiceFor(
  t: TestApp,
  config: { publicUrl: string | undefined; port: number } = t.config,
): Promise<PreferencesService> {
  return createPreferencesService({
    db: t.database.kysely,
    dialect: t.database.dialect,
    clock: t.clock,
    config,
    unsubscribeSecret: await getOrCreateSecret(t.database.kysely, 'unsubscribe'),
    onMailQueued: () => undefined,
  });
}

/** The owner's clinic id, for service calls made outside a request. */
export async function ownerRef(t: TestApp, userId: number) {
  const row = await t.database.kysely
    .selectFrom('users')
    .select(['id', 'clinic_id'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { id: row.id, clinicId: row.clinic_id };
}
