import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  ConsentEventListSchema,
  PreferenceMatrixSchema,
} from '../../../src/contract/preferences.ts';
import type { SmsMessage } from '../../../server/sms/sms-gateway.ts';
import { addSecondClinic, as, signIn, type SignedIn } from '../../support/sessions.ts';
import { createSmsTestApp, type SmsTestApp } from './sms-test-app.ts';

let t: SmsTestApp;
let owner: SignedIn;
const PHONE = '+15550100123';

beforeEach(async () => {
  t = await createSmsTestApp();
  owner = await withPhone(await signIn(t, 'maria@example.com'), '+1 555 010 0123');
});
afterEach(() => t.close());

async function withPhone(who: SignedIn, phone: string): Promise<SignedIn> {
  const res = await as(t, who).patch('/api/me/profile', { phone });
  expect(res.statusCode, res.body).toBe(200);
  return who;
}

async function text(message: string, from = PHONE) {
  const res = await t.inbound({ from, text: message });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toEqual({ received: true });
  await t.app.smsOutbox.drain();
}

async function smsCells(who: SignedIn = owner) {
  const res = await as(t, who).get('/api/me/preferences');
  return PreferenceMatrixSchema.parse(res.json()).matrix.filter((c) => c.channel === 'sms');
}

async function smsEvents(who: SignedIn = owner) {
  const res = await as(t, who).get('/api/me/consent-events');
  return ConsentEventListSchema.parse(res.json()).filter((e) => e.source === 'sms-keyword');
}

const sentTo = (to: string): SmsMessage[] => t.sentSms.filter((m) => m.to === to);

describe('STOP', () => {
  test.each([
    'STOP',
    'QUIT',
    'END',
    'REVOKE',
    'OPT OUT',
    'OPTOUT',
    'CANCEL',
    'UNSUBSCRIBE',
    'STOPALL',
    'stop',
  ])(
    '%s switches off every SMS category, service included, and is confirmed once',
    async (word) => {
      await text(word);
      const cells = await smsCells();
      expect(cells.every((c) => !c.enabled && c.locked)).toBe(true);
      const service = cells.find((c) => c.category === 'service');
      expect(service?.reason).toMatch(/You texted STOP/);
      expect(service?.reason).toMatch(/Text START to turn SMS back on/);
      expect(sentTo(PHONE)).toHaveLength(1);
      expect(sentTo(PHONE)[0]?.text).toMatch(/no more texts/);
      expect(sentTo(PHONE)[0]?.text).toMatch(/Reply START/);
    },
  );

  test('each SMS category that was on gets a consent event, at the server’s time', async () => {
    t.clock.advance(90_000);
    await text('STOP');
    const events = await smsEvents();
    // Service and reminders were on by default; clinic news by text was off in the demo clinic.
    expect(events.map((e) => [e.category, e.previous, e.enabled]).sort()).toEqual([
      ['reminders', true, false],
      ['service', true, false],
    ]);
    expect(events.every((e) => e.at === '2026-11-23T17:01:30.000Z' && e.policyVersion === 1)).toBe(
      true,
    );
  });

  test('other channels are untouched', async () => {
    await text('STOP');
    const res = await as(t, owner).get('/api/me/preferences');
    const others = PreferenceMatrixSchema.parse(res.json()).matrix.filter(
      (c) => c.channel !== 'sms',
    );
    expect(others.filter((c) => c.enabled).map((c) => `${c.category}/${c.channel}`)).toEqual([
      'service/email',
      'service/push',
      'reminders/email',
      'reminders/push',
      'clinic-news/email',
      'clinic-news/push',
    ]);
  });

  test('a repeated STOP sends no second confirmation and records nothing more', async () => {
    await text('STOP');
    await text('STOP');
    await text('unsubscribe');
    expect(sentTo(PHONE)).toHaveLength(1);
    expect(await smsEvents()).toHaveLength(2);
  });

  test('while SMS is stopped, the app cannot switch a text category on: 409 locked', async () => {
    await text('STOP');
    const res = await as(t, owner).put('/api/me/preferences', {
      changes: [{ category: 'reminders', channel: 'sms', enabled: true }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('locked');
  });

  test('the confirmation is queued with the change, and sent again if the gateway failed', async () => {
    let failures = 1;
    const delivered: SmsMessage[] = [];
    await t.close();
    t = await createSmsTestApp({
      gateway: {
        async send(message) {
          if (failures-- > 0) throw new Error('gateway unavailable');
          delivered.push(message);
        },
      },
    });
    owner = await withPhone(await signIn(t, 'maria@example.com'), PHONE);
    const res = await t.inbound({ from: PHONE, text: 'STOP' });
    expect(res.statusCode).toBe(200);
    expect(await t.app.smsOutbox.drain()).toBe(0);
    t.clock.advance(15_000);
    expect(await t.app.smsOutbox.drain()).toBe(1);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.to).toBe(PHONE);
  });
});

describe('START and HELP', () => {
  test('START turns service texts back on, and only them, with one confirmation', async () => {
    await as(t, owner).put('/api/me/preferences', {
      changes: [{ category: 'marketing', channel: 'sms', enabled: true }],
    });
    await text('STOP');
    t.clock.advance(60_000);
    await text('START');
    const cells = await smsCells();
    expect(cells.filter((c) => c.enabled).map((c) => c.category)).toEqual(['service']);
    expect(cells.find((c) => c.category === 'service')).toMatchObject({ locked: true });
    expect(cells.filter((c) => c.category !== 'service').every((c) => !c.locked)).toBe(true);
    expect(sentTo(PHONE).map((m) => m.text)).toEqual([
      expect.stringMatching(/no more texts/),
      expect.stringMatching(/service texts .* are back on/),
    ]);
    const [latest] = await smsEvents();
    expect(latest).toMatchObject({
      category: 'service',
      previous: false,
      enabled: true,
      at: '2026-11-23T17:01:00.000Z',
    });
  });

  test('after START the owner may opt back into reminders by text in the app', async () => {
    await text('STOP');
    await text('unstop');
    const res = await as(t, owner).put('/api/me/preferences', {
      changes: [{ category: 'reminders', channel: 'sms', enabled: true }],
    });
    expect(res.statusCode).toBe(200);
  });

  test('START or YES when texts were never stopped changes nothing and sends nothing', async () => {
    await text('YES');
    await text('START');
    expect(t.sentSms).toEqual([]);
    expect(await smsEvents()).toEqual([]);
  });

  test('HELP is answered with the clinic’s name and contact address, even after STOP', async () => {
    await text('HELP');
    await text('STOP');
    await text('info');
    const replies = sentTo(PHONE).map((m) => m.text);
    expect(replies).toHaveLength(3);
    for (const reply of [replies[0], replies[2]]) {
      expect(reply).toContain("Dr. Kim's Veterinary Clinic");
      expect(reply).toContain('privacy@dr-kim.example');
    }
    expect((await smsCells()).every((c) => !c.enabled)).toBe(true);
  });
});

describe('whose number it is', () => {
  test('an owner who typed the national number is found from the international one', async () => {
    const other = await withPhone(await signIn(t, 'tom@example.com'), '(555) 010-0999');
    await text('STOP', '+15550100999');
    expect((await smsCells(other)).every((c) => !c.enabled)).toBe(true);
    expect((await smsCells(owner)).some((c) => c.enabled)).toBe(true);
  });

  test('a number shared by two owners stops texts to both, with one confirmation', async () => {
    const partner = await withPhone(await signIn(t, 'alex@example.com'), PHONE);
    await text('STOP');
    expect((await smsCells(owner)).every((c) => !c.enabled)).toBe(true);
    expect((await smsCells(partner)).every((c) => !c.enabled)).toBe(true);
    expect(sentTo(PHONE)).toHaveLength(1);
  });

  test('an unknown number gets the same answer, and nothing changes or is sent', async () => {
    const res = await t.inbound({ from: '+15550109999', text: 'STOP' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: true });
    await t.app.smsOutbox.drain();
    expect(t.sentSms).toEqual([]);
    expect(await smsEvents()).toEqual([]);
    const help = await t.inbound({ from: '+15550109999', text: 'HELP' });
    expect(help.json()).toEqual({ received: true });
    await t.app.smsOutbox.drain();
    expect(t.sentSms).toEqual([]);
  });

  test('a STOP sent to one clinic leaves the same number at another clinic alone', async () => {
    const second = await addSecondClinic(t);
    const elsewhere = await withPhone(
      await signIn(t, 'maria@example.com', { clinic: second.slug }),
      PHONE,
    );
    await text('STOP');
    expect((await smsCells(elsewhere)).some((c) => c.enabled)).toBe(true);
    expect(await smsEvents(elsewhere)).toEqual([]);
  });

  test('a message that is not a keyword changes nothing', async () => {
    await text('Can Rex come in on Tuesday? Please stop by if not.');
    expect(t.sentSms).toEqual([]);
    expect((await smsCells()).some((c) => c.enabled)).toBe(true);
  });

  test('an unknown clinic is a 404', async () => {
    const res = await t.inbound({ from: PHONE, text: 'STOP', clinic: 'no-such-clinic' });
    expect(res.statusCode).toBe(404);
  });
});

describe('the webhook’s signature', () => {
  test('a wrong or missing signature is a 401 invalid-signature, and nothing changes', async () => {
    for (const signature of [null, 'sha256=' + '0'.repeat(64), 'sha256=nothex', 'md5=abc']) {
      const res = await t.inbound({ from: PHONE, text: 'STOP' }, { signature });
      expect(res.statusCode, String(signature)).toBe(401);
      expect(res.json().code).toBe('invalid-signature');
    }
    await t.app.smsOutbox.drain();
    expect(t.sentSms).toEqual([]);
    expect((await smsCells()).some((c) => c.enabled)).toBe(true);
  });

  test('a body changed after signing fails the check', async () => {
    const payload = JSON.stringify({ clinic: 'dr-kim', from: '+15550100999', text: 'HELLO' });
    const { createHmac } = await import('node:crypto');
    const { SMS_SECRET } = await import('./sms-test-app.ts');
    const signature = `sha256=${createHmac('sha256', SMS_SECRET).update(payload).digest('hex')}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/sms/inbound',
      payload: payload.replace('+15550100999', PHONE).replace('HELLO', 'STOP'),
      headers: { 'content-type': 'application/json', 'x-pawtal-signature': signature },
    });
    expect(res.statusCode).toBe(401);
  });

  test('a signed body that is not a valid message is a 400', async () => {
    const res = await t.inbound({ from: PHONE, text: 'STOP', clinic: 'Not A Slug' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid-request');
  });

  test('without SMS_WEBHOOK_SECRET the webhook answers 503 sms-not-configured', async () => {
    await t.close();
    t = await createSmsTestApp({ secret: null });
    const res = await t.inbound({ from: PHONE, text: 'STOP' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'sms-not-configured' });
  });
});
