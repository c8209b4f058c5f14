import { describe, expect, test } from 'vitest';
import {
  cellKey,
  computeMatrix,
  effectiveCell,
  holdsFor,
  NO_STATE,
  parseClinicDefaults,
  SMS_STOP_REASON,
} from '../../../server/preferences/preference-rules.ts';

const demoDefaults = parseClinicDefaults(
  JSON.stringify({
    reminders: { email: true, sms: true, push: true },
    'clinic-news': { email: true, sms: false, push: true },
  }),
);

describe('the matrix rules', () => {
  test('an explicit choice wins over the clinic default, which wins over off', () => {
    const explicit = new Map([[cellKey('reminders', 'sms'), false]]);
    const inputs = { explicit, defaults: demoDefaults, state: NO_STATE };
    expect(effectiveCell('reminders', 'sms', inputs).enabled).toBe(false);
    expect(effectiveCell('reminders', 'email', inputs).enabled).toBe(true);
    expect(effectiveCell('clinic-news', 'sms', inputs).enabled).toBe(false);
    expect(effectiveCell('surveys', 'email', inputs).enabled).toBe(false);
  });

  test('an explicit "off" row cannot switch service off', () => {
    const explicit = new Map([[cellKey('service', 'email'), false]]);
    expect(
      effectiveCell('service', 'email', { explicit, defaults: {}, state: NO_STATE }),
    ).toMatchObject({ enabled: true, locked: true });
  });

  test('an SMS STOP holds every SMS cell off and locked, service included, and no other channel', () => {
    const explicit = new Map([[cellKey('marketing', 'sms'), true]]);
    const state = { smsOptedOutAt: '2026-11-23T17:00:00.000Z', gpcHonouredAt: null };
    const matrix = computeMatrix({ explicit, defaults: demoDefaults, state });
    const sms = matrix.filter((c) => c.channel === 'sms');
    expect(sms.every((c) => !c.enabled && c.locked && c.reason === SMS_STOP_REASON)).toBe(true);
    expect(matrix.find((c) => c.category === 'service' && c.channel === 'email')?.enabled).toBe(
      true,
    );
    expect(holdsFor(NO_STATE)).toEqual([]);
  });

  test('clinic defaults are read leniently: only reminders and clinic news, only booleans', () => {
    expect(parseClinicDefaults('not json')).toEqual({});
    expect(parseClinicDefaults('null')).toEqual({});
    expect(
      parseClinicDefaults(
        JSON.stringify({
          reminders: { email: 'yes', sms: true, fax: true },
          marketing: { email: true },
          service: { email: false },
        }),
      ),
    ).toEqual({ reminders: { sms: true } });
  });
});
