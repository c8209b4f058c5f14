import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { csvField } from '../../../server/preferences/consent-csv.ts';
import { addSecondClinic, as, signIn, type SignedIn } from '../../support/sessions.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { ownerRef, preferencesServiceFor } from './preferences-service.ts';

let t: TestApp;
let owner: SignedIn;
let staff: SignedIn;

const HEADER =
  'eventId,ownerId,ownerEmail,category,channel,enabled,previous,source,at,policyVersion';

beforeEach(async () => {
  t = await createTestApp();
  owner = await signIn(t, 'maria@example.com');
  staff = await signIn(t, 'frontdesk@dr-kim.example');
});
afterEach(() => t.close());

/** RFC 4180, enough to read back what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('The CSV does not end with CRLF.');
  return rows;
}

const download = (who?: SignedIn, clinic = 'dr-kim') =>
  t.app.inject({
    url: `/api/clinics/${clinic}/consent-events.csv`,
    headers: who ? { cookie: who.cookie } : {},
  });

/** An owner added straight to the database, for addresses the sign-in form would refuse. */
async function insertOwner(email: string): Promise<number> {
  const clinic = await t.database.kysely
    .selectFrom('clinics')
    .select('id')
    .where('slug', '=', 'dr-kim')
    .executeTakeFirstOrThrow();
  const now = t.clock.now().toISOString();
  const row = await t.database.kysely
    .insertInto('users')
    .values({
      clinic_id: clinic.id,
      role: 'owner',
      email,
      name: null,
      phone: null,
      is_age_confirmed: 1,
      status: 'active',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('the clinic’s consent export', () => {
  test('staff download every event of their clinic as CSV, with a header row, oldest first', async () => {
    await as(t, owner).put('/api/me/preferences', {
      changes: [{ category: 'marketing', channel: 'email', enabled: true }],
    });
    t.clock.advance(60_000);
    await as(t, owner).put('/api/me/preferences', {
      changes: [{ category: 'reminders', channel: 'sms', enabled: false }],
    });
    const res = await download(staff);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="consent-events-dr-kim-2026-11-23.csv"',
    );
    expect(res.headers['cache-control']).toBe('no-store');
    const rows = parseCsv(res.body);
    expect(rows[0]?.join(',')).toBe(HEADER);
    expect(rows.slice(1)).toEqual([
      [
        expect.any(String),
        String(owner.userId),
        'maria@example.com',
        'marketing',
        'email',
        'true',
        'false',
        'app',
        '2026-11-23T17:00:00.000Z',
        '1',
      ],
      [
        expect.any(String),
        String(owner.userId),
        'maria@example.com',
        'reminders',
        'sms',
        'false',
        'true',
        'app',
        '2026-11-23T17:01:00.000Z',
        '1',
      ],
    ]);
    expect(Number(rows[1]?.[0])).toBeLessThan(Number(rows[2]?.[0]));
  });

  test('fields with commas, quotes or a leading formula character are quoted and defused', async () => {
    const preferences = await preferencesServiceFor(t);
    const odd = await insertOwner('"o\'neil, jr"@example.com');
    const formula = await insertOwner('=1+2@example.com');
    for (const id of [odd, formula]) {
      await preferences.update(await ownerRef(t, id), [
        { category: 'surveys', channel: 'email', enabled: true },
      ]);
    }
    const res = await download(staff);
    const lines = res.body.split('\r\n');
    expect(lines.some((l) => l.includes(`,"""o'neil, jr""@example.com",surveys,`))).toBe(true);
    expect(lines.some((l) => l.includes(`,'=1+2@example.com,surveys,`))).toBe(true);
    const emails = parseCsv(res.body)
      .slice(1)
      .map((r) => r[2]);
    expect(emails).toEqual(['"o\'neil, jr"@example.com', "'=1+2@example.com"]);
  });

  test('csvField quotes only what needs it, and writes null as an empty field', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('+15550100')).toBe("'+15550100");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@home')).toBe("'@home");
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
    expect(csvField(3)).toBe('3');
  });

  test('a large record is exported completely, page after page, each event once, in order', async () => {
    const { clinic_id: clinicId } = await t.database.kysely
      .selectFrom('users')
      .select('clinic_id')
      .where('id', '=', owner.userId)
      .executeTakeFirstOrThrow();
    const total = 1234;
    const rows = Array.from({ length: total }, (_, i) => ({
      clinic_id: clinicId,
      user_id: owner.userId,
      category: 'marketing',
      channel: i % 2 === 0 ? 'email' : 'push',
      enabled: i % 2,
      previous: (i + 1) % 2,
      source: 'app',
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      policy_version: 1,
      actor_user_id: null,
    }));
    for (let i = 0; i < rows.length; i += 200) {
      await t.database.kysely
        .insertInto('consent_events')
        .values(rows.slice(i, i + 200))
        .execute();
    }
    const res = await download(staff);
    const parsed = parseCsv(res.body).slice(1);
    expect(parsed).toHaveLength(total);
    const ids = parsed.map((r) => Number(r[0]));
    expect(new Set(ids).size).toBe(total);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  test('another clinic’s events are not in the export, and its staff cannot download ours', async () => {
    const second = await addSecondClinic(t);
    const elsewhere = await signIn(t, 'sam@example.com', { clinic: second.slug });
    await as(t, elsewhere).put('/api/me/preferences', {
      changes: [{ category: 'surveys', channel: 'sms', enabled: true }],
    });
    await as(t, owner).put('/api/me/preferences', {
      changes: [{ category: 'marketing', channel: 'push', enabled: true }],
    });
    const ours = parseCsv((await download(staff)).body).slice(1);
    expect(ours.map((r) => r[2])).toEqual(['maria@example.com']);

    const theirStaff = await signIn(t, second.staffEmail, { clinic: second.slug });
    const refused = await download(theirStaff);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('staff-only');
    const theirs = parseCsv((await download(theirStaff, second.slug)).body).slice(1);
    expect(theirs.map((r) => r[2])).toEqual(['sam@example.com']);
  });

  test('owners get 403 and a request without a session gets 401', async () => {
    const asOwner = await download(owner);
    expect(asOwner.statusCode).toBe(403);
    expect(asOwner.json()).toMatchObject({ code: 'staff-only' });
    const anonymous = await download();
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('unauthenticated');
  });
});
