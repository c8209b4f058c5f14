import type { Kysely } from 'kysely';
import type {
  Category,
  Channel,
  ConsentEvent,
  ConsentSource,
  PreferenceCell,
  PreferenceChange,
  PreferenceMatrix,
  UnsubscribePreview,
  UnsubscribeResult,
} from '../../src/contract/preferences.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { DialectName } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.ts';
import { MARKETING_CATEGORIES } from '../../src/contract/preferences.ts';
import { createMailRepository } from '../mail/mail.repository.ts';
import { createPoliciesRepository } from '../policies/policies.repository.ts';
import { currentAndUpcoming } from '../policies/policies.service.ts';
import { CONSENT_CSV_HEADER, consentCsvLine, csvLine } from './consent-csv.ts';
import { ownerMessageMail, unsubscribeLinks } from './owner-message-mail.ts';
import {
  CATEGORIES,
  CHANNELS,
  cellKey,
  computeMatrix,
  effectiveCell,
  NO_STATE,
  type MatrixInputs,
  type OwnerPreferenceState,
} from './preference-rules.ts';
import { createPreferencesRepository, type OwnerRecord } from './preferences.repository.ts';
import { publicOrigin } from './public-origin.ts';
import { signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token.ts';

export class PreferenceLockedError extends ConflictError {
  constructor(cell: PreferenceCell) {
    super(
      'locked',
      `${cell.category} by ${cell.channel} cannot be switched ${cell.enabled ? 'off' : 'on'} here. ${cell.reason ?? ''}`.trim(),
      { category: cell.category, channel: cell.channel },
    );
  }
}

export class InvalidUnsubscribeTokenError extends BadRequestError {
  constructor() {
    super(
      'invalid-token',
      'This unsubscribe link is not one we sent, or it was cut short. Copy the whole link, or change your choices in the app.',
    );
  }
}

export class UnsubscribeAccountClosedError extends NotFoundError {
  constructor() {
    super('The account this link was for has been closed, so nothing more will be sent to it.');
  }
}

/** Whose preferences: the owner, and their clinic (every event is filed under it). */
export interface OwnerRef {
  id: number;
  clinicId: number;
}

/** How a change was made, for the consent record. `staffUserId` when staff made it. */
export interface ChangeActor {
  source: ConsentSource;
  staffUserId?: number | undefined;
}

type Db = Kysely<DatabaseSchema>;

export type OwnerMessageCategory = Exclude<Category, 'service'>;

export type OwnerMessageOutcome =
  | { status: 'queued'; mailId: number }
  | { status: 'skipped'; reason: 'preference-off' | 'no-address' };

export interface PreferencesServiceDeps {
  db: Db;
  dialect: DialectName;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'port'>;
  /** Signs unsubscribe links: `getOrCreateSecret(db, 'unsubscribe')`. */
  unsubscribeSecret: Buffer;
  onMailQueued: () => void;
}

/** One owner's preferences inside one transaction, their row locked (see `lockOwner`). */
interface OwnerSession {
  /** The transaction: whatever a change causes (a mail, a text) is queued in it too. */
  trx: Db;
  now: Date;
  inputs: MatrixInputs & { explicit: Map<string, boolean>; state: OwnerPreferenceState };
  cell(category: Category, channel: Channel): PreferenceCell;
  setChoice(category: Category, channel: Channel, enabled: boolean): Promise<void>;
  setState(patch: Partial<OwnerPreferenceState>): Promise<void>;
  /**
   * Runs `mutate`, then writes one consent event for every cell whose effective value it
   * changed (old → new), and none for the rest: a no-op is not an event. Returns the count.
   */
  recordChanges(actor: ChangeActor, mutate: () => Promise<void>): Promise<number>;
}

export function createPreferencesService(deps: PreferencesServiceDeps) {
  const { db, dialect, clock, unsubscribeSecret } = deps;
  const repo = createPreferencesRepository(db, dialect);

  /** The version number of the clinic's own privacy policy in force at `now`, if it has one. */
  async function clinicPolicyVersion(trx: Db, clinicId: number, now: Date) {
    const policies = createPoliciesRepository(trx);
    const policy = await policies.findByKind(clinicId, 'clinic');
    if (!policy) return null;
    const headers = await policies.listVersionHeaders([policy.id]);
    return currentAndUpcoming(headers, now)?.current.version ?? null;
  }

  async function readInputs(owner: OwnerRef): Promise<MatrixInputs> {
    const [explicit, defaults, state] = await Promise.all([
      repo.explicitChoices(owner.id),
      repo.clinicDefaults(owner.clinicId),
      repo.readState(owner.id),
    ]);
    return { explicit, defaults, state };
  }

  const toMatrix = (inputs: MatrixInputs): PreferenceMatrix => ({
    matrix: computeMatrix(inputs),
    gpcHonouredAt: inputs.state.gpcHonouredAt,
  });

  /**
   * Runs `work` on the owner's preferences in a transaction: `trx` to join the caller's (so
   * that, for instance, a confirmation text is queued with the change that caused it).
   */
  async function withOwner<T>(
    owner: OwnerRef,
    options: { trx?: Db | undefined; now?: Date | undefined },
    work: (session: OwnerSession) => Promise<T>,
  ): Promise<T> {
    const run = async (trx: Db): Promise<T> => {
      const now = options.now ?? clock.now();
      const txRepo = createPreferencesRepository(trx, dialect);
      const state = await txRepo.lockOwner(owner.id);
      const explicit = await txRepo.explicitChoices(owner.id);
      const defaults = await txRepo.clinicDefaults(owner.clinicId);
      const inputs = { explicit, defaults, state };
      let policyVersion: number | null | undefined;

      const session: OwnerSession = {
        trx,
        now,
        inputs,
        cell: (category, channel) => effectiveCell(category, channel, inputs),
        async setChoice(category, channel, enabled) {
          await txRepo.setChoice(owner.id, category, channel, enabled, now);
          explicit.set(cellKey(category, channel), enabled);
        },
        async setState(patch) {
          await txRepo.updateState(owner.id, patch);
          Object.assign(state, patch);
        },
        async recordChanges(actor, mutate) {
          const before = computeMatrix(inputs);
          await mutate();
          const after = computeMatrix(inputs);
          let written = 0;
          for (const [i, cell] of after.entries()) {
            const previous = before[i]?.enabled ?? null;
            if (previous === cell.enabled) continue;
            if (policyVersion === undefined) {
              policyVersion = await clinicPolicyVersion(trx, owner.clinicId, now);
            }
            await txRepo.insertEvent({
              clinicId: owner.clinicId,
              userId: owner.id,
              category: cell.category,
              channel: cell.channel,
              enabled: cell.enabled,
              previous,
              source: actor.source,
              at: now,
              policyVersion,
              actorUserId: actor.staffUserId ?? null,
            });
            written += 1;
          }
          return written;
        },
      };
      return work(session);
    };
    return options.trx ? run(options.trx) : db.transaction().execute(run);
  }

  async function requireLinkOwner(token: string) {
    const claim = verifyUnsubscribeToken(unsubscribeSecret, token);
    if (!claim) throw new InvalidUnsubscribeTokenError();
    const owner = await repo.findOwner(claim.userId);
    if (!owner || !owner.isActive) throw new UnsubscribeAccountClosedError();
    return { claim, owner };
  }

  /** Service messages have no way out but closing the account, so they get no link. */
  function linksFor(
    owner: { id: number; clinicSlug: string },
    category: OwnerMessageCategory,
    channel: Channel,
    origin: string,
  ) {
    const token = signUnsubscribeToken(unsubscribeSecret, {
      userId: owner.id,
      category,
      channel,
      issuedAt: clock.now(),
    });
    return { token, ...unsubscribeLinks(origin, owner.clinicSlug, token) };
  }

  const clinicOf = (owner: OwnerRecord) => ({ slug: owner.clinicSlug, name: owner.clinicName });

  return {
    async matrix(owner: OwnerRef): Promise<PreferenceMatrix> {
      return toMatrix(await readInputs(owner));
    },

    /**
     * The owner's own changes, all or nothing: one locked cell in the batch refuses the batch
     * before anything is written. Setting a cell to the value it already has changes nothing,
     * so it is allowed even on a locked cell (the app may send back what it shows).
     */
    async update(
      owner: OwnerRef,
      changes: readonly PreferenceChange[],
      actor: ChangeActor = { source: 'app' },
    ): Promise<PreferenceMatrix> {
      return withOwner(owner, {}, async (session) => {
        for (const change of changes) {
          const cell = session.cell(change.category, change.channel);
          if (cell.locked && cell.enabled !== change.enabled) throw new PreferenceLockedError(cell);
        }
        await session.recordChanges(actor, async () => {
          for (const change of changes) {
            if (session.cell(change.category, change.channel).enabled === change.enabled) continue;
            await session.setChoice(change.category, change.channel, change.enabled);
          }
        });
        return toMatrix(session.inputs);
      });
    },

    consentEvents: (owner: OwnerRef): Promise<ConsentEvent[]> => repo.listEvents(owner.id),

    /**
     * An objection to direct marketing (GDPR Art. 21(3)) is absolute: every marketing category
     * off on every channel, at once, each change a consent event with source `objection`.
     * Returns how many cells it switched off.
     */
    async applyObjection(owner: OwnerRef, options: { trx?: Db; now?: Date } = {}) {
      return withOwner(owner, options, (session) =>
        session.recordChanges({ source: 'objection' }, async () => {
          for (const category of MARKETING_CATEGORIES) {
            for (const channel of CHANNELS) {
              // The owner's own choice, not the matrix's: under a restriction or an SMS STOP a
              // cell reads off, yet the choice beneath would come back when the hold is lifted.
              if (session.inputs.explicit.get(cellKey(category, channel)) !== false) {
                await session.setChoice(category, channel, false);
              }
            }
          }
        }),
      );
    },

    /**
     * Sets or lifts a restriction of processing: while it stands, a hold keeps every category
     * but service off (preference-rules.ts). The owner's own choices are kept underneath, so
     * lifting it brings them back; both directions are consent events with source `restriction`.
     */
    async setRestriction(
      owner: OwnerRef,
      restricted: boolean,
      options: { trx?: Db; now?: Date } = {},
    ): Promise<number> {
      return withOwner(owner, options, async (session) => {
        if (Boolean(session.inputs.state.restrictedAt) === restricted) return 0;
        return session.recordChanges({ source: 'restriction' }, () =>
          session.setState({ restrictedAt: restricted ? session.now.toISOString() : null }),
        );
      });
    },

    /**
     * An erasure: every cell that was on is recorded as switched off with source `erasure`, and
     * the owner's choices and flags are deleted. The consent events themselves are kept: they
     * carry no identity (the account is anonymised in the same transaction) and prove what was
     * lawfully sent before (GDPR Art. 7(1)).
     */
    async endForErasure(owner: OwnerRef, options: { trx: Db; now: Date }): Promise<void> {
      await withOwner(owner, options, async (session) => {
        // The erasure hold turns every cell off, service included: nothing at all is sent to
        // an erased account. Only the events are written here; the rows go just below.
        await session.recordChanges({ source: 'erasure' }, async () => {
          session.inputs.state.erasedAt = session.now.toISOString();
        });
      });
      await options.trx.deleteFrom('preferences').where('user_id', '=', owner.id).execute();
      await options.trx.deleteFrom('preference_states').where('user_id', '=', owner.id).execute();
    },

    /**
     * Changes made outside the preferences screen (subscribing a device to push, a
     * notification's Unsubscribe action), in the caller's transaction when given. Unlike
     * `update`, a locked cell does not refuse the batch: it is left as it is and returned in
     * `locked`, for the caller to decide. Each real change is one consent event.
     */
    async setCells(
      owner: OwnerRef,
      changes: readonly PreferenceChange[],
      actor: ChangeActor,
      options: { trx?: Db | undefined } = {},
    ): Promise<{ changed: PreferenceChange[]; locked: PreferenceCell[] }> {
      return withOwner(owner, { trx: options.trx }, async (session) => {
        const changed: PreferenceChange[] = [];
        const locked: PreferenceCell[] = [];
        await session.recordChanges(actor, async () => {
          for (const change of changes) {
            const cell = session.cell(change.category, change.channel);
            if (cell.enabled === change.enabled) continue;
            if (cell.locked) {
              locked.push(cell);
              continue;
            }
            await session.setChoice(change.category, change.channel, change.enabled);
            changed.push(change);
          }
        });
        return { changed, locked };
      });
    },

    /**
     * One category's effective cells on every channel for many owners of one clinic, by the
     * matrix's own rules (holds, service's lock, explicit choice, clinic default): what a push
     * fan-out and the Updates inbox ask of each page of owners.
     */
    async categoryCellsFor(
      clinicId: number,
      userIds: readonly number[],
      category: Category,
      options: { trx?: Db | undefined } = {},
    ): Promise<Map<number, Record<Channel, boolean>>> {
      const source = options.trx ? createPreferencesRepository(options.trx, dialect) : repo;
      const [choices, states, defaults] = await Promise.all([
        source.explicitChoicesFor(userIds, category),
        source.readStates(userIds),
        source.clinicDefaults(clinicId),
      ]);
      const cells = new Map<number, Record<Channel, boolean>>();
      for (const userId of userIds) {
        const inputs: MatrixInputs = {
          explicit: choices.get(userId) ?? new Map(),
          defaults,
          state: states.get(userId) ?? NO_STATE,
        };
        const perChannel = {} as Record<Channel, boolean>;
        for (const channel of CHANNELS) {
          perChannel[channel] = effectiveCell(category, channel, inputs).enabled;
        }
        cells.set(userId, perChannel);
      }
      return cells;
    },

    /**
     * Global Privacy Control: an opt-out of sale/sharing, which here means partner offers, on
     * every channel. It is honoured once and that moment recorded; a later opt-in the owner
     * makes in the app is a newer, explicit choice and stands, as CCPA regulations §7025(c)(3)
     * allow, instead of being switched off again by the next request the browser signs.
     * Returns whether this call honoured it (false: it had been already).
     */
    async honourGpc(owner: OwnerRef): Promise<boolean> {
      // The common case, a browser that sends the signal with every request, reads one row.
      if ((await repo.readState(owner.id)).gpcHonouredAt) return false;
      return withOwner(owner, {}, async (session) => {
        if (session.inputs.state.gpcHonouredAt) return false;
        await session.recordChanges({ source: 'gpc' }, async () => {
          for (const channel of CHANNELS) {
            if (session.cell('partner-offers', channel).enabled) {
              await session.setChoice('partner-offers', channel, false);
            }
          }
        });
        await session.setState({ gpcHonouredAt: session.now.toISOString() });
        return true;
      });
    },

    /**
     * SMS STOP (FCC 24-24): every text off, service included, at once. Each SMS category gets
     * an explicit "off", so that START later brings back only service texts: consent to
     * marketing or reminders by text, once revoked, needs a new opt-in. Returns true when
     * this revoked consent, false when the number had already said STOP.
     */
    async stopSms(owner: OwnerRef, options: { trx?: Db; now?: Date } = {}): Promise<boolean> {
      return withOwner(owner, options, async (session) => {
        if (session.inputs.state.smsOptedOutAt) return false;
        await session.recordChanges({ source: 'sms-keyword' }, async () => {
          for (const category of CATEGORIES) {
            if (category !== 'service') await session.setChoice(category, 'sms', false);
          }
          await session.setState({ smsOptedOutAt: session.now.toISOString() });
        });
        return true;
      });
    },

    /** SMS START: service texts resume; every other SMS category stays as STOP left it (off). */
    async startSms(owner: OwnerRef, options: { trx?: Db; now?: Date } = {}): Promise<boolean> {
      return withOwner(owner, options, async (session) => {
        if (!session.inputs.state.smsOptedOutAt) return false;
        await session.recordChanges({ source: 'sms-keyword' }, () =>
          session.setState({ smsOptedOutAt: null }),
        );
        return true;
      });
    },

    /** What a link turns off. Changes nothing: mail scanners fetch links before people do. */
    async previewUnsubscribe(token: string): Promise<UnsubscribePreview> {
      const { claim, owner } = await requireLinkOwner(token);
      const inputs = await readInputs(owner);
      return {
        category: claim.category,
        channel: claim.channel,
        enabled: effectiveCell(claim.category, claim.channel, inputs).enabled,
        clinic: clinicOf(owner),
      };
    },

    /** RFC 8058 one-click: off at once. A second use changes nothing and records nothing. */
    async unsubscribe(token: string): Promise<UnsubscribeResult> {
      const { claim, owner } = await requireLinkOwner(token);
      const changed = await withOwner(owner, {}, async (session) => {
        const cell = session.cell(claim.category, claim.channel);
        if (!cell.enabled) return false;
        if (cell.locked) throw new PreferenceLockedError(cell);
        await session.recordChanges({ source: 'email-link' }, () =>
          session.setChoice(claim.category, claim.channel, false),
        );
        return true;
      });
      return {
        category: claim.category,
        channel: claim.channel,
        enabled: false,
        changed,
        clinic: clinicOf(owner),
      };
    },

    /** A fresh unsubscribe link for one owner, category and channel. */
    unsubscribeLinks: (
      owner: { id: number; clinicSlug: string },
      category: OwnerMessageCategory,
      channel: Channel,
      origin: string = publicOrigin(deps.config),
    ) => linksFor(owner, category, channel, origin),

    /**
     * Queues a message of a category other than service to an owner's email, with its
     * one-click unsubscribe, or skips the owner if that category is off for email. The
     * preference is read in the transaction that queues the mail, with the owner's row locked,
     * so an unsubscribe that lands first is always respected. `origin`: see `publicOrigin`.
     */
    async sendOwnerMessage(
      input: { userId: number; category: OwnerMessageCategory; subject: string; text: string },
      options: { origin?: string } = {},
    ): Promise<OwnerMessageOutcome> {
      const owner = await repo.findOwner(input.userId);
      if (!owner || !owner.isActive || !owner.email) {
        return { status: 'skipped', reason: 'no-address' };
      }
      const to = owner.email;
      const origin = options.origin ?? publicOrigin(deps.config);
      const outcome = await withOwner(owner, {}, async (session): Promise<OwnerMessageOutcome> => {
        if (!session.cell(input.category, 'email').enabled) {
          return { status: 'skipped', reason: 'preference-off' };
        }
        const links = linksFor(owner, input.category, 'email', origin);
        const mail = ownerMessageMail({
          to,
          subject: input.subject,
          text: input.text,
          category: input.category,
          clinic: {
            slug: owner.clinicSlug,
            name: owner.clinicName,
            contactEmail: owner.clinicContactEmail,
          },
          links,
          preferencesUrl: `${origin}/c/${encodeURIComponent(owner.clinicSlug)}/account/preferences`,
        });
        const mailId = await createMailRepository(session.trx, dialect).enqueue(mail, session.now);
        return { status: 'queued', mailId };
      });
      if (outcome.status === 'queued') deps.onMailQueued();
      return outcome;
    },

    /** The clinic's consent record as CSV lines, header first, read page by page. */
    async *consentEventsCsv(clinicId: number): AsyncGenerator<string> {
      yield csvLine([...CONSENT_CSV_HEADER]);
      for await (const row of repo.exportEvents(clinicId)) yield consentCsvLine(row);
    },
  };
}

export type PreferencesService = ReturnType<typeof createPreferencesService>;
