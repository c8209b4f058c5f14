import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { PhoneSchema } from '../../src/contract/account.ts';
import { EmailSchema } from '../../src/contract/auth.ts';
import type { Regime } from '../../src/contract/clinic.ts';
import {
  OPEN_REQUEST_STATUSES,
  type CreateRequest,
  type PrivacyRequest,
  type PrivacyRequestDetail,
  type PublicRequest,
  type PublicRequestReceipt,
  type PublicRequestStatus,
  type RequestAllowance,
  type RequestDetails,
  type RequestStatus,
  type StaffQueueQuery,
  type StaffRequest,
  type StaffRequestDetail,
  type TimelineActor,
  type TimelineEntry,
} from '../../src/contract/requests.ts';
import { createAccountEventsRepository } from '../accounts/account-events.repository.ts';
import {
  AUTH_RULES,
  InvalidCodeError,
  StepUpRequiredError,
  TooManyAttemptsError,
  type AuthContext,
  type AuthService,
} from '../auth/auth.service.ts';
import type { ClinicRecord } from '../clinics/clinics.repository.ts';
import type { ClinicsService } from '../clinics/clinics.service.ts';
import type { Clock } from '../clock.ts';
import type { DialectName } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { BadRequestError, ConflictError, DomainError, NotFoundError } from '../errors.ts';
import { hmac, safeEqual } from '../lib/secrets.ts';
import { createMailRepository, REDACT_AFTER_DELIVERY_HEADER } from '../mail/mail.repository.ts';
import type { MailMessage } from '../mail/mailer.ts';
import { effectiveCell } from '../preferences/preference-rules.ts';
import { createPreferencesRepository } from '../preferences/preferences.repository.ts';
import type { PreferencesService } from '../preferences/preferences.service.ts';
import type { RateLimiter } from '../rate-limit/rate-limiter.ts';
import { isSamePhoneNumber, normalisePhone, PHONE_MATCH_DIGITS } from '../sms/phone-numbers.ts';
import { createSmsRepository } from '../sms/sms.repository.ts';
import { addCalendarMonthsToInstant, computeDeadlines, daysLeft } from './deadlines.ts';
import { eraseOwner, coreErasureSteps } from './erasure.ts';
import {
  countExportItems,
  exportJson,
  exportZipEntries,
  type ExportHeader,
} from './data-export.ts';
import type { ExportSection, OwnerNotice, PrivacyRegistry } from './privacy-registry.ts';
import {
  agentReceiptMail,
  identityCodeMail,
  identityCodeSms,
  nextStepsFor,
  receiptMail,
  RIGHT_TO_COMPLAIN,
  statusMail,
  type ClinicInfo,
  type StatusChange,
} from './request-mail.ts';
import {
  createRequestsRepository,
  type RequestsRepository,
  isUniqueViolation,
  type RequestRecord,
} from './requests.repository.ts';

type Db = Kysely<DatabaseSchema>;

export const REQUEST_RULES = {
  /** CCPA §1798.100(d), §1798.130(b): access ("right to know") twice in any 12 months. */
  ccpaAccessLimit: 2,
  accessWindowMonths: 12,
  /** 11 CCR §7101: request records are kept 24 months. */
  retainMonths: 24,
  codeValidMs: AUTH_RULES.codeValidMs,
  maxCodeAttempts: AUTH_RULES.maxAttempts,
  codesPerAddress: { limit: 5, windowMs: 60 * 60_000 },
  codesPerIp: { limit: 30, windowMs: 60 * 60_000 },
  verifiesPerIp: { limit: 60, windowMs: 15 * 60_000 },
  publicFilingsPerIp: { limit: 10, windowMs: 60 * 60_000 },
} as const;

/** Fields a rectification can correct directly on the profile when staff complete it. */
const PROFILE_FIELDS = ['name', 'phone'] as const;

export class AccessLimitError extends DomainError {
  constructor(limit: number, used: number, nextAvailableAt: Date, timeZone: string) {
    const day = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    }).format(nextAvailableAt);
    super(
      429,
      'access-limit',
      `You have made ${used} access requests in the last 12 months, the most the law provides for. The next one is free from ${day}.`,
      { limit, used, nextAvailableAt: nextAvailableAt.toISOString() },
    );
  }
}

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function randomGroup(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) {
    out += REFERENCE_ALPHABET[crypto.randomInt(0, REFERENCE_ALPHABET.length)];
  }
  return out;
}

/** `DRK-7QK4-M2XP`: the clinic's letters, then 8 characters no one misreads (no 0/O, 1/I/L). */
export function newReference(clinicSlug: string): string {
  const prefix = (clinicSlug.replace(/[^a-z]/gi, '').toUpperCase() + 'XXX').slice(0, 3);
  return `${prefix}-${randomGroup(4)}-${randomGroup(4)}`;
}

const regimesOf = (regime: RequestRecord['regime']): Regime[] =>
  regime === 'gdpr+ccpa' ? ['gdpr', 'ccpa'] : [regime];

const isOpen = (status: RequestStatus) =>
  (OPEN_REQUEST_STATUSES as readonly RequestStatus[]).includes(status);

const clinicInfo = (clinic: ClinicRecord): ClinicInfo => ({
  slug: clinic.slug,
  name: clinic.name,
  contactEmail: clinic.contactEmail,
  timeZone: clinic.timeZone,
});

export class RequestConflictError extends ConflictError {}

function invalidTransition(request: RequestRecord, action: string): never {
  if (!isOpen(request.status)) {
    throw new RequestConflictError(
      'request-closed',
      `Request ${request.reference} is already ${request.status}, so it cannot be ${action}.`,
    );
  }
  throw new RequestConflictError(
    'invalid-transition',
    `Request ${request.reference} is ${request.status}, so it cannot be ${action}.`,
  );
}

export interface RequestsServiceDeps {
  db: Db;
  dialect: DialectName;
  clock: Clock;
  clinics: ClinicsService;
  auth: AuthService;
  preferences: PreferencesService;
  rateLimiter: RateLimiter;
  /** Peppers identity-code hashes (the sign-in codes' secret is fine to share). */
  codeSecret: Buffer;
  registry: PrivacyRegistry;
  /** The core export sections; other modules add theirs through the registry. */
  coreExportSections: readonly ExportSection[];
  /** The app's public origin, for links in mail. */
  origin: () => string;
  onMailQueued: () => void;
  onSmsQueued: () => void;
  logError: (error: unknown, message: string) => void;
}

export function createRequestsService(deps: RequestsServiceDeps) {
  const { db, dialect, clock, registry } = deps;
  const repo = createRequestsRepository(db, dialect);

  const seg = encodeURIComponent;
  const requestUrl = (clinic: ClinicRecord, id: number) =>
    `${deps.origin()}/c/${seg(clinic.slug)}/account/privacy/requests/${id}`;
  const identityUrl = (clinic: ClinicRecord, id: number) =>
    `${deps.origin()}/c/${seg(clinic.slug)}/privacy-request?request=${id}`;

  const exportSections = (): ExportSection[] => [
    ...deps.coreExportSections,
    ...registry.exportSections(),
  ];

  const retainUntil = (now: Date, clinic: ClinicRecord) =>
    addCalendarMonthsToInstant(now, REQUEST_RULES.retainMonths, clinic.timeZone).toISOString();

  // ── views ──

  function ownerView(request: RequestRecord, clinic: ClinicRecord): PrivacyRequest {
    return {
      id: request.id,
      reference: request.reference,
      type: request.type,
      status: request.status,
      regime: request.regime,
      receivedAt: request.receivedAt,
      acknowledgeBy: request.acknowledgeBy,
      dueAt: request.dueAt,
      extendedDueAt: request.extendedDueAt,
      extensionReason: request.extensionReason,
      extensionNoticeBy: request.extensionNoticeBy,
      verification: request.verification,
      filedBy: request.filedBy,
      agentName: request.agentName,
      details: request.details,
      completedAt: request.completedAt,
      denialReason: request.denialReason,
      completionNote: request.completionNote,
      rightToComplain: request.status === 'denied' ? RIGHT_TO_COMPLAIN : null,
      exportUrl: request.hasExport ? `/api/me/requests/${request.id}/export` : null,
      nextSteps: nextStepsFor(request, clinic.timeZone),
    };
  }

  const timelineView = (
    events: Awaited<ReturnType<typeof repo.timeline>>,
    forStaff: boolean,
  ): TimelineEntry[] =>
    events.map((e) => ({
      kind: e.kind,
      at: e.at,
      actor: e.actor,
      ...(forStaff ? { actorName: e.actorName ?? null } : {}),
      note: e.note,
    }));

  async function subjectsOf(requests: readonly RequestRecord[]) {
    const ids = [...new Set(requests.flatMap((r) => (r.userId ? [r.userId] : [])))];
    const users = ids.length
      ? await db
          .selectFrom('users')
          .select(['id', 'name', 'email', 'phone', 'status'])
          .where('id', 'in', ids)
          .execute()
      : [];
    return new Map(users.map((u) => [u.id, u]));
  }

  function staffView(
    request: RequestRecord,
    clinic: ClinicRecord,
    users: Awaited<ReturnType<typeof subjectsOf>>,
  ): StaffRequest {
    const now = clock.now();
    const effectiveDueAt = request.extendedDueAt ?? request.dueAt;
    const user = request.userId ? users.get(request.userId) : undefined;
    const contact = request.subjectContact;
    const contactIsEmail = contact?.includes('@') ?? false;
    return {
      ...ownerView(request, clinic),
      effectiveDueAt,
      daysLeft: daysLeft(now, new Date(effectiveDueAt), clinic.timeZone),
      isOverdue: isOpen(request.status) && now.toISOString() > effectiveDueAt,
      subject: {
        userId: request.userId,
        name: user?.name ?? request.subjectName,
        email: user?.email ?? (contactIsEmail ? contact : null),
        phone: user?.phone ?? (contact && !contactIsEmail ? contact : null),
      },
      agent:
        request.filedBy === 'agent' && request.agentName && request.agentEmail
          ? {
              name: request.agentName,
              email: request.agentEmail,
              signedPermission: request.agentPermission ?? '',
            }
          : null,
      isPseudonymised: request.pseudonymisedAt !== null,
      retainUntil: request.retainUntil,
    };
  }

  // ── shared steps ──

  async function insertWithReference(
    trx: Db,
    values: Omit<Parameters<ReturnType<typeof createRequestsRepository>['insert']>[0], 'reference'>,
    clinic: ClinicRecord,
    now: Date,
  ): Promise<RequestRecord> {
    // 31^8 references per clinic: a clash is very unlikely; a unique index catches one.
    // The check runs first, so a PostgreSQL transaction is never aborted by the clash.
    const trxRepo = createRequestsRepository(trx, dialect);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const reference = newReference(clinic.slug);
      const taken = await trx
        .selectFrom('privacy_requests')
        .select('id')
        .where('reference', '=', reference)
        .executeTakeFirst();
      if (taken) continue;
      return trxRepo.insert({ ...values, reference }, now);
    }
    throw new Error('Could not find a free request reference.');
  }

  function checkDetails(type: RequestRecord['type'], details: RequestDetails | undefined) {
    if (type !== 'rectification') {
      if (details?.corrections) {
        throw new BadRequestError(
          'corrections-not-allowed',
          'Corrections belong to a rectification request.',
        );
      }
      return;
    }
    if (!details?.corrections || details.corrections.length === 0) {
      throw new BadRequestError(
        'corrections-required',
        'Say which detail is wrong, what it says now and what it should say.',
      );
    }
    for (const correction of details.corrections) {
      if (correction.field === 'phone' && correction.new !== '') {
        if (!PhoneSchema.safeParse(correction.new).success) {
          throw new BadRequestError(
            'invalid-correction',
            'The corrected phone number is not valid: enter it as +1 555 010 0123.',
          );
        }
      }
    }
  }

  /** Queues a status mail to the owner, if they have an open account with an address. */
  async function queueOwnerMail(
    trx: Db,
    request: RequestRecord,
    make: (to: string) => MailMessage,
    now: Date,
  ): Promise<boolean> {
    if (!request.userId) {
      // A person without an account who proved an email address hears at that address.
      if (request.verification === 'verified' && request.subjectContact?.includes('@')) {
        await createMailRepository(trx, dialect).enqueue(make(request.subjectContact), now);
        return true;
      }
      return false;
    }
    const user = await trx
      .selectFrom('users')
      .select(['email', 'status'])
      .where('id', '=', request.userId)
      .executeTakeFirst();
    if (!user?.email || user.status !== 'active') return false;
    // The preferences' own rules decide (service email is locked on while the account is
    // open), read in this transaction: on SQLite a read beside it would wait for it forever.
    const prefs = createPreferencesRepository(trx, dialect);
    const inputs = {
      explicit: await prefs.explicitChoices(request.userId),
      defaults: await prefs.clinicDefaults(request.clinicId),
      state: await prefs.readState(request.userId),
    };
    if (!effectiveCell('service', 'email', inputs).enabled) return false;
    await createMailRepository(trx, dialect).enqueue(make(user.email), now);
    return true;
  }

  async function notify(
    request: RequestRecord,
    clinic: ClinicRecord,
    status: OwnerNotice['status'],
  ) {
    if (!request.userId) return;
    const titles: Record<OwnerNotice['status'], string> = {
      received: 'Privacy request received',
      verified: 'Identity confirmed',
      'in-progress': 'Privacy request in progress',
      extended: 'Privacy request extended',
      completed: 'Privacy request complete',
      denied: 'Privacy request refused',
      'owner-confirmation-needed': 'Confirm a request filed for you',
    };
    await registry.notifyOwner(
      {
        userId: request.userId,
        clinicId: clinic.id,
        clinicSlug: clinic.slug,
        requestId: request.id,
        reference: request.reference,
        type: request.type,
        status,
        title: titles[status],
        body: `${request.reference}: ${nextStepsFor(request, clinic.timeZone)}`,
        url: `/c/${seg(clinic.slug)}/account/privacy/requests/${request.id}`,
      },
      (error) => deps.logError(error, 'a privacy request notifier failed'),
    );
  }

  /**
   * What verification sets off at once: an objection to direct marketing is absolute, so it is
   * applied and the request completed; a restriction holds everything but service messages.
   */
  async function onVerified(trx: Db, request: RequestRecord, clinic: ClinicRecord, now: Date) {
    if (!request.userId) return request;
    const owner = { id: request.userId, clinicId: clinic.id };
    if (request.type === 'restriction') {
      await deps.preferences.setRestriction(owner, true, { trx, now });
      return request;
    }
    if (request.type === 'objection') {
      const switched = await deps.preferences.applyObjection(owner, { trx, now });
      const trxRepo = createRequestsRepository(trx, dialect);
      const note = `Every marketing category was switched off on every channel (${switched} ${switched === 1 ? 'setting' : 'settings'} changed).`;
      await trxRepo.update(
        request.id,
        {
          status: 'completed',
          completedAt: now.toISOString(),
          completionNote: note,
          retainUntil: retainUntil(now, clinic),
        },
        now,
      );
      await trxRepo.addEvent(request.id, { kind: 'completed', actor: 'system', note }, now);
      return (await trxRepo.find(request.id)) as RequestRecord;
    }
    return request;
  }

  /** The request this owner already filed with the same `clientRequestId`, if any. */
  async function findFiledBefore(
    context: AuthContext,
    input: CreateRequest,
  ): Promise<RequestRecord | null> {
    if (!input.clientRequestId) return null;
    const request = await repo.findByClientRequestId(context.user.id, input.clientRequestId);
    if (!request || request.clinicId !== context.clinic.id) return null;
    if (request.type !== input.type) {
      throw new RequestConflictError(
        'client-request-id-reused',
        'This filing id was already used for a different request. File it again as a new one.',
      );
    }
    return request;
  }

  async function requireOwnRequest(context: AuthContext, id: number): Promise<RequestRecord> {
    const request = await repo.find(id);
    // Another owner's request, or another clinic's, is simply not there.
    if (!request || request.userId !== context.user.id || request.clinicId !== context.clinic.id) {
      throw new NotFoundError('There is no such request.');
    }
    return request;
  }

  async function requireClinicRequest(clinic: ClinicRecord, id: number, trx: Db = db) {
    const request = await createRequestsRepository(trx, dialect).findForUpdate(id);
    if (!request || request.clinicId !== clinic.id) {
      throw new NotFoundError('There is no such request.');
    }
    return request;
  }

  /** The CCPA access count for an owner at `now`: the counted requests, oldest first. */
  async function countedAccessRequests(
    userId: number,
    clinic: ClinicRecord,
    now: Date,
    source: RequestsRepository = repo,
  ) {
    // A generous lower bound, then the exact rule: counted while receivedAt + 12 months > now.
    const since = new Date(now.getTime() - 400 * 86_400_000).toISOString();
    const candidates = await source.accessRequestsSince(userId, since);
    return (
      candidates
        // Only requests proven to be the owner's count, whatever their outcome: two filed from
        // the public page by someone who merely knows the owner's address, never confirmed,
        // must not use up the owner's right for a year.
        .filter((r) => r.verification === 'verified')
        .map((r) => ({
          request: r,
          freesAt: addCalendarMonthsToInstant(
            new Date(r.receivedAt),
            REQUEST_RULES.accessWindowMonths,
            clinic.timeZone,
          ),
        }))
        .filter((c) => c.freesAt > now)
    );
  }

  /**
   * Refuses an access request over the CCPA limit. The next one is free when the count drops
   * below the limit: usually when the older of two counted requests stops counting, but a
   * request filed from the public page (which cannot refuse without telling a stranger the
   * contact is known) can make it three, and then it is the second oldest.
   */
  function checkAccessLimit(
    counted: Awaited<ReturnType<typeof countedAccessRequests>>,
    clinic: ClinicRecord,
  ) {
    const limit = REQUEST_RULES.ccpaAccessLimit;
    const freeing = counted[counted.length - limit];
    if (clinic.regimes.includes('ccpa') && counted.length >= limit && freeing) {
      throw new AccessLimitError(limit, counted.length, freeing.freesAt, clinic.timeZone);
    }
  }

  // ── identity codes ──

  const hashCode = (requestId: number, code: string) =>
    hmac(deps.codeSecret, 'request-identity', String(requestId), code);

  /**
   * Sends a code to the contact the clinic holds for the request's subject, by email or text,
   * queued in `trx`. Returns false when there is nowhere to send it.
   */
  async function issueIdentityCode(
    trx: Db,
    request: RequestRecord,
    clinic: ClinicRecord,
    target: { email: string | null; phone: string | null },
    now: Date,
  ): Promise<'mail' | 'sms' | null> {
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    const trxRepo = createRequestsRepository(trx, dialect);
    await trxRepo.endActiveCodes(request.id, now);
    await trxRepo.insertCode(
      request.id,
      hashCode(request.id, code),
      now,
      new Date(now.getTime() + REQUEST_RULES.codeValidMs),
    );
    const minutes = REQUEST_RULES.codeValidMs / 60_000;
    if (target.email) {
      await createMailRepository(trx, dialect).enqueue(
        identityCodeMail(
          target.email,
          code,
          request,
          clinicInfo(clinic),
          identityUrl(clinic, request.id),
          minutes,
        ),
        now,
      );
      return 'mail';
    }
    if (target.phone) {
      await createSmsRepository(trx, dialect).enqueue(
        { to: target.phone, text: identityCodeSms(code, request, clinicInfo(clinic), minutes) },
        now,
      );
      return 'sms';
    }
    return null;
  }

  /**
   * A code row that no one was sent, for a request with nowhere to send a real one (an unknown
   * contact, or none usable). Wrong codes then count, void and expire exactly as for a known
   * contact, so the code step tells a stranger no more than the filing did.
   */
  async function issueDecoyCode(trx: Db, request: RequestRecord, now: Date): Promise<void> {
    const trxRepo = createRequestsRepository(trx, dialect);
    await trxRepo.endActiveCodes(request.id, now);
    // Not six digits, so no code anyone can type matches it.
    await trxRepo.insertCode(
      request.id,
      hashCode(request.id, crypto.randomUUID()),
      now,
      new Date(now.getTime() + REQUEST_RULES.codeValidMs),
    );
  }

  /** The per-address limit of codes, keyed by a keyed hash so the table holds no address. */
  async function hitContactLimit(clinic: ClinicRecord, contact: string) {
    const contactKey = contact.includes('@')
      ? contact.trim().toLowerCase()
      : normalisePhone(contact);
    await deps.rateLimiter.hit({
      key: `request:code:addr:${hmac(deps.codeSecret, 'addr', String(clinic.id), contactKey)}`,
      ...REQUEST_RULES.codesPerAddress,
    });
  }

  /** Where a subject's code goes: their email, else their phone unless they texted STOP. */
  async function codeTargetFor(userId: number) {
    const user = await db
      .selectFrom('users')
      .leftJoin('preference_states as s', 's.user_id', 'users.id')
      .select(['users.email', 'users.phone', 's.sms_opted_out_at'])
      .where('users.id', '=', userId)
      .where('users.status', '=', 'active')
      .executeTakeFirst();
    if (!user) return { email: null, phone: null };
    return {
      email: user.email,
      phone: user.sms_opted_out_at ? null : user.phone,
    };
  }

  /** The clinic's active owner holding this email or phone, if any. */
  async function findHolder(clinic: ClinicRecord, contact: string) {
    if (contact.includes('@')) {
      const email = EmailSchema.safeParse(contact);
      if (!email.success) return null;
      const user = await db
        .selectFrom('users')
        .select(['id', 'email', 'phone'])
        .where('clinic_id', '=', clinic.id)
        .where('role', '=', 'owner')
        .where('status', '=', 'active')
        .where('email', '=', email.data)
        .executeTakeFirst();
      return user ? { userId: user.id, via: 'email' as const } : null;
    }
    const digits = normalisePhone(contact).replace('+', '');
    if (digits.length < PHONE_MATCH_DIGITS) return null;
    const candidates = await createSmsRepository(db, dialect).ownersWithPhoneEnding(
      clinic.id,
      digits.slice(-PHONE_MATCH_DIGITS),
    );
    const match = candidates.filter((c) => isSamePhoneNumber(c.phone, contact));
    // Two accounts with the same number: nobody can tell which is meant, so staff decide.
    return match.length === 1 && match[0] ? { userId: match[0].id, via: 'phone' as const } : null;
  }

  // ── staff transitions ──

  interface StaffAction {
    name: string;
    apply(
      trx: Db,
      request: RequestRecord,
      now: Date,
    ): Promise<{ change: StatusChange | null; notice?: OwnerNotice['status'] }>;
  }

  async function runStaffAction(
    context: AuthContext,
    id: number,
    action: StaffAction,
    prepare?: (request: RequestRecord) => Promise<void>,
  ): Promise<StaffRequestDetail> {
    const clinic = context.clinic;
    if (prepare) await prepare(await requireClinicRequest(clinic, id));
    const now = clock.now();
    const { request, change, notice } = await db.transaction().execute(async (trx) => {
      const current = await requireClinicRequest(clinic, id, trx);
      const result = await action.apply(trx, current, now);
      const updated = (await createRequestsRepository(trx, dialect).find(id)) as RequestRecord;
      if (result.change) {
        const change = result.change;
        await queueOwnerMail(
          trx,
          updated,
          (to) => statusMail(to, updated, change, clinicInfo(clinic), requestUrl(clinic, id)),
          now,
        );
      }
      return { request: updated, ...result };
    });
    if (change) deps.onMailQueued();
    if (notice ?? change)
      await notify(request, clinic, (notice ?? change) as OwnerNotice['status']);
    return service.staffGet(context, id);
  }

  /** The export of the owner's data, as one JSON text, for attaching to a completed request. */
  async function exportText(userId: number, clinic: ClinicRecord, now: Date): Promise<string> {
    let text = '';
    for await (const chunk of exportJson(exportSections(), userId, {
      generatedAt: now,
      clinic: { slug: clinic.slug, name: clinic.name },
    })) {
      text += chunk;
    }
    return text;
  }

  const service = {
    rules: REQUEST_RULES,

    // ── owner ──

    /**
     * Files the owner's request. `isNew` is false when `clientRequestId` names one this owner
     * filed already (a retry whose first answer was lost): that request is returned as it
     * stands, and nothing is filed, counted or mailed again.
     */
    async createOwn(
      context: AuthContext,
      input: CreateRequest,
    ): Promise<{ request: PrivacyRequest; isNew: boolean }> {
      const clinic = context.clinic;
      const filedBefore = await findFiledBefore(context, input);
      // Before the step-up and limit checks: the retry asks for nothing new (a replayed access
      // request would otherwise count itself against the limit).
      if (filedBefore) return { request: ownerView(filedBefore, clinic), isNew: false };
      if (input.type === 'erasure' && !deps.auth.isSteppedUp(context)) {
        // Deleting the account is sensitive: a fresh code first (../shared/PRIVACY-RULES.md).
        throw new StepUpRequiredError();
      }
      checkDetails(input.type, input.details);
      const now = clock.now();
      if (input.type === 'access' && clinic.regimes.includes('ccpa')) {
        checkAccessLimit(await countedAccessRequests(context.user.id, clinic, now), clinic);
      }
      const dates = computeDeadlines(now, clinic.regimes, clinic.timeZone);
      const filing = db.transaction().execute(async (trx) => {
        const trxRepo = createRequestsRepository(trx, dialect);
        if (input.type === 'access' && clinic.regimes.includes('ccpa')) {
          // Two access requests at once must not both slip under the limit: counted again in
          // the transaction, the owner's row locked on PostgreSQL (SQLite runs one write
          // transaction at a time).
          if (dialect === 'postgres') {
            await trx
              .selectFrom('users')
              .select('id')
              .where('id', '=', context.user.id)
              .forUpdate()
              .execute();
          }
          checkAccessLimit(
            await countedAccessRequests(context.user.id, clinic, now, trxRepo),
            clinic,
          );
        }
        let created = await insertWithReference(
          trx,
          {
            clinicId: clinic.id,
            userId: context.user.id,
            type: input.type,
            status: 'verified',
            regime: dates.regime,
            receivedAt: now.toISOString(),
            acknowledgeBy: dates.acknowledgeBy?.toISOString() ?? null,
            dueAt: dates.dueAt.toISOString(),
            extensionNoticeBy: dates.extensionNoticeBy.toISOString(),
            details: input.details ?? {},
            filedBy: 'owner',
            subjectName: null,
            subjectContact: null,
            agentName: null,
            agentEmail: null,
            agentPermission: null,
            verification: 'verified',
            clientRequestId: input.clientRequestId ?? null,
          },
          clinic,
          now,
        );
        await trxRepo.addEvent(
          created.id,
          { kind: 'received', actor: 'owner', actorUserId: context.user.id },
          now,
        );
        await trxRepo.addEvent(
          created.id,
          {
            kind: 'verified',
            actor: 'system',
            note: 'Signed in with an email address proven by a one-time code.',
          },
          now,
        );
        created = await onVerified(trx, created, clinic, now);
        const receipt = created;
        await queueOwnerMail(
          trx,
          receipt,
          (to) => receiptMail(to, receipt, clinicInfo(clinic), requestUrl(clinic, receipt.id)),
          now,
        );
        return created;
      });
      let request: RequestRecord;
      try {
        request = await filing;
      } catch (error) {
        // The same filing sent twice at once: the unique index let one through; answer with it.
        const winner = isUniqueViolation(error) ? await findFiledBefore(context, input) : null;
        if (!winner) throw error;
        return { request: ownerView(winner, clinic), isNew: false };
      }
      deps.onMailQueued();
      await notify(request, clinic, request.status);
      return { request: ownerView(request, clinic), isNew: true };
    },

    async listOwn(context: AuthContext): Promise<PrivacyRequest[]> {
      const requests = await repo.listForUser(context.user.id);
      return requests
        .filter((r) => r.clinicId === context.clinic.id)
        .map((r) => ownerView(r, context.clinic));
    },

    async getOwn(context: AuthContext, id: number): Promise<PrivacyRequestDetail> {
      const request = await requireOwnRequest(context, id);
      return {
        ...ownerView(request, context.clinic),
        timeline: timelineView(await repo.timeline(id), false),
      };
    },

    /** The owner confirms, in the app, a request an authorized agent filed for them. */
    async confirmOwn(context: AuthContext, id: number): Promise<PrivacyRequestDetail> {
      await requireOwnRequest(context, id);
      const clinic = context.clinic;
      const now = clock.now();
      const request = await db.transaction().execute(async (trx) => {
        const current = await requireClinicRequest(clinic, id, trx);
        if (current.verification !== 'awaiting-owner' || !isOpen(current.status)) {
          throw new RequestConflictError(
            'nothing-to-confirm',
            'This request does not wait for your confirmation.',
          );
        }
        return confirmIdentity(trx, current, clinic, now, 'owner', context.user.id);
      });
      deps.onMailQueued();
      await notify(request, clinic, request.status);
      return service.getOwn(context, id);
    },

    async allowance(context: AuthContext): Promise<RequestAllowance> {
      const clinic = context.clinic;
      if (!clinic.regimes.includes('ccpa')) return { accessLimit: null };
      const counted = await countedAccessRequests(context.user.id, clinic, clock.now());
      const limit = REQUEST_RULES.ccpaAccessLimit;
      return {
        accessLimit: {
          limit,
          used: counted.length,
          remaining: Math.max(0, limit - counted.length),
          // When one more becomes free: the oldest whose expiry brings the count under the limit.
          nextAvailableAt:
            counted[Math.max(0, counted.length - limit)]?.freesAt.toISOString() ?? null,
        },
      };
    },

    /** The export attached to a completed request of the owner's. */
    async attachedExport(context: AuthContext, id: number): Promise<string> {
      await requireOwnRequest(context, id);
      if (!deps.auth.isSteppedUp(context)) throw new StepUpRequiredError();
      const content = await repo.readExport(id);
      if (content === undefined) throw new NotFoundError('This request has no export attached.');
      return content;
    },

    /** The self-service export: needs a fresh step-up. Streams; `items` is the progress hint. */
    async openExport(context: AuthContext) {
      if (!deps.auth.isSteppedUp(context)) throw new StepUpRequiredError();
      const sections = exportSections();
      const header: ExportHeader = {
        generatedAt: clock.now(),
        clinic: { slug: context.clinic.slug, name: context.clinic.name },
      };
      const userId = context.user.id;
      return {
        items: await countExportItems(sections, userId),
        generatedAt: header.generatedAt,
        json: () => exportJson(sections, userId, header),
        zipEntries: () => exportZipEntries(sections, userId, header),
      };
    },

    // ── people without an account, and agents ──

    async filePublic(
      clinicSlug: string,
      input: PublicRequest,
      ip: string,
    ): Promise<PublicRequestReceipt> {
      const clinic = await deps.clinics.require(clinicSlug);
      checkDetails(input.type, input.details);
      await deps.rateLimiter.hit({
        key: `request:file:ip:${ip}`,
        ...REQUEST_RULES.publicFilingsPerIp,
      });
      // Limited per address whether or not it is known, so that a 429 tells nothing.
      await hitContactLimit(clinic, input.contact);
      const holder = await findHolder(clinic, input.contact);
      const now = clock.now();
      const dates = computeDeadlines(now, clinic.regimes, clinic.timeZone);
      const isAgent = input.agent !== undefined;
      const target = holder ? await codeTargetFor(holder.userId) : null;
      let sent: 'mail' | 'sms' | null = null;
      const request = await db.transaction().execute(async (trx) => {
        const trxRepo = createRequestsRepository(trx, dialect);
        const verification = !holder
          ? 'awaiting-staff'
          : isAgent
            ? 'awaiting-owner'
            : 'awaiting-code';
        const created = await insertWithReference(
          trx,
          {
            clinicId: clinic.id,
            userId: holder?.userId ?? null,
            type: input.type,
            status: 'received',
            regime: dates.regime,
            // The clock starts at receipt, not at verification.
            receivedAt: now.toISOString(),
            acknowledgeBy: dates.acknowledgeBy?.toISOString() ?? null,
            dueAt: dates.dueAt.toISOString(),
            extensionNoticeBy: dates.extensionNoticeBy.toISOString(),
            details: input.details ?? {},
            filedBy: isAgent ? 'agent' : 'person',
            subjectName: input.name,
            subjectContact: input.contact.includes('@')
              ? input.contact.toLowerCase()
              : input.contact,
            agentName: input.agent?.name ?? null,
            agentEmail: input.agent?.email ?? null,
            agentPermission: input.agent?.signedPermission ?? null,
            verification,
          },
          clinic,
          now,
        );
        await trxRepo.addEvent(
          created.id,
          { kind: 'received', actor: isAgent ? 'agent' : 'person' },
          now,
        );
        if (holder && target) {
          // The code goes to the contact given when it is the one held, else to the other held one.
          const preferred =
            holder.via === 'phone' && target.phone ? { email: null, phone: target.phone } : target;
          sent = await issueIdentityCode(trx, created, clinic, preferred, now);
          if (sent) {
            await trxRepo.addEvent(
              created.id,
              {
                kind: 'code-sent',
                actor: 'system',
                note: `A code was sent by ${sent === 'mail' ? 'email' : 'text'} to a contact the clinic holds.`,
              },
              now,
            );
          } else {
            // issueIdentityCode stored a code it could not send: it stands as the decoy.
            await trxRepo.update(created.id, { verification: 'awaiting-staff' }, now);
          }
        } else {
          await issueDecoyCode(trx, created, now);
        }
        if (input.agent) {
          await createMailRepository(trx, dialect).enqueue(
            agentReceiptMail(input.agent.email, created, clinicInfo(clinic)),
            now,
          );
        }
        return created;
      });
      deps.onMailQueued();
      if (sent === 'sms') deps.onSmsQueued();
      if (isAgent && request.userId) {
        await notify(request, clinic, 'owner-confirmation-needed');
      }
      return {
        id: request.id,
        reference: request.reference,
        type: request.type,
        regime: request.regime,
        receivedAt: request.receivedAt,
        acknowledgeBy: request.acknowledgeBy,
        dueAt: request.dueAt,
        extendedDueAt: null,
        // The same words whether the contact is known or not (CCPA: no account is needed, and
        // nothing may tell a stranger whether someone is a client).
        message: isAgent
          ? 'Received. If the clinic holds a contact for this person, it asks them to confirm the request directly; it goes ahead once they do.'
          : 'Received. If the clinic holds this contact, a code is on its way to it: enter it to confirm it is you. Otherwise the clinic will contact you.',
      };
    },

    /** The code from the contact the clinic holds: proves the person, or the owner behind an agent. */
    async verifyIdentity(
      clinicSlug: string,
      id: number,
      code: string,
      ip: string,
    ): Promise<PublicRequestStatus> {
      const clinic = await deps.clinics.require(clinicSlug);
      await deps.rateLimiter.hit({
        key: `request:verify:ip:${ip}`,
        ...REQUEST_RULES.verifiesPerIp,
      });
      const request = await repo.find(id);
      // An unknown request and one in another clinic answer like a wrong code: ids are guessable.
      if (!request || request.clinicId !== clinic.id) throw new InvalidCodeError();
      const record = await repo.latestCode(id);
      if (request.verification === 'verified') {
        // Only the code that confirmed it (entered twice, say) learns that it is confirmed;
        // anyone else probing an id learns nothing, not even its reference.
        if (record && safeEqual(record.code_hash, hashCode(id, code))) {
          return {
            reference: request.reference,
            verification: 'verified',
            message: 'This request is already confirmed.',
          };
        }
        throw new InvalidCodeError();
      }
      const now = clock.now();
      if (!record) throw new InvalidCodeError();
      if (record.attempts >= REQUEST_RULES.maxCodeAttempts) throw new TooManyAttemptsError();
      if (record.ended_at)
        throw new InvalidCodeError('That code has been used or replaced. Ask for a new one.');
      if (record.expires_at <= now.toISOString()) {
        throw new InvalidCodeError('That code has expired. Ask for a new one.');
      }
      const attempt = await repo.countAttempt(record.id, REQUEST_RULES.maxCodeAttempts);
      if (attempt === null) throw new TooManyAttemptsError();
      if (!safeEqual(record.code_hash, hashCode(id, code))) {
        const left = REQUEST_RULES.maxCodeAttempts - attempt;
        if (left === 0) await repo.endCode(record.id, now);
        throw new InvalidCodeError(
          left > 0
            ? `That code is not right. You can try ${left} more ${left === 1 ? 'time' : 'times'}.`
            : 'That code is not right, and it no longer works. Ask for a new one.',
        );
      }
      const updated = await db.transaction().execute(async (trx) => {
        if (!(await createRequestsRepository(trx, dialect).endCode(record.id, now))) {
          throw new InvalidCodeError('That code has been used already. Ask for a new one.');
        }
        const current = await requireClinicRequest(clinic, id, trx);
        if (!isOpen(current.status)) return current;
        const actor: TimelineActor = current.filedBy === 'agent' ? 'owner' : 'person';
        return confirmIdentity(trx, current, clinic, now, actor, null);
      });
      deps.onMailQueued();
      await notify(updated, clinic, updated.status);
      return {
        reference: updated.reference,
        verification: updated.verification,
        message: 'Thank you: the request is confirmed, and the clinic is working on it.',
      };
    },

    /** A new code for a request still waiting for one (the old one expired or was lost). */
    async resendIdentityCode(clinicSlug: string, id: number, ip: string): Promise<void> {
      const clinic = await deps.clinics.require(clinicSlug);
      await deps.rateLimiter.hit({ key: `request:code:ip:${ip}`, ...REQUEST_RULES.codesPerIp });
      const request = await repo.find(id);
      // Answered the same whatever the request: 202, so nothing is learnt from it.
      if (
        !request ||
        request.clinicId !== clinic.id ||
        !isOpen(request.status) ||
        request.verification === 'verified'
      ) {
        return;
      }
      // The same limit as the filing's, on the contact given, known or not: a 429 tells nothing.
      if (request.subjectContact) await hitContactLimit(clinic, request.subjectContact);
      const now = clock.now();
      const userId = request.verification === 'awaiting-staff' ? null : request.userId;
      if (userId === null) {
        // Nowhere to send a code: a fresh decoy, so the code step answers as for a known one.
        await db.transaction().execute((trx) => issueDecoyCode(trx, request, now));
        return;
      }
      const target = await codeTargetFor(userId);
      const sent = await db
        .transaction()
        .execute((trx) => issueIdentityCode(trx, request, clinic, target, now));
      if (sent === 'mail') deps.onMailQueued();
      if (sent === 'sms') deps.onSmsQueued();
    },

    // ── staff ──

    async queue(context: AuthContext, query: StaffQueueQuery): Promise<StaffRequest[]> {
      const clinic = context.clinic;
      const status = query.status ?? 'open';
      const statuses =
        status === 'open' ? OPEN_REQUEST_STATUSES : status === 'all' ? undefined : [status];
      const requests = await repo.listForClinic(clinic.id, {
        ...(statuses ? { statuses } : {}),
        ...(query.type ? { type: query.type } : {}),
      });
      const users = await subjectsOf(requests);
      return requests
        .map((r) => staffView(r, clinic, users))
        .sort((a, b) => a.effectiveDueAt.localeCompare(b.effectiveDueAt) || a.id - b.id);
    },

    async staffGet(context: AuthContext, id: number): Promise<StaffRequestDetail> {
      const request = await requireClinicRequest(context.clinic, id);
      const users = await subjectsOf([request]);
      return {
        ...staffView(request, context.clinic, users),
        timeline: timelineView(await repo.timeline(id), true),
      };
    },

    verify: (context: AuthContext, id: number, note: string | undefined) =>
      runStaffAction(context, id, {
        name: 'verify',
        async apply(trx, request, now) {
          if (!isOpen(request.status)) invalidTransition(request, 'verified');
          if (request.verification === 'verified') {
            throw new RequestConflictError(
              'already-verified',
              `Request ${request.reference} is already verified.`,
            );
          }
          // An agent's request waits for the owner's own confirmation (11 CCR §7063), also when
          // the clinic holds no contact to ask them by: staff may then only deny it.
          if (request.filedBy === 'agent') {
            throw new RequestConflictError(
              'owner-confirmation-required',
              request.verification === 'awaiting-owner'
                ? 'An authorized agent filed this request: the owner must confirm it directly, in the app or with the code sent to them (11 CCR §7063).'
                : 'An authorized agent filed this request and the clinic holds no contact to ask the owner by: it cannot be verified for them, only denied with a reason (11 CCR §7063).',
            );
          }
          const applied = await confirmIdentity(
            trx,
            request,
            context.clinic,
            now,
            'staff',
            context.user.id,
            note ?? null,
          );
          return { change: applied.status === 'completed' ? 'completed' : 'verified' };
        },
      }),

    start: (context: AuthContext, id: number) =>
      runStaffAction(context, id, {
        name: 'start',
        async apply(trx, request, now) {
          if (request.status !== 'verified') invalidTransition(request, 'started');
          const trxRepo = createRequestsRepository(trx, dialect);
          await trxRepo.update(request.id, { status: 'in-progress' }, now);
          await trxRepo.addEvent(
            request.id,
            { kind: 'in-progress', actor: 'staff', actorUserId: context.user.id },
            now,
          );
          return { change: 'in-progress' };
        },
      }),

    extend: (context: AuthContext, id: number, reason: string) =>
      runStaffAction(context, id, {
        name: 'extend',
        async apply(trx, request, now) {
          if (!isOpen(request.status)) invalidTransition(request, 'extended');
          if (request.extendedDueAt) {
            throw new RequestConflictError(
              'already-extended',
              `Request ${request.reference} was already extended; the law allows one extension.`,
            );
          }
          if (now.toISOString() > request.extensionNoticeBy) {
            throw new RequestConflictError(
              'extension-too-late',
              `An extension must be decided and told to the owner within the first period, which ended ${request.extensionNoticeBy}.`,
              { extensionNoticeBy: request.extensionNoticeBy },
            );
          }
          const dates = computeDeadlines(
            new Date(request.receivedAt),
            regimesOf(request.regime),
            context.clinic.timeZone,
          );
          const trxRepo = createRequestsRepository(trx, dialect);
          await trxRepo.update(
            request.id,
            {
              status: 'extended',
              extendedDueAt: dates.extendedDueAt.toISOString(),
              extensionReason: reason,
            },
            now,
          );
          await trxRepo.addEvent(
            request.id,
            { kind: 'extended', actor: 'staff', actorUserId: context.user.id, note: reason },
            now,
          );
          return { change: 'extended' };
        },
      }),

    complete: (context: AuthContext, id: number, note: string | undefined) => {
      let attachment: string | null = null;
      return runStaffAction(
        context,
        id,
        {
          name: 'complete',
          async apply(trx, request, now) {
            if (!isOpen(request.status)) invalidTransition(request, 'completed');
            if (request.verification !== 'verified') {
              throw new RequestConflictError(
                'not-verified',
                `Request ${request.reference} cannot be completed before the requester's identity is verified.`,
              );
            }
            const trxRepo = createRequestsRepository(trx, dialect);
            const owner = request.userId
              ? { id: request.userId, clinicId: context.clinic.id }
              : null;
            if (
              (request.type === 'access' || request.type === 'portability') &&
              attachment !== null
            ) {
              await trxRepo.saveExport(request.id, attachment, now);
            }
            if (request.type === 'rectification' && owner) {
              await applyCorrections(trx, request, owner.id, now);
            }
            if (request.type === 'restriction' && owner) {
              await deps.preferences.setRestriction(owner, false, { trx, now });
            }
            await trxRepo.update(
              request.id,
              {
                status: 'completed',
                completedAt: now.toISOString(),
                completionNote: note ?? null,
                retainUntil: retainUntil(now, context.clinic),
              },
              now,
            );
            await trxRepo.addEvent(
              request.id,
              {
                kind: 'completed',
                actor: 'staff',
                actorUserId: context.user.id,
                note: note ?? null,
              },
              now,
            );
            if (request.type === 'erasure' && !owner) {
              // Nobody's account: the record keeps what was asked and answered, not who asked.
              await trxRepo.pseudonymise(request.id, now);
            }
            if (request.type === 'erasure' && owner) {
              const user = await trx
                .selectFrom('users')
                .select(['email', 'status'])
                .where('id', '=', owner.id)
                .executeTakeFirst();
              const finalNoticeTo = user?.status === 'active' ? user.email : null;
              await eraseOwner(trx, owner.id, now, {
                preferences: deps.preferences,
                steps: [...coreErasureSteps, ...registry.erasureSteps()],
                pseudonymiseRequests: async (t, subject, at) => {
                  const trxRequests = createRequestsRepository(t, dialect);
                  // Their other open requests cannot be answered any more: closed, and said why.
                  for (const other of await trxRequests.listForUser(subject.userId)) {
                    if (other.id === request.id || !isOpen(other.status)) continue;
                    const closing = 'Closed: the account was deleted by an erasure request.';
                    await trxRequests.update(
                      other.id,
                      {
                        status: 'completed',
                        completedAt: at.toISOString(),
                        completionNote: closing,
                      },
                      at,
                    );
                    await trxRequests.addEvent(
                      other.id,
                      { kind: 'completed', actor: 'system', note: closing },
                      at,
                    );
                  }
                  await trxRequests.pseudonymiseForUser(
                    subject,
                    at,
                    retainUntil(at, context.clinic),
                  );
                },
              });
              if (finalNoticeTo) {
                // The confirmation of the deletion, after the erasure so that its redaction
                // does not cancel it; its row is redacted once delivered (mail.repository.ts).
                const updated = (await trxRepo.find(request.id)) as RequestRecord;
                const mail = statusMail(
                  finalNoticeTo,
                  updated,
                  'completed',
                  clinicInfo(context.clinic),
                  '',
                );
                await createMailRepository(trx, dialect).enqueue(
                  { ...mail, headers: { ...mail.headers, [REDACT_AFTER_DELIVERY_HEADER]: '1' } },
                  now,
                );
              }
              return { change: null, notice: 'completed' };
            }
            return { change: 'completed' };
          },
        },
        async (request) => {
          // Built before the transaction: on SQLite the export's reads could not run beside it.
          if ((request.type === 'access' || request.type === 'portability') && request.userId) {
            attachment = await exportText(request.userId, context.clinic, clock.now());
          }
        },
      );
    },

    deny: (context: AuthContext, id: number, reason: string) =>
      runStaffAction(context, id, {
        name: 'deny',
        async apply(trx, request, now) {
          if (!isOpen(request.status)) invalidTransition(request, 'denied');
          const trxRepo = createRequestsRepository(trx, dialect);
          if (request.type === 'restriction' && request.userId) {
            await deps.preferences.setRestriction(
              { id: request.userId, clinicId: context.clinic.id },
              false,
              { trx, now },
            );
          }
          await trxRepo.update(
            request.id,
            {
              status: 'denied',
              denialReason: reason,
              completedAt: now.toISOString(),
              retainUntil: retainUntil(now, context.clinic),
            },
            now,
          );
          await trxRepo.addEvent(
            request.id,
            { kind: 'denied', actor: 'staff', actorUserId: context.user.id, note: reason },
            now,
          );
          return { change: 'denied' };
        },
      }),
  };

  /** Marks the request verified (by code, the owner's confirmation or staff) and applies it. */
  async function confirmIdentity(
    trx: Db,
    request: RequestRecord,
    clinicRecord: ClinicRecord,
    now: Date,
    actor: TimelineActor,
    actorUserId: number | null,
    note: string | null = null,
  ): Promise<RequestRecord> {
    const trxRepo = createRequestsRepository(trx, dialect);
    await trxRepo.update(
      request.id,
      {
        verification: 'verified',
        verifiedAt: now.toISOString(),
        ...(request.status === 'received' ? { status: 'verified' as const } : {}),
      },
      now,
    );
    await trxRepo.endActiveCodes(request.id, now);
    await trxRepo.addEvent(
      request.id,
      {
        kind: request.filedBy === 'agent' && actor === 'owner' ? 'owner-confirmed' : 'verified',
        actor,
        actorUserId,
        note,
      },
      now,
    );
    const updated = (await trxRepo.find(request.id)) as RequestRecord;
    const applied = await onVerified(trx, updated, clinicRecord, now);
    if (actor !== 'staff') {
      // Staff verification mails through runStaffAction; the owner's own confirmation here.
      await queueOwnerMail(
        trx,
        applied,
        (to) =>
          statusMail(
            to,
            applied,
            applied.status === 'completed' ? 'completed' : 'verified',
            clinicInfo(clinicRecord),
            requestUrl(clinicRecord, applied.id),
          ),
        now,
      );
    }
    return applied;
  }

  /** Name and phone corrections go onto the profile, recorded in the owner's activity. */
  async function applyCorrections(trx: Db, request: RequestRecord, userId: number, now: Date) {
    const corrections = request.details.corrections ?? [];
    const user = await trx
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user || user.status !== 'active') return;
    const set: { name?: string | null; phone?: string | null } = {};
    const changes: Array<{ field: string; from: string | null; to: string | null }> = [];
    for (const correction of corrections) {
      const field = correction.field.trim().toLowerCase();
      if (!(PROFILE_FIELDS as readonly string[]).includes(field)) continue;
      const value =
        correction.new.trim() === ''
          ? null
          : field === 'phone'
            ? PhoneSchema.parse(correction.new)
            : correction.new.trim();
      const from = field === 'name' ? user.name : user.phone;
      if (from === value) continue;
      set[field as 'name' | 'phone'] = value;
      changes.push({ field, from, to: value });
    }
    if (changes.length === 0) return;
    await trx
      .updateTable('users')
      .set({ ...set, updated_at: now.toISOString() })
      .where('id', '=', userId)
      .execute();
    await createAccountEventsRepository(trx).record(
      userId,
      { kind: 'profile-updated', changes, actor: 'staff' },
      now,
    );
  }

  return service;
}

export type RequestsService = ReturnType<typeof createRequestsService>;
