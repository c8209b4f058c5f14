import { describe, expect, test } from 'vitest';
import {
  endOfLocalDay,
  fromLocal,
  parseLocalDate,
  startOfLocalDay,
  toLocal,
} from '../../../server/lib/zoned-time.ts';

const LA = 'America/Los_Angeles';

describe('wall-clock time in a clinic zone', () => {
  test('the start of a day in Los Angeles follows daylight saving', () => {
    expect(startOfLocalDay({ year: 2020, month: 4, day: 7 }, LA).toISOString()).toBe(
      '2020-04-07T07:00:00.000Z',
    );
    expect(startOfLocalDay({ year: 2026, month: 12, day: 24 }, LA).toISOString()).toBe(
      '2026-12-24T08:00:00.000Z',
    );
  });

  test('the end of a day is 23:59:59.999 there, on both sides of a clock change', () => {
    // 8 March 2026: clocks go forward at 2 am; 1 November 2026: back at 2 am.
    expect(endOfLocalDay({ year: 2026, month: 3, day: 8 }, LA).toISOString()).toBe(
      '2026-03-09T06:59:59.999Z',
    );
    expect(endOfLocalDay({ year: 2026, month: 11, day: 1 }, LA).toISOString()).toBe(
      '2026-11-02T07:59:59.999Z',
    );
  });

  test('a reading inside the spring-forward gap moves to just after it', () => {
    const at = fromLocal(
      { year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0, millisecond: 0 },
      LA,
    );
    expect(at.toISOString()).toBe('2026-03-08T10:30:00.000Z');
  });

  test('an instant after midnight UTC can still be the previous day in Los Angeles', () => {
    expect(toLocal(new Date('2026-01-01T07:30:00.000Z'), LA)).toMatchObject({
      year: 2025,
      month: 12,
      day: 31,
      hour: 23,
      minute: 30,
    });
  });

  test('dates parse strictly: no 30 February, no loose formats', () => {
    expect(parseLocalDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseLocalDate('2025-02-29')).toBeNull();
    expect(parseLocalDate('2027-02-30')).toBeNull();
    expect(parseLocalDate('2027-1-5')).toBeNull();
  });
});
