import { describe, expect, test } from 'vitest';
import {
  addBusinessDays,
  addCalendarMonths,
  addCalendarMonthsToInstant,
  computeDeadlines,
  daysLeft,
} from '../../../server/requests/deadlines.ts';

/*
 * Every expected date below is written out by hand from a calendar, with the zone's offset on
 * that date: Los Angeles is UTC−8 (PST) or UTC−7 (PDT, from 14 Mar to 7 Nov 2027), Berlin is
 * UTC+1 (CET) or UTC+2 (CEST, from 28 Mar to 31 Oct 2027, from 26 Mar 2028).
 */

const LA = 'America/Los_Angeles';
const BERLIN = 'Europe/Berlin';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function dates(receivedAt: string, regimes: Array<'gdpr' | 'ccpa'>, zone: string) {
  const d = computeDeadlines(new Date(receivedAt), regimes, zone);
  return {
    regime: d.regime,
    acknowledgeBy: iso(d.acknowledgeBy),
    dueAt: iso(d.dueAt),
    extendedDueAt: iso(d.extendedDueAt),
    extensionNoticeBy: iso(d.extensionNoticeBy),
  };
}

describe('GDPR: one calendar month, the same day number, clamped to the month end', () => {
  test('31 January is due on 28 February in a common year, and extends to 28 April', () => {
    expect(dates('2027-01-31T10:00:00.000Z', ['gdpr'], BERLIN)).toEqual({
      regime: 'gdpr',
      acknowledgeBy: null,
      dueAt: '2027-02-28T22:59:59.999Z',
      // Two months from the clamped 28 Feb, in summer time.
      extendedDueAt: '2027-04-28T21:59:59.999Z',
      extensionNoticeBy: '2027-02-28T22:59:59.999Z',
    });
  });

  test('31 January is due on 29 February in a leap year', () => {
    const d = dates('2028-01-31T10:00:00.000Z', ['gdpr'], BERLIN);
    expect(d.dueAt).toBe('2028-02-29T22:59:59.999Z');
    expect(d.extendedDueAt).toBe('2028-04-29T21:59:59.999Z');
  });

  test('29 January is due on 28 February in a common year and on 29 February in a leap year', () => {
    expect(dates('2027-01-29T10:00:00.000Z', ['gdpr'], BERLIN).dueAt).toBe(
      '2027-02-28T22:59:59.999Z',
    );
    expect(dates('2028-01-29T10:00:00.000Z', ['gdpr'], BERLIN).dueAt).toBe(
      '2028-02-29T22:59:59.999Z',
    );
  });

  test('29 February is due on 29 March, across the change to summer time', () => {
    const d = dates('2028-02-29T12:00:00.000Z', ['gdpr'], BERLIN);
    expect(d.dueAt).toBe('2028-03-29T21:59:59.999Z');
    expect(d.extendedDueAt).toBe('2028-05-29T21:59:59.999Z');
  });

  test('31 March is due on 30 April, and extends to 30 June', () => {
    const d = dates('2027-03-31T08:00:00.000Z', ['gdpr'], BERLIN);
    expect(d.dueAt).toBe('2027-04-30T21:59:59.999Z');
    expect(d.extendedDueAt).toBe('2027-06-30T21:59:59.999Z');
  });

  test('30 April is due on 30 May, not 31 May', () => {
    expect(dates('2027-04-30T08:00:00.000Z', ['gdpr'], BERLIN).dueAt).toBe(
      '2027-05-30T21:59:59.999Z',
    );
  });

  test('31 August is due on 30 September and extends to 30 November, in winter time', () => {
    const d = dates('2027-08-31T08:00:00.000Z', ['gdpr'], BERLIN);
    expect(d.dueAt).toBe('2027-09-30T21:59:59.999Z');
    expect(d.extendedDueAt).toBe('2027-11-30T22:59:59.999Z');
  });

  test('31 December is due on 31 January of the next year', () => {
    const d = dates('2026-12-31T08:00:00.000Z', ['gdpr'], BERLIN);
    expect(d.dueAt).toBe('2027-01-31T22:59:59.999Z');
    expect(d.extendedDueAt).toBe('2027-03-31T21:59:59.999Z');
  });

  test('a due date just after the autumn clock change ends at 23:59:59.999 in winter time', () => {
    expect(dates('2027-10-01T08:00:00.000Z', ['gdpr'], BERLIN).dueAt).toBe(
      '2027-11-01T22:59:59.999Z',
    );
  });

  test('00:30 on 31 January in Berlin is still 30 January in UTC: the local date counts', () => {
    expect(dates('2027-01-30T23:30:00.000Z', ['gdpr'], BERLIN).dueAt).toBe(
      '2027-02-28T22:59:59.999Z',
    );
  });
});

describe('CCPA: 45 days (+45 once), acknowledged within 10 business days', () => {
  test('a Monday request is acknowledged by the Monday two weeks on, due 45 days later', () => {
    expect(dates('2026-11-23T17:00:00.000Z', ['ccpa'], LA)).toEqual({
      regime: 'ccpa',
      acknowledgeBy: '2026-12-08T07:59:59.999Z',
      dueAt: '2027-01-08T07:59:59.999Z',
      extendedDueAt: '2027-02-22T07:59:59.999Z',
      extensionNoticeBy: '2027-01-08T07:59:59.999Z',
    });
  });

  test('a request on Friday, Saturday or Sunday is acknowledged by Friday 11 December', () => {
    for (const receivedAt of [
      '2026-11-27T20:00:00.000Z',
      '2026-11-28T20:00:00.000Z',
      '2026-11-29T20:00:00.000Z',
    ]) {
      expect(dates(receivedAt, ['ccpa'], LA).acknowledgeBy, receivedAt).toBe(
        '2026-12-12T07:59:59.999Z',
      );
    }
    expect(dates('2026-11-30T20:00:00.000Z', ['ccpa'], LA).acknowledgeBy).toBe(
      '2026-12-15T07:59:59.999Z',
    );
  });

  test('dates across the spring clock change end at 23:59:59.999 daylight time', () => {
    const d = dates('2027-03-01T18:00:00.000Z', ['ccpa'], LA);
    // Mon 1 Mar + 10 business days = Mon 15 Mar, the day after clocks went forward.
    expect(d.acknowledgeBy).toBe('2027-03-16T06:59:59.999Z');
    expect(d.dueAt).toBe('2027-04-16T06:59:59.999Z');
    expect(d.extendedDueAt).toBe('2027-05-31T06:59:59.999Z');
  });

  test('dates across the autumn clock change end at 23:59:59.999 standard time', () => {
    // Fri 1 Oct 2027 + 45 days = Mon 15 Nov, after clocks went back on 7 Nov.
    const d = dates('2027-10-01T18:00:00.000Z', ['ccpa'], LA);
    expect(d.dueAt).toBe('2027-11-16T07:59:59.999Z');
    expect(d.acknowledgeBy).toBe('2027-10-16T06:59:59.999Z');
  });
});

describe('both regimes: the stricter date wins', () => {
  test("the demo clinic's dates for a request on Monday 23 November 2026", () => {
    expect(dates('2026-11-23T17:00:00.000Z', ['gdpr', 'ccpa'], LA)).toEqual({
      regime: 'gdpr+ccpa',
      acknowledgeBy: '2026-12-08T07:59:59.999Z',
      // GDPR 23 Dec beats CCPA 7 Jan.
      dueAt: '2026-12-24T07:59:59.999Z',
      // CCPA 21 Feb beats GDPR 23 Feb.
      extendedDueAt: '2027-02-22T07:59:59.999Z',
      extensionNoticeBy: '2026-12-24T07:59:59.999Z',
    });
  });

  test('1 March across the spring change: due 1 April (GDPR), extended to 30 May (CCPA)', () => {
    const d = dates('2027-03-01T18:00:00.000Z', ['gdpr', 'ccpa'], LA);
    expect(d.dueAt).toBe('2027-04-02T06:59:59.999Z');
    expect(d.extendedDueAt).toBe('2027-05-31T06:59:59.999Z');
  });

  test('23:30 on 31 December in Los Angeles (after midnight UTC) counts from 31 December', () => {
    expect(dates('2027-01-01T07:30:00.000Z', ['gdpr', 'ccpa'], LA)).toEqual({
      regime: 'gdpr+ccpa',
      // Thu 31 Dec: Fri 1 Jan is a business day (no holidays are configured) … Thu 14 Jan.
      acknowledgeBy: '2027-01-15T07:59:59.999Z',
      dueAt: '2027-02-01T07:59:59.999Z',
      extendedDueAt: '2027-04-01T06:59:59.999Z',
      extensionNoticeBy: '2027-02-01T07:59:59.999Z',
    });
  });

  test('the order the regimes are configured in does not matter', () => {
    expect(dates('2027-03-01T18:00:00.000Z', ['ccpa', 'gdpr'], LA)).toEqual(
      dates('2027-03-01T18:00:00.000Z', ['gdpr', 'ccpa'], LA),
    );
  });
});

describe('calendar helpers', () => {
  test('month arithmetic clamps and rolls over years', () => {
    expect(addCalendarMonths({ year: 2027, month: 1, day: 31 }, 1)).toEqual({
      year: 2027,
      month: 2,
      day: 28,
    });
    expect(addCalendarMonths({ year: 2027, month: 11, day: 30 }, 3)).toEqual({
      year: 2028,
      month: 2,
      day: 29,
    });
  });

  test('business days skip weekends only', () => {
    expect(addBusinessDays({ year: 2026, month: 12, day: 24 }, 2)).toEqual({
      year: 2026,
      month: 12,
      day: 28,
    });
  });

  test('twelve calendar months from 29 February 2028 is 28 February 2029, same local time', () => {
    expect(
      addCalendarMonthsToInstant(new Date('2028-02-29T20:00:00.000Z'), 12, LA).toISOString(),
    ).toBe('2029-02-28T20:00:00.000Z');
    expect(
      addCalendarMonthsToInstant(new Date('2026-02-03T18:00:00.000Z'), 12, LA).toISOString(),
    ).toBe('2027-02-03T18:00:00.000Z');
  });

  test('days left counts calendar days in the clinic zone, 0 on the due day, negative after', () => {
    const due = new Date('2026-12-24T07:59:59.999Z');
    expect(daysLeft(new Date('2026-11-23T17:00:00.000Z'), due, LA)).toBe(30);
    expect(daysLeft(new Date('2026-12-24T07:00:00.000Z'), due, LA)).toBe(0);
    expect(daysLeft(new Date('2026-12-24T08:00:00.000Z'), due, LA)).toBe(-1);
  });
});
