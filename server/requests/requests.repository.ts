import type { Kysely, Selectable, Updateable } from 'kysely';
import type {
  FiledBy,
  RequestDetails,
  RequestRegime,
  RequestStatus,
  RequestType,
  TimelineActor,
  TimelineEntry,
  Verification,
} from '../../src/contract/requests.ts';
import type { DialectName } from '../db/database.ts';
import { isSamePhoneNumber } from '../sms/phone-numbers.ts';
import type { DatabaseSchema, PrivacyRequestsTable, RequestEventsTable } from '../db/schema.ts';

/** A privacy request as the service works with it. */
export interface RequestRecord {
  id: number;
  reference: string;
  clinicId: number;
  userId: number | null;
  type: RequestType;
  status: RequestStatus;
  regime: RequestRegime;
  receivedAt: string;
  acknowledgeBy: string | null;
  dueAt: string;
  extensionNoticeBy: string;
  extendedDueAt: string | null;
  extensionReason: string | null;
  details: RequestDetails;
  filedBy: FiledBy;
  subjectName: string | null;
  subjectContact: string | null;
  agentName: string | null;
  agentEmail: string | null;
  agentPermission: string | null;
  verification: Verification;
  verifiedAt: string | null;
  denialReason: string | null;
  completionNote: string | null;
  completedAt: string | null;
  pseudonymisedAt: string | null;
  retainUntil: string | null;
  hasExport: boolean;
}

export type NewRequest = Omit<
  RequestRecord,
  | 'id'
  | 'status'
  | 'extendedDueAt'
  | 'extensionReason'
  | 'verifiedAt'
  | 'denialReason'
  | 'completionNote'
  | 'completedAt'
  | 'pseudonymisedAt'
  | 'retainUntil'
  | 'hasExport'
> & { status: RequestStatus };

export interface RequestEventRecord extends TimelineEntry {
  id: number;
  actorUserId: number | null;
}

function parseDetails(json: string): RequestDetails {
  try {
    const value = JSON.parse(json) as unknown;
    return typeof value === 'object' && value !== null ? (value as RequestDetails) : {};
  } catch {
    return {};
  }
}

type RequestRow = Selectable<PrivacyRequestsTable> & { has_export?: number | string | null };

const toRequest = (row: RequestRow): RequestRecord => ({
  id: row.id,
  reference: row.reference,
  clinicId: row.clinic_id,
  userId: row.user_id,
  type: row.type as RequestType,
  status: row.status as RequestStatus,
  regime: row.regime as RequestRegime,
  receivedAt: row.received_at,
  acknowledgeBy: row.acknowledge_by,
  dueAt: row.due_at,
  extensionNoticeBy: row.extension_notice_by,
  extendedDueAt: row.extended_due_at,
  extensionReason: row.extension_reason,
  details: parseDetails(row.details),
  filedBy: row.filed_by as FiledBy,
  subjectName: row.subject_name,
  subjectContact: row.subject_contact,
  agentName: row.agent_name,
  agentEmail: row.agent_email,
  agentPermission: row.agent_permission,
  verification: row.verification as Verification,
  verifiedAt: row.verified_at,
  denialReason: row.denial_reason,
  completionNote: row.completion_note,
  completedAt: row.completed_at,
  pseudonymisedAt: row.pseudonymised_at,
  retainUntil: row.retain_until,
  hasExport: Number(row.has_export ?? 0) > 0,
});

const toEvent = (
  row: Selectable<RequestEventsTable> & { actor_name?: string | null },
): RequestEventRecord => ({
  id: row.id,
  kind: row.kind as TimelineEntry['kind'],
  at: row.at,
  actor: row.actor_kind as TimelineActor,
  actorUserId: row.actor_user_id,
  actorName: row.actor_name ?? null,
  note: row.note,
});

/** SQLite says SQLITE_CONSTRAINT_UNIQUE, PostgreSQL says 23505 (unique_violation). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

export type RequestPatch = Partial<{
  status: RequestStatus;
  verification: Verification;
  verifiedAt: string | null;
  userId: number | null;
  extendedDueAt: string | null;
  extensionReason: string | null;
  denialReason: string | null;
  completionNote: string | null;
  completedAt: string | null;
  retainUntil: string | null;
}>;

export function createRequestsRepository(db: Kysely<DatabaseSchema>, dialect: DialectName) {
  const selectRequests = () =>
    db
      .selectFrom('privacy_requests as r')
      .selectAll('r')
      .select((eb) =>
        eb
          .selectFrom('request_exports as x')
          .select((x) => x.fn.countAll<number>().as('n'))
          .whereRef('x.request_id', '=', 'r.id')
          .as('has_export'),
      );

  return {
    async insert(
      request: NewRequest & { clientRequestId?: string | null },
      now: Date,
    ): Promise<RequestRecord> {
      const row = await db
        .insertInto('privacy_requests')
        .values({
          reference: request.reference,
          clinic_id: request.clinicId,
          user_id: request.userId,
          type: request.type,
          status: request.status,
          regime: request.regime,
          received_at: request.receivedAt,
          acknowledge_by: request.acknowledgeBy,
          due_at: request.dueAt,
          extension_notice_by: request.extensionNoticeBy,
          extended_due_at: null,
          extension_reason: null,
          details: JSON.stringify(request.details),
          filed_by: request.filedBy,
          subject_name: request.subjectName,
          subject_contact: request.subjectContact,
          agent_name: request.agentName,
          agent_email: request.agentEmail,
          agent_permission: request.agentPermission,
          verification: request.verification,
          verified_at: request.verification === 'verified' ? now.toISOString() : null,
          client_request_id: request.clientRequestId ?? null,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRequest(row);
    },

    async find(id: number): Promise<RequestRecord | undefined> {
      const row = await selectRequests().where('r.id', '=', id).executeTakeFirst();
      return row && toRequest(row);
    },

    /** The owner's request filed with this id from their phone, if any. */
    async findByClientRequestId(
      userId: number,
      clientRequestId: string,
    ): Promise<RequestRecord | undefined> {
      const row = await selectRequests()
        .where('r.user_id', '=', userId)
        .where('r.client_request_id', '=', clientRequestId)
        .executeTakeFirst();
      return row && toRequest(row);
    },

    /** The row, locked on PostgreSQL until the transaction ends: two staff actions queue up. */
    async findForUpdate(id: number): Promise<RequestRecord | undefined> {
      let query = db.selectFrom('privacy_requests').selectAll().where('id', '=', id);
      if (dialect === 'postgres') query = query.forUpdate();
      const row = await query.executeTakeFirst();
      if (!row) return undefined;
      const exported = await db
        .selectFrom('request_exports')
        .select('request_id')
        .where('request_id', '=', id)
        .executeTakeFirst();
      return toRequest({ ...row, has_export: exported ? 1 : 0 });
    },

    async listForUser(userId: number): Promise<RequestRecord[]> {
      const rows = await selectRequests()
        .where('r.user_id', '=', userId)
        .orderBy('r.received_at', 'desc')
        .orderBy('r.id', 'desc')
        .execute();
      return rows.map(toRequest);
    },

    async listForClinic(
      clinicId: number,
      filter: { statuses?: readonly RequestStatus[]; type?: RequestType },
    ): Promise<RequestRecord[]> {
      let query = selectRequests().where('r.clinic_id', '=', clinicId);
      if (filter.statuses) query = query.where('r.status', 'in', [...filter.statuses]);
      if (filter.type) query = query.where('r.type', '=', filter.type);
      const rows = await query.orderBy('r.id').execute();
      return rows.map(toRequest);
    },

    /** The owner's `access` requests received after `since`, oldest first. */
    async accessRequestsSince(userId: number, since: string): Promise<RequestRecord[]> {
      const rows = await selectRequests()
        .where('r.user_id', '=', userId)
        .where('r.type', '=', 'access')
        .where('r.received_at', '>', since)
        .orderBy('r.received_at')
        .execute();
      return rows.map(toRequest);
    },

    async update(id: number, patch: RequestPatch, now: Date): Promise<void> {
      const set: Updateable<PrivacyRequestsTable> = { updated_at: now.toISOString() };
      if (patch.status !== undefined) set.status = patch.status;
      if (patch.verification !== undefined) set.verification = patch.verification;
      if (patch.verifiedAt !== undefined) set.verified_at = patch.verifiedAt;
      if (patch.userId !== undefined) set.user_id = patch.userId;
      if (patch.extendedDueAt !== undefined) set.extended_due_at = patch.extendedDueAt;
      if (patch.extensionReason !== undefined) set.extension_reason = patch.extensionReason;
      if (patch.denialReason !== undefined) set.denial_reason = patch.denialReason;
      if (patch.completionNote !== undefined) set.completion_note = patch.completionNote;
      if (patch.completedAt !== undefined) set.completed_at = patch.completedAt;
      if (patch.retainUntil !== undefined) set.retain_until = patch.retainUntil;
      await db.updateTable('privacy_requests').set(set).where('id', '=', id).execute();
    },

    async addEvent(
      requestId: number,
      event: {
        kind: TimelineEntry['kind'];
        actor: TimelineActor;
        actorUserId?: number | null;
        note?: string | null;
      },
      at: Date,
    ): Promise<void> {
      await db
        .insertInto('request_events')
        .values({
          request_id: requestId,
          kind: event.kind,
          at: at.toISOString(),
          actor_kind: event.actor,
          actor_user_id: event.actorUserId ?? null,
          note: event.note ?? null,
        })
        .execute();
    },

    async timeline(requestId: number): Promise<RequestEventRecord[]> {
      const rows = await db
        .selectFrom('request_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_user_id')
        .selectAll('e')
        .select('u.name as actor_name')
        .where('e.request_id', '=', requestId)
        .orderBy('e.id')
        .execute();
      return rows.map(toEvent);
    },

    async saveExport(requestId: number, content: string, now: Date): Promise<void> {
      await db.deleteFrom('request_exports').where('request_id', '=', requestId).execute();
      await db
        .insertInto('request_exports')
        .values({ request_id: requestId, content, created_at: now.toISOString() })
        .execute();
    },

    async readExport(requestId: number): Promise<string | undefined> {
      const row = await db
        .selectFrom('request_exports')
        .select('content')
        .where('request_id', '=', requestId)
        .executeTakeFirst();
      return row?.content;
    },

    // ── identity codes ──

    async endActiveCodes(requestId: number, now: Date): Promise<void> {
      await db
        .updateTable('request_codes')
        .set({ ended_at: now.toISOString() })
        .where('request_id', '=', requestId)
        .where('ended_at', 'is', null)
        .execute();
    },

    async insertCode(requestId: number, codeHash: string, now: Date, expiresAt: Date) {
      await db
        .insertInto('request_codes')
        .values({
          request_id: requestId,
          code_hash: codeHash,
          attempts: 0,
          created_at: now.toISOString(),
          expires_at: expiresAt.toISOString(),
          ended_at: null,
        })
        .execute();
    },

    async latestCode(requestId: number) {
      return db
        .selectFrom('request_codes')
        .selectAll()
        .where('request_id', '=', requestId)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    /** Counts a try atomically; null when the code is used up or void. */
    async countAttempt(codeId: number, maxAttempts: number): Promise<number | null> {
      const row = await db
        .updateTable('request_codes')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', codeId)
        .where('ended_at', 'is', null)
        .where('attempts', '<', maxAttempts)
        .returning('attempts')
        .executeTakeFirst();
      return row ? row.attempts : null;
    },

    async endCode(codeId: number, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('request_codes')
        .set({ ended_at: now.toISOString() })
        .where('id', '=', codeId)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Drops the requester's identity from one request (an erasure by someone without an account). */
    async pseudonymise(requestId: number, now: Date): Promise<void> {
      await db
        .updateTable('privacy_requests')
        .set({
          subject_name: null,
          subject_contact: null,
          agent_name: null,
          agent_email: null,
          agent_permission: null,
          details: '{}',
          pseudonymised_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .where('id', '=', requestId)
        .execute();
      await db.deleteFrom('request_codes').where('request_id', '=', requestId).execute();
    },

    /**
     * Drops the requester's identity from every request about this owner, keeping what was
     * asked, when, and how it was answered (11 CCR §7101): their own, and those filed from the
     * public page with one of their addresses or numbers that were never linked to the account
     * (an old address, a number two accounts shared, one added later).
     */
    async pseudonymiseForUser(
      subject: {
        userId: number;
        clinicId: number;
        emails: readonly string[];
        phones: readonly string[];
      },
      now: Date,
      retainUntil: string,
    ): Promise<void> {
      const linked = await db
        .selectFrom('privacy_requests')
        .select('id')
        .where('user_id', '=', subject.userId)
        .execute();
      const emails = subject.emails.map((email) => email.toLowerCase());
      const unlinked = await db
        .selectFrom('privacy_requests')
        .select(['id', 'subject_contact'])
        .where('clinic_id', '=', subject.clinicId)
        .where('user_id', 'is', null)
        .where('subject_contact', 'is not', null)
        .execute();
      const theirs = unlinked.filter(({ subject_contact: contact }) =>
        contact === null
          ? false
          : contact.includes('@')
            ? emails.includes(contact.toLowerCase())
            : subject.phones.some((phone) => isSamePhoneNumber(phone, contact)),
      );
      const ids = [...linked, ...theirs].map((row) => row.id);
      if (ids.length === 0) return;
      await db
        .updateTable('privacy_requests')
        .set({
          subject_name: null,
          subject_contact: null,
          agent_name: null,
          agent_email: null,
          agent_permission: null,
          details: '{}',
          pseudonymised_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .where('id', 'in', ids)
        .execute();
      // Every one is kept at least 24 months from now; a later end extends it.
      await db
        .updateTable('privacy_requests')
        .set({ retain_until: retainUntil })
        .where('id', 'in', ids)
        .where((eb) =>
          eb.or([eb('retain_until', 'is', null), eb('retain_until', '<', retainUntil)]),
        )
        .execute();
      await db.deleteFrom('request_codes').where('request_id', 'in', ids).execute();
      await db.deleteFrom('request_exports').where('request_id', 'in', ids).execute();
    },
  };
}

export type RequestsRepository = ReturnType<typeof createRequestsRepository>;
