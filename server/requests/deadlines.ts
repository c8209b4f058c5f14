import type { Regime } from '../../src/contract/clinic.ts';
import type { RequestRegime } from '../../src/contract/requests.ts';
import { endOfLocalDay, fromLocal, toLocal, type LocalDate } from '../lib/zoned-time.ts';

/*
 * The deadline engine: every date of a privacy request, from the instant the server received
 * it, the clinic's regime(s) and its time zone. Pure: no clock, no I/O.
 * ../shared/PRIVACY-RULES.md "Request deadlines".
 *
 * Dates are counted on the clinic's calendar (the local date of receipt), and each due date
 * ends at 23:59:59.999 local on that date, returned as a UTC instant.
 */

export interface RequestDeadlines {
  regime: RequestRegime;
  /** CCPA: 10 business days after receipt (Mon–Fri, weekends only). Null under GDPR alone. */
  acknowledgeBy: Date | null;
  /** The answer is due by the end of this day. */
  dueAt: Date;
  /** The due date if the request is extended (once). */
  extendedDueAt: Date;
  /**
   * The end of the first period: an extension, with its reasons, must be decided and told to
   * the owner by then (GDPR "within one month"; CCPA "inside the first 45 days").
   */
  extensionNoticeBy: Date;
}

/** CCPA §1798.130(a)(2): 45 calendar days, extendable once by 45 more. */
export const CCPA_DAYS = 45;
/** 11 CCR §7021(a): acknowledge within 10 business days. */
export const CCPA_ACKNOWLEDGE_BUSINESS_DAYS = 10;
/** GDPR Art. 12(3): one month, extendable by two further months. */
export const GDPR_MONTHS = 1;
export const GDPR_EXTENSION_MONTHS = 2;

const daysInMonth = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The same day number `months` calendar months later; when that month is shorter, its last day
 * (31 Jan + 1 month = 28 Feb, or 29 Feb in a leap year). Never 30-day months.
 */
export function addCalendarMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const probe = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: probe.getUTCFullYear(), month: probe.getUTCMonth() + 1, day: probe.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday, of a calendar date (independent of any zone). */
const weekday = (date: LocalDate) =>
  new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();

/**
 * `count` business days after `date`: Monday to Friday, no holidays (no clinic holidays are
 * configured, so only weekends are skipped). The day of receipt itself is not counted.
 */
export function addBusinessDays(date: LocalDate, count: number): LocalDate {
  let current = date;
  let left = count;
  while (left > 0) {
    current = addDays(current, 1);
    const day = weekday(current);
    if (day !== 0 && day !== 6) left -= 1;
  }
  return current;
}

export const compareDates = (a: LocalDate, b: LocalDate) =>
  a.year - b.year || a.month - b.month || a.day - b.day;

const earlier = (a: LocalDate, b: LocalDate) => (compareDates(a, b) <= 0 ? a : b);

export const localDateOf = (instant: Date, timeZone: string): LocalDate => {
  const { year, month, day } = toLocal(instant, timeZone);
  return { year, month, day };
};

export function regimeName(regimes: readonly Regime[]): RequestRegime {
  const hasGdpr = regimes.includes('gdpr');
  const hasCcpa = regimes.includes('ccpa');
  if (hasGdpr && hasCcpa) return 'gdpr+ccpa';
  if (hasCcpa) return 'ccpa';
  if (hasGdpr) return 'gdpr';
  throw new Error('A clinic must have at least one regime.');
}

interface RegimeDates {
  due: LocalDate;
  extended: LocalDate;
}

const gdprDates = (received: LocalDate): RegimeDates => {
  const due = addCalendarMonths(received, GDPR_MONTHS);
  // Two further months counted from the (possibly clamped) due date: the extension adds to the
  // period the owner was first given. 31 Jan → 28 Feb → 28 Apr.
  return { due, extended: addCalendarMonths(due, GDPR_EXTENSION_MONTHS) };
};

const ccpaDates = (received: LocalDate): RegimeDates => ({
  due: addDays(received, CCPA_DAYS),
  extended: addDays(received, 2 * CCPA_DAYS),
});

/** Every date of a request received at `receivedAt` by a clinic in `timeZone`. */
export function computeDeadlines(
  receivedAt: Date,
  regimes: readonly Regime[],
  timeZone: string,
): RequestDeadlines {
  const regime = regimeName(regimes);
  const received = localDateOf(receivedAt, timeZone);
  const perRegime: RegimeDates[] = [];
  if (regimes.includes('gdpr')) perRegime.push(gdprDates(received));
  if (regimes.includes('ccpa')) perRegime.push(ccpaDates(received));
  const [first, ...rest] = perRegime as [RegimeDates, ...RegimeDates[]];
  // When both apply, the stricter (earlier) date wins, for the answer and for the extension.
  const due = rest.reduce((d, r) => earlier(d, r.due), first.due);
  const extended = rest.reduce((d, r) => earlier(d, r.extended), first.extended);
  const acknowledge = regimes.includes('ccpa')
    ? addBusinessDays(received, CCPA_ACKNOWLEDGE_BUSINESS_DAYS)
    : null;
  return {
    regime,
    acknowledgeBy: acknowledge ? endOfLocalDay(acknowledge, timeZone) : null,
    dueAt: endOfLocalDay(due, timeZone),
    extendedDueAt: endOfLocalDay(extended, timeZone),
    // The first period is the (stricter) due date: extending is only allowed up to its end.
    extensionNoticeBy: endOfLocalDay(due, timeZone),
  };
}

/**
 * `instant` plus `months` calendar months at the same wall-clock time in `timeZone`, clamped
 * to the month's last day: the CCPA access limit's "12 months", e.g. when a counted request
 * stops counting.
 */
export function addCalendarMonthsToInstant(instant: Date, months: number, timeZone: string): Date {
  const local = toLocal(instant, timeZone);
  const date = addCalendarMonths(local, months);
  return fromLocal({ ...local, ...date }, timeZone);
}

/**
 * Whole calendar days from today (in the clinic's zone) to the due date: 0 on the due date,
 * negative once it has passed.
 */
export function daysLeft(now: Date, dueAt: Date, timeZone: string): number {
  const today = localDateOf(now, timeZone);
  const due = localDateOf(dueAt, timeZone);
  const ms =
    Date.UTC(due.year, due.month - 1, due.day) - Date.UTC(today.year, today.month - 1, today.day);
  return Math.round(ms / 86_400_000);
}
