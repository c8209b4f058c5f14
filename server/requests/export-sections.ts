import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import { CATEGORIES, CHANNELS } from '../preferences/preference-rules.ts';
import type { PreferencesService } from '../preferences/preferences.service.ts';
import type { ExportSection } from './privacy-registry.ts';

/*
 * The sections of the owner's export that the core modules hold: profile, pets, preferences,
 * consent history, privacy requests with their timelines, account activity and sign-ins.
 * Long histories are read in keyset pages on the primary key, so memory stays flat and each
 * page is an index range scan, however many rows there are.
 */

type Db = Kysely<DatabaseSchema>;

export const EXPORT_PAGE_SIZE = 500;

/** Pages of rows with ids above the last one seen, until a short page. */
export async function* keysetPages<T extends { id: number }>(
  fetchPage: (afterId: number, limit: number) => Promise<T[]>,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<T> {
  let afterId = 0;
  for (;;) {
    const rows = await fetchPage(afterId, pageSize);
    yield* rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    afterId = last.id;
  }
}

const bool = (value: number | null) => (value === null ? null : value === 1);

const countOf = async (query: Promise<{ n: number | string | bigint } | undefined>) =>
  Number((await query)?.n ?? 0);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function coreExportSections(db: Db, preferences: PreferencesService): ExportSection[] {
  return [
    {
      name: 'profile',
      title: 'Your profile',
      count: async () => 1,
      async *rows(userId) {
        const user = await db
          .selectFrom('users as u')
          .innerJoin('clinics as c', 'c.id', 'u.clinic_id')
          .select([
            'u.id',
            'u.email',
            'u.name',
            'u.phone',
            'u.role',
            'u.is_age_confirmed',
            'u.status',
            'u.created_at',
            'u.updated_at',
            'c.slug',
          ])
          .where('u.id', '=', userId)
          .executeTakeFirst();
        if (!user) return;
        yield {
          id: user.id,
          email: user.email,
          name: user.name,
          phone: user.phone,
          role: user.role,
          clinic: user.slug,
          ageConfirmed: user.is_age_confirmed === 1,
          status: user.status,
          createdAt: user.created_at,
          updatedAt: user.updated_at,
        };
      },
    },
    {
      name: 'pets',
      title: 'Your pets',
      count: (userId) =>
        countOf(
          db
            .selectFrom('pets')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('user_id', '=', userId)
            .executeTakeFirst(),
        ),
      async *rows(userId) {
        for await (const pet of keysetPages((afterId, limit) =>
          db
            .selectFrom('pets')
            .selectAll()
            .where('user_id', '=', userId)
            .where('id', '>', afterId)
            .orderBy('id')
            .limit(limit)
            .execute(),
        )) {
          yield {
            id: pet.id,
            name: pet.name,
            species: pet.species,
            birthDate: pet.birth_date,
            createdAt: pet.created_at,
            updatedAt: pet.updated_at,
          };
        }
      },
    },
    {
      name: 'preferences',
      title: 'What you receive (communication preferences)',
      // The whole matrix: every category on every channel.
      count: async () => CATEGORIES.length * CHANNELS.length,
      async *rows(userId) {
        const user = await db
          .selectFrom('users')
          .select('clinic_id')
          .where('id', '=', userId)
          .executeTakeFirst();
        if (!user) return;
        const { matrix, gpcHonouredAt } = await preferences.matrix({
          id: userId,
          clinicId: user.clinic_id,
        });
        for (const cell of matrix) {
          yield { ...cell, reason: cell.reason ?? null, gpcHonouredAt: gpcHonouredAt ?? null };
        }
      },
    },
    {
      name: 'consentEvents',
      title: 'Your consent history',
      count: (userId) =>
        countOf(
          db
            .selectFrom('consent_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('user_id', '=', userId)
            .executeTakeFirst(),
        ),
      async *rows(userId) {
        for await (const event of keysetPages((afterId, limit) =>
          db
            .selectFrom('consent_events')
            .selectAll()
            .where('user_id', '=', userId)
            .where('id', '>', afterId)
            .orderBy('id')
            .limit(limit)
            .execute(),
        )) {
          yield {
            id: event.id,
            category: event.category,
            channel: event.channel,
            enabled: event.enabled === 1,
            previous: bool(event.previous),
            source: event.source,
            at: event.at,
            policyVersion: event.policy_version,
            byStaff: event.actor_user_id !== null,
          };
        }
      },
    },
    {
      name: 'requests',
      title: 'Your privacy requests and their timelines',
      count: (userId) =>
        countOf(
          db
            .selectFrom('privacy_requests')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('user_id', '=', userId)
            .executeTakeFirst(),
        ),
      async *rows(userId) {
        for await (const request of keysetPages((afterId, limit) =>
          db
            .selectFrom('privacy_requests')
            .selectAll()
            .where('user_id', '=', userId)
            .where('id', '>', afterId)
            .orderBy('id')
            .limit(limit)
            .execute(),
        )) {
          const timeline = await db
            .selectFrom('request_events')
            .select(['kind', 'at', 'actor_kind', 'note'])
            .where('request_id', '=', request.id)
            .orderBy('id')
            .execute();
          yield {
            id: request.id,
            reference: request.reference,
            type: request.type,
            status: request.status,
            regime: request.regime,
            receivedAt: request.received_at,
            acknowledgeBy: request.acknowledge_by,
            dueAt: request.due_at,
            extendedDueAt: request.extended_due_at,
            extensionReason: request.extension_reason,
            filedBy: request.filed_by,
            agentName: request.agent_name,
            verification: request.verification,
            details: parseJson(request.details),
            completedAt: request.completed_at,
            completionNote: request.completion_note,
            denialReason: request.denial_reason,
            timeline: timeline.map((e) => ({
              kind: e.kind,
              at: e.at,
              actor: e.actor_kind,
              note: e.note,
            })),
          };
        }
      },
    },
    {
      name: 'accountEvents',
      title: 'Your account activity (corrections and account actions)',
      count: (userId) =>
        countOf(
          db
            .selectFrom('account_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('user_id', '=', userId)
            .executeTakeFirst(),
        ),
      async *rows(userId) {
        for await (const event of keysetPages((afterId, limit) =>
          db
            .selectFrom('account_events')
            .selectAll()
            .where('user_id', '=', userId)
            .where('id', '>', afterId)
            .orderBy('id')
            .limit(limit)
            .execute(),
        )) {
          yield {
            id: event.id,
            kind: event.kind,
            changes: parseJson(event.changes),
            actor: event.actor,
            at: event.at,
          };
        }
      },
    },
    {
      name: 'signIns',
      title: 'Your sign-ins (sessions)',
      count: (userId) =>
        countOf(
          db
            .selectFrom('sessions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('user_id', '=', userId)
            .executeTakeFirst(),
        ),
      async *rows(userId) {
        // Sessions are keyed by a token hash, so they are paged on (created_at, id).
        let after: { createdAt: string; id: string } | null = null;
        for (;;) {
          let query = db
            .selectFrom('sessions')
            .selectAll()
            .where('user_id', '=', userId)
            .orderBy('created_at')
            .orderBy('id')
            .limit(EXPORT_PAGE_SIZE);
          if (after) {
            const { createdAt, id } = after;
            query = query.where((eb) =>
              eb.or([
                eb('created_at', '>', createdAt),
                eb.and([eb('created_at', '=', createdAt), eb('id', '>', id)]),
              ]),
            );
          }
          const rows = await query.execute();
          for (const session of rows) {
            yield {
              signedInAt: session.created_at,
              lastSeenAt: session.last_seen_at,
              expiresAt: session.expires_at,
              endedAt: session.revoked_at,
              device: session.user_agent,
            };
          }
          const last = rows[rows.length - 1];
          if (!last || rows.length < EXPORT_PAGE_SIZE) return;
          after = { createdAt: last.created_at, id: last.id };
        }
      },
    },
  ];
}
