import { sql } from 'kysely';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { DataExportSchema, StaffRequestDetailSchema } from '../../../src/contract/requests.ts';
import { APP_ORIGIN, as, signIn } from '../../support/sessions.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import {
  codeIn,
  fileRequest,
  FRONT_DESK,
  lastMailTo,
  staffActionOk,
  stepUp,
} from './request-helpers.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ now: '2026-11-23T17:00:00.000Z' });
});
afterEach(() => t.close());

interface Hit {
  table: string;
  column: string;
  needle: string;
  value: string;
}

/** Every table and column of the database, read as text, searched for each needle. */
async function searchWholeDatabase(needles: readonly string[]): Promise<Hit[]> {
  const db = t.database.kysely;
  const columns: Array<{ table: string; column: string }> = [];
  if (t.database.dialect === 'sqlite') {
    const tables = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
    for (const { name } of tables.rows) {
      const info = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(
        db,
      );
      for (const c of info.rows) columns.push({ table: name, column: c.name });
    }
  } else {
    const info = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = ${t.database.schema ?? 'public'}`.execute(db);
    for (const c of info.rows) columns.push({ table: c.table_name, column: c.column_name });
  }
  expect(columns.length).toBeGreaterThan(50);
  const hits: Hit[] = [];
  for (const { table, column } of columns) {
    const rows = await sql<{ value: string | null }>`
      select cast(${sql.ref(column)} as text) as value from ${sql.table(table)}`.execute(db);
    for (const { value } of rows.rows) {
      if (value === null) continue;
      const lower = value.toLowerCase();
      for (const needle of needles) {
        if (lower.includes(needle.toLowerCase())) hits.push({ table, column, needle, value });
      }
    }
  }
  return hits;
}

test('after an erasure nothing of the owner is left anywhere but a pseudonymised request record', async () => {
  const OLD_EMAIL = 'maria.first@example.com';
  const EMAIL = 'maria.zyx@example.com';
  const PHONE = '+15550109876';
  const NAME = 'Maria Zyxwvut';

  let maria = await signIn(t, OLD_EMAIL);
  await as(t, maria).patch('/api/me/profile', { name: NAME, phone: PHONE });
  await as(t, maria).post('/api/me/pets', { name: 'Rexzyx', species: 'dog', birthDate: null });
  await as(t, maria).put('/api/me/preferences', {
    changes: [
      { category: 'marketing', channel: 'email', enabled: true },
      { category: 'surveys', channel: 'sms', enabled: true },
    ],
  });
  // A change of address: the old one is in the activity and in mail, and must go too.
  expect((await as(t, maria).post('/api/me/email-change', { email: EMAIL })).statusCode).toBe(202);
  const changeMail = await lastMailTo(t, EMAIL, /new email address/);
  const changed = await as(t, maria).post('/api/me/email-change/verify', {
    code: codeIn(changeMail),
  });
  expect(changed.statusCode, changed.body).toBe(200);
  maria = { ...maria, email: EMAIL };
  // A second device, an access request answered with an export, a request from the public
  // page with name and phone (a code by text), and an agent's request.
  await signIn(t, EMAIL);
  const access = await fileRequest(t, maria, { type: 'access' });
  const staff = await signIn(t, FRONT_DESK);
  await staffActionOk(t, staff, access.id, 'complete');
  const publicFiling = await t.app.inject({
    method: 'POST',
    url: '/api/clinics/dr-kim/requests',
    payload: { type: 'portability', name: NAME, contact: PHONE },
  });
  expect(publicFiling.statusCode).toBe(202);
  await t.app.inject({
    method: 'POST',
    url: '/api/clinics/dr-kim/requests',
    payload: {
      type: 'access',
      name: NAME,
      contact: EMAIL,
      agent: {
        name: 'Pat Advocate',
        email: 'pat@advocates.example',
        signedPermission: `${NAME} signed a written permission for me.`,
      },
    },
  });
  // From the public page with the address the clinic no longer holds: never linked to the
  // account, yet theirs.
  const unlinked = await t.app.inject({
    method: 'POST',
    url: '/api/clinics/dr-kim/requests',
    payload: { type: 'access', name: NAME, contact: OLD_EMAIL },
  });
  expect(unlinked.statusCode).toBe(202);
  await t.app.mailOutbox.drain();
  const needles = [OLD_EMAIL, EMAIL, PHONE, PHONE.slice(2), 'Zyxwvut', 'Rexzyx'];
  expect((await searchWholeDatabase(needles)).length).toBeGreaterThan(10);

  // Delete my account: a fresh step-up, then the erasure request, which staff complete.
  await stepUp(t, maria);
  const erasure = await fileRequest(t, maria, { type: 'erasure' });
  // Deletion takes effect at completion, not before: until then the account works.
  expect((await as(t, maria).get('/api/me')).statusCode).toBe(200);
  t.clock.advance(2 * 86_400_000);
  const desk = await signIn(t, FRONT_DESK);
  const done = await staffActionOk(t, desk, erasure.id, 'complete', {
    note: 'Account and data deleted.',
  });
  expect(done).toMatchObject({
    status: 'completed',
    type: 'erasure',
    isPseudonymised: true,
    completedAt: '2026-11-25T17:00:00.000Z',
    retainUntil: '2028-11-25T17:00:00.000Z',
    subject: { userId: maria.userId, name: null, email: null, phone: null },
    details: {},
  });
  expect(done.timeline.map((e) => e.kind)).toEqual(['received', 'verified', 'completed']);

  // The owner is told, once, and the mail's row keeps nothing of them after delivery.
  const last = await lastMailTo(t, EMAIL, /is complete/);
  expect(last.text).toContain('deleted');

  const hits = await searchWholeDatabase(needles);
  expect(hits).toEqual([]);

  // The old account is gone: its sessions end, and it cannot be signed into again.
  const me = await as(t, maria).get('/api/me');
  expect(me.statusCode).toBe(401);
  const user = await t.database.kysely
    .selectFrom('users')
    .selectAll()
    .where('id', '=', maria.userId)
    .executeTakeFirstOrThrow();
  expect(user).toMatchObject({ email: null, name: null, phone: null, status: 'erased' });
  // Nothing is sent to it any more, even service messages, and it is in no audience.
  const consent = await t.database.kysely
    .selectFrom('consent_events')
    .selectAll()
    .where('user_id', '=', maria.userId)
    .where('source', '=', 'erasure')
    .execute();
  expect(consent.length).toBeGreaterThan(0);
  expect(consent.every((e) => e.enabled === 0)).toBe(true);
  expect(
    await t.database.kysely
      .selectFrom('preferences')
      .select('user_id')
      .where('user_id', '=', maria.userId)
      .execute(),
  ).toEqual([]);

  // The request records stay, pseudonymised, for 24 months.
  const records = await t.database.kysely
    .selectFrom('privacy_requests')
    .selectAll()
    .where('user_id', '=', maria.userId)
    .execute();
  expect(records.length).toBe(4);
  // The two that were still open are closed, since they can no longer be answered.
  expect(records.map((r) => r.status)).toEqual([
    'completed',
    'completed',
    'completed',
    'completed',
  ]);
  expect(records.filter((r) => r.completion_note?.startsWith('Closed: the account'))).toHaveLength(
    2,
  );
  for (const record of records) {
    expect(record.pseudonymised_at).toBe('2026-11-25T17:00:00.000Z');
    expect((record.retain_until ?? '') >= '2028-11-25T17:00:00.000Z').toBe(true);
    expect(record.subject_name).toBeNull();
    expect(record.agent_email).toBeNull();
  }
  const unlinkedRecord = await t.database.kysely
    .selectFrom('privacy_requests')
    .selectAll()
    .where('id', '=', unlinked.json().id as number)
    .executeTakeFirstOrThrow();
  expect(unlinkedRecord).toMatchObject({
    user_id: null,
    subject_name: null,
    subject_contact: null,
    pseudonymised_at: '2026-11-25T17:00:00.000Z',
    retain_until: '2028-11-25T17:00:00.000Z',
  });
  const staffView = StaffRequestDetailSchema.parse(
    (await as(t, desk).get(`/api/clinics/dr-kim/requests/${access.id}`)).json(),
  );
  expect(staffView).toMatchObject({ status: 'completed', exportUrl: null, isPseudonymised: true });

  // Signing in with the same address later starts a fresh, empty account.
  const again = await signIn(t, EMAIL);
  expect(again.userId).not.toBe(maria.userId);
  await stepUp(t, again);
  const exported = DataExportSchema.parse((await as(t, again).get('/api/me/export')).json());
  expect(exported.sections.pets).toEqual([]);
  expect(exported.sections.requests).toEqual([]);
  expect(exported.sections.consentEvents).toEqual([]);
  expect(exported.sections.profile?.[0]).toMatchObject({
    id: again.userId,
    name: null,
    phone: null,
  });
});

test('a completed erasure cannot be undone or repeated, and the account is closed for staff too', async () => {
  const maria = await signIn(t, 'maria@example.com');
  await stepUp(t, maria);
  const erasure = await fileRequest(t, maria, { type: 'erasure' });
  const staff = await signIn(t, FRONT_DESK);
  await staffActionOk(t, staff, erasure.id, 'complete');
  const again = await as(t, staff).post(`/api/clinics/dr-kim/requests/${erasure.id}/complete`, {});
  expect(again.statusCode).toBe(409);
  expect(again.json().code).toBe('request-closed');
  const withOldCookie = await t.app.inject({
    method: 'POST',
    url: '/api/me/requests',
    payload: { type: 'access' },
    headers: { cookie: maria.cookie, origin: APP_ORIGIN },
  });
  expect(withOldCookie.statusCode).toBe(401);
});
