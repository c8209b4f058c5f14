/**
 * Wall-clock time in a clinic's IANA time zone, with only Intl (no time zone library).
 * Dates are computed in the clinic's zone and stored as UTC instants (../shared/PRIVACY-RULES.md).
 */

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading in `timeZone` at `instant`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
    millisecond: instant.getUTCMilliseconds(),
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (east positive). */
function offsetAt(instant: Date, timeZone: string): number {
  const l = toLocal(instant, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second, l.millisecond);
  return asUtc - instant.getTime();
}

/**
 * The instant at which the clocks in `timeZone` read `local`. In a spring-forward gap the
 * reading does not exist, and the instant just after the gap is used; in a fall-back overlap
 * the earlier of the two instants is used.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const asUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
    local.millisecond,
  );
  // Two rounds settle the offset; a third disagreement means the reading fell in a DST gap.
  const first = asUtc - offsetAt(new Date(asUtc), timeZone);
  const second = asUtc - offsetAt(new Date(first), timeZone);
  if (first === second) return new Date(first);
  return new Date(Math.max(first, second));
}

export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  return fromLocal({ ...date, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

/** 23:59:59.999 on `date` in `timeZone`: "due 22 Dec" means by the end of 22 Dec there. */
export function endOfLocalDay(date: LocalDate, timeZone: string): Date {
  return fromLocal({ ...date, hour: 23, minute: 59, second: 59, millisecond: 999 }, timeZone);
}

/** Parses 'YYYY-MM-DD' strictly (a real calendar date), or returns null. */
export function parseLocalDate(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1) return null;
  if (probe.getUTCDate() !== day) return null;
  return { year, month, day };
}
