import type { Kysely } from 'kysely';
import type {
  AccountEvent,
  Pet,
  PetInput,
  PetUpdate,
  ProfileUpdate,
} from '../../src/contract/account.ts';
import type { UserRecord } from '../auth/auth.repository.ts';
import { UnauthenticatedError, type AuthContext, type AuthService } from '../auth/auth.service.ts';
import type { Clock } from '../clock.ts';
import type { DialectName } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.ts';
import { createMailRepository, type MailRepository } from '../mail/mail.repository.ts';
import type { RateLimiter } from '../rate-limit/rate-limiter.ts';
import { createAccountEventsRepository } from './account-events.repository.ts';
import { createAccountsRepository, type AccountsRepository } from './accounts.repository.ts';
import { emailChangedNotice } from './email-changed-mail.ts';

export const ACCOUNT_RULES = {
  /**
   * Every ask for an email change counts, refused ones included: a 409 `email-taken` tells
   * whether an address has an account here, so one account may learn that of at most this
   * many addresses an hour.
   */
  emailChangeAsksPerAccount: { limit: 10, windowMs: 60 * 60_000 },
} as const;

export class SameEmailError extends BadRequestError {
  constructor() {
    super('same-email', 'That is already your email address.');
  }
}

export class EmailTakenError extends ConflictError {
  constructor() {
    super(
      'email-taken',
      'Another account at this clinic uses that email address. Choose another one, or ask the clinic.',
    );
  }
}

export class InvalidBirthDateError extends BadRequestError {
  constructor() {
    super('invalid-birth-date', 'A birth date cannot be in the future.');
  }
}

export class PetNotFoundError extends NotFoundError {
  constructor() {
    super('There is no such pet on your account.');
  }
}

type Change = AccountEvent['changes'][number];
type Fields<K extends string> = Record<K, string | null>;

/** The fields of `next` that differ from `before`, as the timeline shows them (old → new). */
function changesBetween<K extends string>(
  before: NoInfer<Fields<K>>,
  next: NoInfer<Partial<Fields<K>>>,
  fields: readonly K[],
): Change[] {
  return fields.flatMap((field) => {
    const to = next[field];
    return to === undefined || to === before[field] ? [] : [{ field, from: before[field], to }];
  });
}

const PET_FIELDS = ['name', 'species', 'birthDate'] as const;
const NO_PET: Fields<(typeof PET_FIELDS)[number]> = { name: null, species: null, birthDate: null };

/**
 * A pet event's changes start with `{ field: 'pet', from, to }`: the pet's name before and
 * after (null when it is added or removed). It names the pet in the timeline even when the
 * name is not what changed; the entries after it are the fields that did change.
 */
const petLabel = (from: string | null, to: string | null): Change => ({ field: 'pet', from, to });

export interface AccountsServiceDeps {
  db: Kysely<DatabaseSchema>;
  dialect: DialectName;
  clock: Clock;
  auth: AuthService;
  rateLimiter: RateLimiter;
  onMailQueued: () => void;
}

/** The owner's own profile and pets: corrections take effect at once and go to the timeline. */
export function createAccountsService(deps: AccountsServiceDeps) {
  const { db, dialect, clock, auth, rateLimiter } = deps;
  const repo = createAccountsRepository(db, dialect);

  /** Each correction and its timeline entry are written together or not at all. */
  const inTransaction = <T>(
    work: (trx: {
      accounts: AccountsRepository;
      events: ReturnType<typeof createAccountEventsRepository>;
      mail: MailRepository;
    }) => Promise<T>,
  ) =>
    db.transaction().execute((trx) =>
      work({
        accounts: createAccountsRepository(trx, dialect),
        events: createAccountEventsRepository(trx),
        mail: createMailRepository(trx, dialect),
      }),
    );

  /** The clinic's time zone is not consulted: a pet born "tomorrow" anywhere is a typo. */
  function checkBirthDate(birthDate: string | null | undefined) {
    const today = clock.now().toISOString().slice(0, 10);
    if (birthDate && birthDate > today) throw new InvalidBirthDateError();
  }

  return {
    async updateProfile(context: AuthContext, update: ProfileUpdate): Promise<UserRecord> {
      const now = clock.now();
      return inTransaction(async ({ accounts, events }) => {
        const user = await accounts.findUserForUpdate(context.user.id);
        if (!user) throw new UnauthenticatedError();
        const changes = changesBetween(user, update, ['name', 'phone']);
        if (changes.length === 0) return user;
        const updated = await accounts.updateProfile(user.id, update, now);
        await events.record(user.id, { kind: 'profile-updated', changes, actor: 'owner' }, now);
        return updated;
      });
    },

    async requestEmailChange(context: AuthContext, email: string, ip: string): Promise<void> {
      if (email === context.user.email) throw new SameEmailError();
      // Enumeration: saying "taken" tells the asker that the address has an account here. We
      // say it anyway, because the alternative (a silent 202 and a mail to that address) leaves
      // an owner puzzled by a code that never comes. The asker is a signed-in, age-confirmed
      // owner whose own address was proven by a code, and the ask is counted before the
      // answer, so probing is slow and tied to an account: see ACCOUNT_RULES.
      await rateLimiter.hit({
        key: `email-change:user:${context.user.id}`,
        ...ACCOUNT_RULES.emailChangeAsksPerAccount,
      });
      if (await repo.isEmailTaken(context.clinic.id, email, context.user.id)) {
        throw new EmailTakenError();
      }
      await auth.requestEmailChangeCode(context, email, ip);
    },

    async verifyEmailChange(context: AuthContext, code: string, ip: string): Promise<UserRecord> {
      const newEmail = await auth.verifyEmailChangeCode(context, code, ip);
      const now = clock.now();
      const user = await inTransaction(async ({ accounts, events, mail }) => {
        const current = await accounts.findUserForUpdate(context.user.id);
        if (!current?.email) throw new UnauthenticatedError();
        // The unique (clinic, email) constraint decides, so an account that took the address
        // after the code was sent, or at this very moment, gets it and this one gets a 409.
        const updated = await accounts.updateEmail(current.id, newEmail, now);
        if (updated === 'taken') throw new EmailTakenError();
        await events.record(
          current.id,
          {
            kind: 'email-changed',
            changes: [{ field: 'email', from: current.email, to: newEmail }],
            actor: 'owner',
          },
          now,
        );
        await mail.enqueue(
          emailChangedNotice({ to: current.email, newEmail, clinic: context.clinic, at: now }),
          now,
        );
        return updated;
      });
      deps.onMailQueued();
      return user;
    },

    listPets: (context: AuthContext): Promise<Pet[]> => repo.listPets(context.user.id),

    async addPet(context: AuthContext, input: PetInput): Promise<Pet> {
      checkBirthDate(input.birthDate);
      const now = clock.now();
      return inTransaction(async ({ accounts, events }) => {
        const pet = await accounts.insertPet(context.user.id, input, now);
        const changes = [petLabel(null, pet.name), ...changesBetween(NO_PET, pet, PET_FIELDS)];
        await events.record(context.user.id, { kind: 'pet-added', changes, actor: 'owner' }, now);
        return pet;
      });
    },

    async updatePet(context: AuthContext, petId: number, update: PetUpdate): Promise<Pet> {
      checkBirthDate(update.birthDate);
      const now = clock.now();
      return inTransaction(async ({ accounts, events }) => {
        const pet = await accounts.findPet(context.user.id, petId);
        if (!pet) throw new PetNotFoundError();
        const changed = changesBetween(pet, update, PET_FIELDS);
        if (changed.length === 0) return pet;
        const updated = await accounts.updatePet(context.user.id, petId, update, now);
        const changes = [petLabel(pet.name, updated.name), ...changed];
        await events.record(context.user.id, { kind: 'pet-updated', changes, actor: 'owner' }, now);
        return updated;
      });
    },

    async removePet(context: AuthContext, petId: number): Promise<void> {
      const now = clock.now();
      await inTransaction(async ({ accounts, events }) => {
        const pet = await accounts.findPet(context.user.id, petId);
        if (!pet) throw new PetNotFoundError();
        await accounts.deletePet(context.user.id, petId);
        const changes = [petLabel(pet.name, null), ...changesBetween(pet, NO_PET, PET_FIELDS)];
        await events.record(context.user.id, { kind: 'pet-removed', changes, actor: 'owner' }, now);
      });
    },

    activity: (context: AuthContext): Promise<AccountEvent[]> =>
      createAccountEventsRepository(db).list(context.user.id),
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
