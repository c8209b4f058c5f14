import type { Kysely, Selectable } from 'kysely';
import type {
  Category,
  Channel,
  ConsentEvent,
  ConsentSource,
} from '../../src/contract/preferences.ts';
import type { DialectName } from '../db/database.ts';
import type { ConsentEventsTable, DatabaseSchema, PreferenceStatesTable } from '../db/schema.ts';
import {
  cellKey,
  NO_STATE,
  parseClinicDefaults,
  type ClinicDefaults,
  type OwnerPreferenceState,
} from './preference-rules.ts';

export interface NewConsentEvent {
  clinicId: number;
  userId: number;
  category: Category;
  channel: Channel;
  enabled: boolean;
  previous: boolean | null;
  source: ConsentSource;
  at: Date;
  policyVersion: number | null;
  actorUserId: number | null;
}

/** A consent event with whose it is, for the clinic's export. */
export interface ConsentExportRow extends ConsentEvent {
  ownerId: number;
  ownerEmail: string | null;
}

/** An owner as the preferences need them: whose, where, and whether the account is open. */
export interface OwnerRecord {
  id: number;
  clinicId: number;
  clinicSlug: string;
  clinicName: string;
  clinicContactEmail: string;
  email: string | null;
  isActive: boolean;
}

const toBool = (value: number | null) => (value === null ? null : value === 1);

const toEvent = (row: Selectable<ConsentEventsTable>): ConsentEvent => ({
  id: row.id,
  category: row.category as Category,
  channel: row.channel as Channel,
  enabled: row.enabled === 1,
  previous: toBool(row.previous),
  source: row.source as ConsentSource,
  at: row.at,
  policyVersion: row.policy_version,
});

/** One owner's flags from their row: the one mapping, used for one owner and for many. */
const toState = (row: Selectable<PreferenceStatesTable>): OwnerPreferenceState => ({
  smsOptedOutAt: row.sms_opted_out_at,
  gpcHonouredAt: row.gpc_honoured_at,
  restrictedAt: row.restricted_at,
});

export function createPreferencesRepository(db: Kysely<DatabaseSchema>, dialect: DialectName) {
  const readState = async (userId: number, forUpdate: boolean) => {
    let query = db.selectFrom('preference_states').selectAll().where('user_id', '=', userId);
    if (forUpdate && dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toState(row) : { ...NO_STATE };
  };

  return {
    /**
     * The owner's flags, with their row created if need be and, on PostgreSQL, locked until
     * the transaction ends: two changes of one owner's preferences queue up, so each event's
     * "previous" is the value it really replaced. (SQLite runs one write transaction at a time.)
     */
    async lockOwner(userId: number): Promise<OwnerPreferenceState> {
      await db
        .insertInto('preference_states')
        .values({ user_id: userId, sms_opted_out_at: null, gpc_honoured_at: null })
        .onConflict((oc) => oc.column('user_id').doNothing())
        .execute();
      return readState(userId, true);
    },

    readState: (userId: number) => readState(userId, false),

    /** The flags of many owners at once (a push fan-out page); owners without a row have none. */
    async readStates(userIds: readonly number[]): Promise<Map<number, OwnerPreferenceState>> {
      const states = new Map<number, OwnerPreferenceState>();
      if (userIds.length === 0) return states;
      const rows = await db
        .selectFrom('preference_states')
        .selectAll()
        .where('user_id', 'in', [...userIds])
        .execute();
      for (const row of rows) states.set(row.user_id, toState(row));
      return states;
    },

    /** The explicit choices of many owners for one category, by owner then `cellKey`. */
    async explicitChoicesFor(
      userIds: readonly number[],
      category: Category,
    ): Promise<Map<number, Map<string, boolean>>> {
      const choices = new Map<number, Map<string, boolean>>();
      if (userIds.length === 0) return choices;
      const rows = await db
        .selectFrom('preferences')
        .select(['user_id', 'channel', 'enabled'])
        .where('user_id', 'in', [...userIds])
        .where('category', '=', category)
        .execute();
      for (const row of rows) {
        let own = choices.get(row.user_id);
        if (!own) choices.set(row.user_id, (own = new Map()));
        own.set(cellKey(category, row.channel as Channel), row.enabled === 1);
      }
      return choices;
    },

    async updateState(userId: number, patch: Partial<OwnerPreferenceState>): Promise<void> {
      const set = {
        ...(patch.smsOptedOutAt !== undefined ? { sms_opted_out_at: patch.smsOptedOutAt } : {}),
        ...(patch.gpcHonouredAt !== undefined ? { gpc_honoured_at: patch.gpcHonouredAt } : {}),
        ...(patch.restrictedAt !== undefined ? { restricted_at: patch.restrictedAt } : {}),
      };
      if (Object.keys(set).length === 0) return;
      await db.updateTable('preference_states').set(set).where('user_id', '=', userId).execute();
    },

    async explicitChoices(userId: number): Promise<Map<string, boolean>> {
      const rows = await db
        .selectFrom('preferences')
        .select(['category', 'channel', 'enabled'])
        .where('user_id', '=', userId)
        .execute();
      return new Map(
        rows.map((r) => [cellKey(r.category as Category, r.channel as Channel), r.enabled === 1]),
      );
    },

    async setChoice(
      userId: number,
      category: Category,
      channel: Channel,
      enabled: boolean,
      now: Date,
    ): Promise<void> {
      const values = { enabled: enabled ? 1 : 0, updated_at: now.toISOString() };
      await db
        .insertInto('preferences')
        .values({ user_id: userId, category, channel, ...values })
        .onConflict((oc) => oc.columns(['user_id', 'category', 'channel']).doUpdateSet(values))
        .execute();
    },

    async clinicDefaults(clinicId: number): Promise<ClinicDefaults> {
      const row = await db
        .selectFrom('clinics')
        .select('preference_defaults')
        .where('id', '=', clinicId)
        .executeTakeFirst();
      return row ? parseClinicDefaults(row.preference_defaults) : {};
    },

    async insertEvent(event: NewConsentEvent): Promise<number> {
      const row = await db
        .insertInto('consent_events')
        .values({
          clinic_id: event.clinicId,
          user_id: event.userId,
          category: event.category,
          channel: event.channel,
          enabled: event.enabled ? 1 : 0,
          previous: event.previous === null ? null : event.previous ? 1 : 0,
          source: event.source,
          at: event.at.toISOString(),
          policy_version: event.policyVersion,
          actor_user_id: event.actorUserId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** The owner's history, newest first (ids grow with time; events of one change share `at`). */
    async listEvents(userId: number): Promise<ConsentEvent[]> {
      const rows = await db
        .selectFrom('consent_events')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toEvent);
    },

    /**
     * A clinic's events, oldest first, page by page on the primary key, up to the newest one
     * when the export starts. Keyset pages keep memory flat however many events there are,
     * and, unlike `.stream()`, need no cursor support in the PostgreSQL driver; on SQLite they
     * also let other requests use the one connection between pages.
     */
    async *exportEvents(clinicId: number, pageSize = 500): AsyncGenerator<ConsentExportRow> {
      const newest = await db
        .selectFrom('consent_events')
        .select((eb) => eb.fn.max('id').as('max'))
        .where('clinic_id', '=', clinicId)
        .executeTakeFirst();
      const lastId = Number(newest?.max ?? 0);
      let afterId = 0;
      while (afterId < lastId) {
        const rows = await db
          .selectFrom('consent_events as e')
          .innerJoin('users as u', 'u.id', 'e.user_id')
          .selectAll('e')
          .select('u.email as owner_email')
          .where('e.clinic_id', '=', clinicId)
          .where('e.id', '>', afterId)
          .where('e.id', '<=', lastId)
          .orderBy('e.id')
          .limit(pageSize)
          .execute();
        if (rows.length === 0) return;
        for (const row of rows) {
          yield { ...toEvent(row), ownerId: row.user_id, ownerEmail: row.owner_email };
        }
        afterId = rows[rows.length - 1]?.id ?? lastId;
      }
    },

    async findOwner(userId: number): Promise<OwnerRecord | undefined> {
      const row = await db
        .selectFrom('users as u')
        .innerJoin('clinics as c', 'c.id', 'u.clinic_id')
        .select([
          'u.id',
          'u.clinic_id',
          'u.email',
          'u.status',
          'u.role',
          'c.slug',
          'c.name',
          'c.contact_email',
        ])
        .where('u.id', '=', userId)
        .executeTakeFirst();
      if (!row || row.role !== 'owner') return undefined;
      return {
        id: row.id,
        clinicId: row.clinic_id,
        clinicSlug: row.slug,
        clinicName: row.name,
        clinicContactEmail: row.contact_email,
        email: row.email,
        isActive: row.status === 'active',
      };
    },
  };
}

export type PreferencesRepository = ReturnType<typeof createPreferencesRepository>;
