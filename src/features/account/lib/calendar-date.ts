/**
 * A birth date is a calendar date ("2020-05-03"), not an instant: formatted in UTC, where
 * `new Date('2020-05-03')` falls, it shows the same day in every time zone.
 */
export function formatCalendarDate(locale: string, isoDate: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

/** Today on this phone's calendar, as `<input type="date">` wants it for `max`. */
export function todayIsoDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
