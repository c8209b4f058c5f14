import { expect } from 'vitest';
import type { TestApp } from './test-app.ts';

/** The Origin a browser on the app sends with every POST (inject's default host is localhost:80). */
export const APP_ORIGIN = 'http://localhost:80';

export interface SignedIn {
  cookie: string;
  userId: number;
  email: string;
}

/**
 * Signs in through the real code round trip (the mail comes from the test app's in-memory
 * mailer) and, for a new owner, confirms their age. Returns the session cookie.
 */
export async function signIn(
  t: TestApp,
  email: string,
  options: { clinic?: string; confirmAge?: boolean } = {},
): Promise<SignedIn> {
  const clinic = options.clinic ?? 'dr-kim';
  const requested = await t.app.inject({
    method: 'POST',
    url: '/api/auth/code',
    payload: { clinic, email },
  });
  expect(requested.statusCode, requested.body).toBe(202);
  await t.app.mailOutbox.drain();
  const mail = [...t.sentMail].reverse().find((m) => m.to === email.toLowerCase());
  const code = mail && /\b(\d{6})\b/.exec(mail.text)?.[1];
  if (!code) throw new Error(`No code was mailed to ${email}.`);
  const verified = await t.app.inject({
    method: 'POST',
    url: '/api/auth/verify',
    payload: { clinic, email, code },
  });
  expect(verified.statusCode, verified.body).toBe(200);
  const cookie = String(verified.headers['set-cookie']).split(';')[0] as string;
  const user = verified.json().user as { id: number; role: string; ageConfirmed: boolean };
  if (user.role === 'owner' && !user.ageConfirmed && options.confirmAge !== false) {
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/me/age-confirmation',
      payload: { sixteenOrOlder: true },
      headers: { cookie, origin: APP_ORIGIN },
    });
    expect(confirmed.statusCode).toBe(204);
  }
  return { cookie, userId: user.id, email: email.toLowerCase() };
}

/** inject() with the session cookie and, for unsafe methods, the app's Origin. */
export function as(t: TestApp, who: SignedIn) {
  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: { cookie: who.cookie, ...(method === 'GET' ? {} : { origin: APP_ORIGIN }) },
    });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload: unknown = {}) => call('POST', url, payload),
    put: (url: string, payload: unknown) => call('PUT', url, payload),
    patch: (url: string, payload: unknown) => call('PATCH', url, payload),
    delete: (url: string) => call('DELETE', url),
  };
}

/** A second clinic, with its own staff admin, for cross-tenant tests. */
export async function addSecondClinic(t: TestApp, slug = 'north-paws') {
  const now = t.clock.now().toISOString();
  const clinic = await t.database.kysely
    .insertInto('clinics')
    .values({
      slug,
      name: 'North Paws Animal Hospital',
      short_name: 'North Paws',
      theme_color: '#7a3e9d',
      background_color: '#ffffff',
      time_zone: 'Europe/Dublin',
      regimes: JSON.stringify(['gdpr']),
      contact_email: `privacy@${slug}.example`,
      is_open_registration: 1,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.database.kysely
    .insertInto('users')
    .values({
      clinic_id: clinic.id,
      role: 'admin',
      email: `desk@${slug}.example`,
      name: 'Desk',
      phone: null,
      is_age_confirmed: 1,
      status: 'active',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { slug, staffEmail: `desk@${slug}.example` };
}
