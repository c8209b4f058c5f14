import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { addSecondClinic, as, signIn } from '../../support/sessions.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('sessions belong to their owner and clinic', () => {
  test("an owner can neither list nor end another owner's sessions", async () => {
    const ana = await signIn(t, 'ana@example.com');
    const ben = await signIn(t, 'ben@example.com');
    const anaSessions = (await as(t, ana).get('/api/me/sessions')).json() as Array<{ id: string }>;
    expect(anaSessions).toHaveLength(1);
    const bensView = (await as(t, ben).get('/api/me/sessions')).json() as Array<{ id: string }>;
    expect(bensView.map((s) => s.id)).not.toContain(anaSessions[0]?.id);

    const attempt = await as(t, ben).delete(`/api/me/sessions/${anaSessions[0]?.id}`);
    expect(attempt.statusCode).toBe(404);
    expect((await as(t, ana).get('/api/me')).statusCode).toBe(200);
  });

  test('the same address at two clinics is two separate accounts', async () => {
    const other = await addSecondClinic(t);
    const here = await signIn(t, 'both@example.com');
    const there = await signIn(t, 'both@example.com', { clinic: other.slug });
    const meHere = (await as(t, here).get('/api/me')).json();
    const meThere = (await as(t, there).get('/api/me')).json();
    expect(meHere.clinic).toBe('dr-kim');
    expect(meThere.clinic).toBe(other.slug);
    expect(meHere.id).not.toBe(meThere.id);
  });

  test("a session from another clinic's staff is refused by this clinic's staff routes", async () => {
    const other = await addSecondClinic(t);
    const desk = await signIn(t, other.staffEmail, { clinic: other.slug });
    const res = await as(t, desk).get('/api/clinics/dr-kim/consent-events.csv');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('staff-only');
  });
});
