import {
  CategorySchema,
  ChannelSchema,
  type Category,
  type Channel,
  type PreferenceCell,
} from '../../src/contract/preferences.ts';

/*
 * The rules of the communication matrix, with no I/O: what each category × channel cell is
 * for an owner, given their explicit choices, the clinic's defaults and the holds on them.
 * ../shared/PRIVACY-RULES.md "Communications".
 */

export const CATEGORIES: readonly Category[] = CategorySchema.options;
export const CHANNELS: readonly Channel[] = ChannelSchema.options;

/**
 * The only categories a clinic may switch on by default. Service is always on; marketing,
 * surveys and partner offers need an explicit opt-in per channel, so a clinic default can
 * never switch them on.
 */
export const CLINIC_DEFAULT_CATEGORIES = ['reminders', 'clinic-news'] as const;
export type ClinicDefaultCategory = (typeof CLINIC_DEFAULT_CATEGORIES)[number];
export type ClinicDefaults = Partial<
  Record<ClinicDefaultCategory, Partial<Record<Channel, boolean>>>
>;

export const isClinicDefaultCategory = (category: Category): category is ClinicDefaultCategory =>
  (CLINIC_DEFAULT_CATEGORIES as readonly string[]).includes(category);

/**
 * A clinic's stored defaults, read leniently: anything but the two configurable categories,
 * the three channels and booleans is ignored, so a bad value can only leave a cell off.
 */
export function parseClinicDefaults(json: string): ClinicDefaults {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const defaults: ClinicDefaults = {};
  for (const category of CLINIC_DEFAULT_CATEGORIES) {
    const perChannel = (raw as Record<string, unknown>)[category];
    if (typeof perChannel !== 'object' || perChannel === null) continue;
    const cells: Partial<Record<Channel, boolean>> = {};
    for (const channel of CHANNELS) {
      const value = (perChannel as Record<string, unknown>)[channel];
      if (typeof value === 'boolean') cells[channel] = value;
    }
    defaults[category] = cells;
  }
  return defaults;
}

export const SERVICE_REASON =
  'Service messages (appointments, your privacy requests, sign-in and security notices) are ' +
  'part of having an account, so they stay on while it is open. Closing your account stops them.';

export const SMS_STOP_REASON =
  'You texted STOP, so we send you no texts at all, not even service messages: those come by ' +
  'email instead. Text START to turn SMS back on.';

export const RESTRICTION_REASON =
  'You asked us to restrict the use of your data, so while that stands we send you only ' +
  'service messages. It ends when the clinic closes your restriction request, and you are told first.';

export const ERASURE_REASON = 'This account has been deleted, so nothing is sent to it.';

export const GPC_REASON =
  'Your browser sent a Global Privacy Control signal, so partner offers were switched off. ' +
  'You can still choose them here.';

/** Flags on the owner's communications as a whole. */
export interface OwnerPreferenceState {
  smsOptedOutAt: string | null;
  gpcHonouredAt: string | null;
  /** Set while a restriction of processing stands (a privacy request): service messages only. */
  restrictedAt?: string | null | undefined;
  /** Set only while an erasure records its last consent events: every cell is off. */
  erasedAt?: string | null | undefined;
}

export const NO_STATE: OwnerPreferenceState = { smsOptedOutAt: null, gpcHonouredAt: null };

/**
 * Something that forces cells off and locks them, whatever the owner chose, with the reason
 * shown beside them. Today only an SMS STOP. A restriction of processing (a later issue)
 * becomes another kind here, produced by `holdsFor` from a flag on the owner; nothing else in
 * the matrix needs to change.
 */
export interface PreferenceHold {
  kind: 'sms-stop' | 'restriction' | 'erasure';
  /** Every channel when absent. */
  channel?: Channel;
  /** Every category when absent. */
  categories?: readonly Category[];
  reason: string;
}

export function holdsFor(state: OwnerPreferenceState): PreferenceHold[] {
  const holds: PreferenceHold[] = [];
  if (state.erasedAt) return [{ kind: 'erasure', reason: ERASURE_REASON }];
  // FCC 24-24: STOP revokes consent to every text, service ones included, until START.
  if (state.smsOptedOutAt)
    holds.push({ kind: 'sms-stop', channel: 'sms', reason: SMS_STOP_REASON });
  // GDPR Art. 18: a restriction stops every processing but what the account itself needs.
  if (state.restrictedAt) {
    holds.push({
      kind: 'restriction',
      categories: CATEGORIES.filter((c) => c !== 'service'),
      reason: RESTRICTION_REASON,
    });
  }
  return holds;
}

export const cellKey = (category: Category, channel: Channel) => `${category}/${channel}`;

export interface MatrixInputs {
  /** The owner's explicit choices, by `cellKey`. */
  explicit: ReadonlyMap<string, boolean>;
  defaults: ClinicDefaults;
  state: OwnerPreferenceState;
}

export function defaultFor(category: Category, channel: Channel, defaults: ClinicDefaults) {
  if (category === 'service') return true;
  if (isClinicDefaultCategory(category)) return defaults[category]?.[channel] ?? false;
  return false;
}

/** One cell: a hold wins, then service's lock, then the owner's choice, then the default. */
export function effectiveCell(
  category: Category,
  channel: Channel,
  inputs: MatrixInputs,
  holds: readonly PreferenceHold[] = holdsFor(inputs.state),
): PreferenceCell {
  const hold = holds.find(
    (h) =>
      (h.channel === undefined || h.channel === channel) &&
      (h.categories === undefined || h.categories.includes(category)),
  );
  if (hold) return { category, channel, enabled: false, locked: true, reason: hold.reason };
  if (category === 'service') {
    return { category, channel, enabled: true, locked: true, reason: SERVICE_REASON };
  }
  const enabled =
    inputs.explicit.get(cellKey(category, channel)) ??
    defaultFor(category, channel, inputs.defaults);
  const cell: PreferenceCell = { category, channel, enabled, locked: false };
  if (category === 'partner-offers' && !enabled && inputs.state.gpcHonouredAt) {
    cell.reason = GPC_REASON;
  }
  return cell;
}

/** Every cell, categories then channels in the contract's order. */
export function computeMatrix(inputs: MatrixInputs): PreferenceCell[] {
  const holds = holdsFor(inputs.state);
  return CATEGORIES.flatMap((category) =>
    CHANNELS.map((channel) => effectiveCell(category, channel, inputs, holds)),
  );
}
