import { expect, test } from 'vitest';
import {
  computeMatrix,
  ERASURE_REASON,
  NO_STATE,
  RESTRICTION_REASON,
  SMS_STOP_REASON,
} from '../../../server/preferences/preference-rules.ts';

const explicit = new Map([
  ['marketing/email', true],
  ['reminders/push', true],
]);

test('a restriction holds every category but service off and locked, keeping the choices beneath', () => {
  const matrix = computeMatrix({
    explicit,
    defaults: {},
    state: { ...NO_STATE, restrictedAt: '2026-11-23T17:00:00.000Z' },
  });
  for (const cell of matrix) {
    if (cell.category === 'service') {
      expect(cell).toMatchObject({ enabled: true, locked: true });
    } else {
      expect(cell).toMatchObject({ enabled: false, locked: true, reason: RESTRICTION_REASON });
    }
  }
  // Lifted, the owner's own choices come back.
  const lifted = computeMatrix({
    explicit,
    defaults: {},
    state: { ...NO_STATE, restrictedAt: null },
  });
  expect(lifted.find((c) => c.category === 'marketing' && c.channel === 'email')?.enabled).toBe(
    true,
  );
});

test('SMS STOP still wins for texts while a restriction stands', () => {
  const matrix = computeMatrix({
    explicit,
    defaults: {},
    state: {
      smsOptedOutAt: '2026-11-20T00:00:00.000Z',
      gpcHonouredAt: null,
      restrictedAt: '2026-11-23T17:00:00.000Z',
    },
  });
  expect(matrix.find((c) => c.category === 'service' && c.channel === 'sms')).toMatchObject({
    enabled: false,
    reason: SMS_STOP_REASON,
  });
  expect(matrix.find((c) => c.category === 'service' && c.channel === 'email')?.enabled).toBe(true);
});

test('an erasure turns every cell off, service included', () => {
  const matrix = computeMatrix({
    explicit,
    defaults: { reminders: { email: true } },
    state: { ...NO_STATE, erasedAt: '2026-11-25T17:00:00.000Z' },
  });
  expect(matrix).toHaveLength(18);
  expect(matrix.every((c) => !c.enabled && c.locked && c.reason === ERASURE_REASON)).toBe(true);
});
