/**
 * Deadlines are calendar dates of the clinic ("due 22 Dec" means by the end of 22 Dec in the
 * clinic's time zone, ../shared/API.md), so days are counted between the clinic's calendar
 * dates, never as 24-hour spans from this phone's clock.
 */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let cached = dayFormatters.get(timeZone);
  if (!cached) {
    try {
      // en-CA writes dates as YYYY-MM-DD.
      cached = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    } catch {
      // An unknown zone from the server must not break the page: this phone's zone instead.
      cached = new Intl.DateTimeFormat('en-CA', {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    }
    dayFormatters.set(timeZone, cached);
  }
  return cached;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function calendarDateIn(instant: Date | string | number, timeZone: string): string {
  const parts = dayFormatter(timeZone).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function dayNumber(date: string): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

export interface Countdown {
  /** Calendar days from today to the due date, in the clinic's zone (0: due today). */
  daysLeft: number;
  /** The end of the due day has passed. */
  isOverdue: boolean;
}

/**
 * Days left until `dueAt` (the end of the due day in the clinic's zone), counted from `now`.
 * Overdue once that instant has passed; then `daysLeft` is negative (days late).
 */
export function countdownTo(dueAt: string, now: number, timeZone: string): Countdown {
  const daysLeft =
    dayNumber(calendarDateIn(dueAt, timeZone)) - dayNumber(calendarDateIn(now, timeZone));
  return { daysLeft, isOverdue: now > new Date(dueAt).getTime() };
}

const instantFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as a date and time on the clinic's clock, with the zone named ("Nov 23, 2026,
 * 9:15 AM PST"): a receipt's "received at" is server time, said where the clinic is.
 */
export function formatInstantIn(locale: string, iso: string, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let cached = instantFormatters.get(key);
  if (!cached) {
    const options: Intl.DateTimeFormatOptions = {
      dateStyle: 'medium',
      timeStyle: 'short',
    };
    try {
      cached = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      cached = new Intl.DateTimeFormat(locale, options);
    }
    instantFormatters.set(key, cached);
  }
  return cached.format(new Date(iso));
}
