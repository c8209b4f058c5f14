import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { VapidKeys } from './push-sender.ts';
import { checkVapidSubject, generateVapidKeyPair } from './vapid-config.ts';

const SETTINGS_KEY = 'vapid:keys';

/** Only when there is no clinic at all to take a contact address from. */
const FALLBACK_SUBJECT = 'mailto:no-reply@pawtal.invalid';

/**
 * The deployment's one VAPID key pair: from the environment, or generated on first start and
 * kept in the database, so every instance sharing it signs with the same key and the browsers'
 * subscriptions (bound to the public key) survive restarts.
 */
export async function resolveVapidKeys(
  db: Kysely<DatabaseSchema>,
  config: Pick<Config, 'vapidKeys' | 'vapidSubject'>,
  firstClinicContactEmail: string | undefined,
): Promise<VapidKeys> {
  // The default must pass the same check VAPID_SUBJECT does: a clinic whose contact is on
  // localhost (a dev seed) would otherwise have every message refused by Apple.
  const fromClinic = firstClinicContactEmail ? `mailto:${firstClinicContactEmail}` : undefined;
  const subject =
    config.vapidSubject ??
    (fromClinic && checkVapidSubject(fromClinic) === null ? fromClinic : FALLBACK_SUBJECT);
  if (config.vapidKeys) return { ...config.vapidKeys, subject };

  const read = async () => {
    const row = await db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', SETTINGS_KEY)
      .executeTakeFirst();
    return row ? (JSON.parse(row.value) as { publicKey: string; privateKey: string }) : undefined;
  };
  const existing = await read();
  if (existing) return { ...existing, subject };
  // Two instances starting together: the primary key keeps the first pair, and both read it.
  await db
    .insertInto('settings')
    .values({ key: SETTINGS_KEY, value: JSON.stringify(generateVapidKeyPair()) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await read();
  if (!stored) throw new Error('The VAPID key pair could not be stored.');
  return { ...stored, subject };
}
