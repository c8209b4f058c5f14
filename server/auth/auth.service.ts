import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { User } from '../../src/contract/auth.ts';
import { createAccountEventsRepository } from '../accounts/account-events.repository.ts';
import type { ClinicRecord } from '../clinics/clinics.repository.ts';
import type { ClinicsService } from '../clinics/clinics.service.ts';
import type { Clock } from '../clock.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { hmac, safeEqual } from '../lib/secrets.ts';
import { createMailRepository } from '../mail/mail.repository.ts';
import { codeMail } from '../mail/templates.ts';
import type { RateLimiter } from '../rate-limit/rate-limiter.ts';
import {
  createAuthRepository,
  type CodePurpose,
  type SessionRecord,
  type UserRecord,
} from './auth.repository.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const AUTH_RULES = {
  codeDigits: 6,
  codeValidMs: 10 * MINUTE,
  /** ../shared/API.md: after 5 wrong codes the code is void. */
  maxAttempts: 5,
  stepUpMs: 10 * MINUTE,
  codesPerAddress: { limit: 5, windowMs: 60 * MINUTE },
  codesPerIp: { limit: 30, windowMs: 60 * MINUTE },
  verifiesPerIp: { limit: 60, windowMs: 15 * MINUTE },
  /** Owners stay signed in on their phone; staff sessions are short, as they hold everyone's data. */
  sessions: {
    owner: { idleMs: 30 * DAY, absoluteMs: 90 * DAY },
    staff: { idleMs: 12 * 60 * MINUTE, absoluteMs: 7 * DAY },
  },
  /** last_seen_at is written at most this often, not on every request. */
  touchEveryMs: 5 * MINUTE,
} as const;

export class InvalidCodeError extends DomainError {
  constructor(message = 'That code is not right. Check the latest email and try again.') {
    super(400, 'invalid-code', message);
  }
}

export class TooManyAttemptsError extends DomainError {
  constructor() {
    super(
      429,
      'too-many-attempts',
      'Too many wrong codes: this code no longer works. Ask for a new one.',
    );
  }
}

export class UnauthenticatedError extends DomainError {
  constructor() {
    super(401, 'unauthenticated', 'Please sign in first.');
  }
}

export class ForbiddenError extends DomainError {
  constructor(code = 'forbidden', message = 'You cannot see or change this.') {
    super(403, code, message);
  }
}

export class AgeConfirmationRequiredError extends DomainError {
  constructor() {
    super(403, 'age-confirmation-required', 'Please confirm that you are 16 or older first.');
  }
}

export class StepUpRequiredError extends DomainError {
  constructor() {
    super(403, 'step-up-required', 'For your safety, confirm it is you with a fresh code first.');
  }
}

export interface AuthContext {
  user: UserRecord;
  session: SessionRecord;
  clinic: ClinicRecord;
}

export const hashSessionToken = (token: string) =>
  crypto.createHash('sha256').update(token).digest('base64url');

export function toPublicUser(
  user: UserRecord,
  clinicSlug: string,
  session?: SessionRecord,
  now?: Date,
): User {
  const steppedUp = session?.steppedUpUntil && now && session.steppedUpUntil > now.toISOString();
  return {
    id: user.id,
    role: user.role,
    clinic: clinicSlug,
    email: user.email ?? '',
    name: user.name,
    phone: user.phone,
    ageConfirmed: user.isAgeConfirmed,
    createdAt: user.createdAt,
    steppedUpUntil: steppedUp ? (session.steppedUpUntil as string) : null,
  };
}

export interface AuthServiceDeps {
  db: Kysely<DatabaseSchema>;
  dialect: 'sqlite' | 'postgres';
  clock: Clock;
  clinics: ClinicsService;
  rateLimiter: RateLimiter;
  /** Peppers code hashes: six digits alone could be brute-forced from a leaked table. */
  codeSecret: Buffer;
  onMailQueued: () => void;
}

export function createAuthService(deps: AuthServiceDeps) {
  const { db, clock, clinics, rateLimiter, codeSecret } = deps;
  const repo = createAuthRepository(db);

  const hashCode = (clinicId: number, purpose: CodePurpose, email: string, code: string) =>
    hmac(codeSecret, 'code', String(clinicId), purpose, email, code);

  const newCode = () => String(crypto.randomInt(0, 10 ** AUTH_RULES.codeDigits)).padStart(6, '0');

  /** Issues a code and queues its mail in one transaction: a crash cannot lose one without the other. */
  async function issueCode(
    clinic: ClinicRecord,
    purpose: CodePurpose,
    email: string,
    userId: number | null,
    payload: string | null = null,
  ): Promise<void> {
    const now = clock.now();
    const code = newCode();
    await db.transaction().execute(async (trx) => {
      const trxRepo = createAuthRepository(trx);
      await trxRepo.endActiveCodes(clinic.id, purpose, email, now);
      await trxRepo.insertCode({
        clinicId: clinic.id,
        purpose,
        email,
        userId,
        codeHash: hashCode(clinic.id, purpose, email, code),
        createdAt: now,
        expiresAt: new Date(now.getTime() + AUTH_RULES.codeValidMs),
        payload,
      });
      const to = purpose === 'email-change' && payload ? payload : email;
      await createMailRepository(trx, deps.dialect).enqueue(
        codeMail(purpose, to, code, clinic, AUTH_RULES.codeValidMs / MINUTE),
        now,
      );
    });
    deps.onMailQueued();
  }

  /**
   * Checks a code. Every try is counted before it is compared, atomically, so parallel
   * guesses cannot get past the limit; the fifth wrong try voids the code.
   */
  async function checkCode(
    clinicId: number,
    purpose: CodePurpose,
    email: string,
    code: string,
  ): Promise<{ userId: number | null; payload: string | null }> {
    const now = clock.now();
    const record = await repo.latestCode(clinicId, purpose, email);
    if (!record) throw new InvalidCodeError();
    if (record.attempts >= AUTH_RULES.maxAttempts) throw new TooManyAttemptsError();
    if (record.endedAt)
      throw new InvalidCodeError('That code has been used or replaced. Ask for a new one.');
    if (record.expiresAt <= now.toISOString()) {
      throw new InvalidCodeError('That code has expired. Ask for a new one.');
    }
    const attempt = await repo.countAttempt(record.id, AUTH_RULES.maxAttempts);
    if (attempt === null) throw new TooManyAttemptsError();
    if (!safeEqual(record.codeHash, hashCode(clinicId, purpose, email, code))) {
      const left = AUTH_RULES.maxAttempts - attempt;
      if (left === 0) await repo.endCode(record.id, now);
      throw new InvalidCodeError(
        left > 0
          ? `That code is not right. You can try ${left} more ${left === 1 ? 'time' : 'times'}.`
          : 'That code is not right, and it no longer works. Ask for a new one.',
      );
    }
    if (!(await repo.endCode(record.id, now))) {
      throw new InvalidCodeError('That code has been used already. Ask for a new one.');
    }
    return { userId: record.userId, payload: record.payload };
  }

  async function startSession(user: UserRecord, userAgent: string | undefined) {
    const now = clock.now();
    const token = crypto.randomBytes(32).toString('base64url');
    const rules = user.role === 'owner' ? AUTH_RULES.sessions.owner : AUTH_RULES.sessions.staff;
    const session: SessionRecord = {
      id: hashSessionToken(token),
      userId: user.id,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + rules.absoluteMs).toISOString(),
      steppedUpUntil: null,
      userAgent: userAgent?.slice(0, 300) ?? null,
    };
    await repo.insertSession(session);
    return { token, session };
  }

  return {
    rules: AUTH_RULES,
    now: () => clock.now(),

    async requestSignInCode(input: { clinic: string; email: string; ip: string }): Promise<void> {
      const clinic = await clinics.require(input.clinic);
      await rateLimiter.hit(
        { key: `code:ip:${input.ip}`, ...AUTH_RULES.codesPerIp },
        { key: `code:addr:${clinic.id}:${input.email}`, ...AUTH_RULES.codesPerAddress },
      );
      const user = await repo.findUserByEmail(clinic.id, input.email);
      // The caller answers 202 either way: whether an address is known is not disclosed.
      if (!user && !clinic.isOpenRegistration) return;
      await issueCode(clinic, 'sign-in', input.email, user?.id ?? null);
    },

    async verifySignIn(input: {
      clinic: string;
      email: string;
      code: string;
      ip: string;
      userAgent: string | undefined;
      previousSessionToken: string | undefined;
    }): Promise<{ user: User; token: string; session: SessionRecord; role: UserRecord['role'] }> {
      const clinic = await clinics.require(input.clinic);
      await rateLimiter.hit({ key: `verify:ip:${input.ip}`, ...AUTH_RULES.verifiesPerIp });
      await checkCode(clinic.id, 'sign-in', input.email, input.code);
      const now = clock.now();
      let user = await repo.findUserByEmail(clinic.id, input.email);
      if (!user) {
        if (!clinic.isOpenRegistration) throw new InvalidCodeError();
        try {
          user = await db.transaction().execute(async (trx) => {
            const created = await createAuthRepository(trx).insertUser(
              { clinicId: clinic.id, role: 'owner', email: input.email, isAgeConfirmed: false },
              now,
            );
            await createAccountEventsRepository(trx).record(
              created.id,
              { kind: 'account-created', changes: [], actor: 'owner' },
              now,
            );
            return created;
          });
        } catch (error) {
          // Two verifications of the same new address at once: the other one created it.
          user = await repo.findUserByEmail(clinic.id, input.email);
          if (!user) throw error;
        }
      }
      // Rotation: a session presented at sign-in is ended, and a new one starts.
      if (input.previousSessionToken) {
        await repo.revokeSession(hashSessionToken(input.previousSessionToken), now);
      }
      const { token, session } = await startSession(user, input.userAgent);
      return {
        user: toPublicUser(user, clinic.slug, session, now),
        token,
        session,
        role: user.role,
      };
    },

    /** The session behind a cookie, if it is live: not revoked, not idle too long, not too old. */
    async resolveSession(token: string): Promise<AuthContext | null> {
      const now = clock.now();
      const session = await repo.findLiveSession(hashSessionToken(token));
      if (!session) return null;
      const user = await repo.findUser(session.userId);
      if (!user || user.status !== 'active') return null;
      const rules = user.role === 'owner' ? AUTH_RULES.sessions.owner : AUTH_RULES.sessions.staff;
      const idleSince = now.getTime() - new Date(session.lastSeenAt).getTime();
      if (session.expiresAt <= now.toISOString() || idleSince > rules.idleMs) {
        await repo.revokeSession(session.id, now);
        return null;
      }
      if (idleSince > AUTH_RULES.touchEveryMs) {
        await repo.touchSession(session.id, now);
        session.lastSeenAt = now.toISOString();
      }
      const clinicRecord = await db
        .selectFrom('clinics')
        .select('slug')
        .where('id', '=', user.clinicId)
        .executeTakeFirstOrThrow();
      const clinic = await clinics.require(clinicRecord.slug);
      return { user, session, clinic };
    },

    async signOut(sessionId: string): Promise<void> {
      await repo.revokeSession(sessionId, clock.now());
    },

    async signOutOthers(auth: AuthContext): Promise<number> {
      const now = clock.now();
      const count = await repo.revokeOtherSessions(auth.user.id, auth.session.id, now);
      await createAccountEventsRepository(db).record(
        auth.user.id,
        { kind: 'signed-out-elsewhere', changes: [], actor: 'owner' },
        now,
      );
      return count;
    },

    listSessions: (auth: AuthContext) => repo.listLiveSessions(auth.user.id, clock.now()),

    async endSession(auth: AuthContext, sessionId: string): Promise<void> {
      const sessions = await repo.listLiveSessions(auth.user.id, clock.now());
      if (!sessions.some((s) => s.id === sessionId)) {
        throw new DomainError(404, 'not-found', 'There is no such signed-in device.');
      }
      await repo.revokeSession(sessionId, clock.now());
    },

    async requestStepUpCode(auth: AuthContext, ip: string): Promise<void> {
      if (!auth.user.email) throw new ForbiddenError();
      await rateLimiter.hit(
        { key: `code:ip:${ip}`, ...AUTH_RULES.codesPerIp },
        { key: `stepup:user:${auth.user.id}`, ...AUTH_RULES.codesPerAddress },
      );
      await issueCode(auth.clinic, 'step-up', auth.user.email, auth.user.id);
    },

    async verifyStepUp(auth: AuthContext, code: string, ip: string): Promise<Date> {
      if (!auth.user.email) throw new ForbiddenError();
      await rateLimiter.hit({ key: `verify:ip:${ip}`, ...AUTH_RULES.verifiesPerIp });
      await checkCode(auth.clinic.id, 'step-up', auth.user.email, code);
      const until = new Date(clock.now().getTime() + AUTH_RULES.stepUpMs);
      await repo.stepUpSession(auth.session.id, until);
      return until;
    },

    isSteppedUp(auth: AuthContext): boolean {
      return Boolean(
        auth.session.steppedUpUntil && auth.session.steppedUpUntil > clock.now().toISOString(),
      );
    },

    /** Code-verified change of a signed-in user's address (used by the profile). */
    async requestEmailChangeCode(auth: AuthContext, newEmail: string, ip: string): Promise<void> {
      if (!auth.user.email) throw new ForbiddenError();
      await rateLimiter.hit(
        { key: `code:ip:${ip}`, ...AUTH_RULES.codesPerIp },
        { key: `code:addr:${auth.clinic.id}:${newEmail}`, ...AUTH_RULES.codesPerAddress },
      );
      await issueCode(auth.clinic, 'email-change', auth.user.email, auth.user.id, newEmail);
    },

    async verifyEmailChangeCode(auth: AuthContext, code: string, ip: string): Promise<string> {
      if (!auth.user.email) throw new ForbiddenError();
      await rateLimiter.hit({ key: `verify:ip:${ip}`, ...AUTH_RULES.verifiesPerIp });
      const { payload } = await checkCode(auth.clinic.id, 'email-change', auth.user.email, code);
      if (!payload) throw new InvalidCodeError();
      return payload;
    },

    /**
     * "sixteenOrOlder: false ends the sign-up: the account is not created, and nothing is kept
     * but the refusal" (../shared/API.md). Idempotent for true.
     */
    async confirmAge(auth: AuthContext, sixteenOrOlder: boolean): Promise<'confirmed' | 'refused'> {
      const now = clock.now();
      if (sixteenOrOlder) {
        if (await repo.confirmAge(auth.user.id, now)) {
          await createAccountEventsRepository(db).record(
            auth.user.id,
            { kind: 'age-confirmed', changes: [], actor: 'owner' },
            now,
          );
        }
        return 'confirmed';
      }
      if (auth.user.isAgeConfirmed || auth.user.role !== 'owner') {
        throw new DomainError(
          409,
          'age-already-confirmed',
          'This account was confirmed as belonging to someone 16 or older. To close it, delete the account.',
        );
      }
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('age_refusals')
          .values({
            clinic_id: auth.clinic.id,
            email_hash: hmac(codeSecret, 'age-refusal', auth.user.email ?? ''),
            at: now.toISOString(),
          })
          .execute();
        await trx.deleteFrom('one_time_codes').where('user_id', '=', auth.user.id).execute();
        await trx
          .deleteFrom('one_time_codes')
          .where('clinic_id', '=', auth.clinic.id)
          .where('email', '=', auth.user.email ?? '')
          .execute();
        await trx.deleteFrom('users').where('id', '=', auth.user.id).execute();
      });
      return 'refused';
    },

    findUser: (id: number) => repo.findUser(id),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
