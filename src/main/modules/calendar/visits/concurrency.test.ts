import { describe, expect, it } from 'vitest';
import type { WebServer } from '../../../server';
import { withTestWeb } from '../../../testing/fixtures';
import { type TestApp } from '../../../testing/harness';
import { spawnTs } from '../../../testing/processes';
import { apiPost, loginCookie } from '../../../testing/web';
import { at, openClinic, type Clinic } from './visitFixtures';

/**
 * No double booking under load: twenty clerks saving the same slot at once, over HTTP to web mode and from two core
 * processes on one database file. The check and the insert run in one write transaction (BEGIN IMMEDIATE), so exactly
 * one wins; the others are refused with the overlap and leave nothing behind.
 */
let app: TestApp;
let server: WebServer;
let owner: string;
let c: Clinic;

withTestWeb(async (web) => {
  ({ app, server, owner } = web);
  c = await openClinic(app, owner);
});

const visitsAt = (userId: string, start: string) => app.core.sqlite.prepare(`select id from visit where user_id = ? and starts_at = ?`).pluck().all(userId, start) as string[];
const auditOf = (ids: string[]) => Number(app.core.sqlite.prepare(`select count(*) from audit_log where entity = 'visit' and entity_id in (${ids.map(() => '?').join(',')})`).pluck().get(...ids));
const visitAudits = () => Number(app.core.sqlite.prepare(`select count(*) from audit_log where entity = 'visit'`).pluck().get());

describe('twenty bookings of one slot at once', () => {
  it('over HTTP in web mode: exactly one wins, nineteen get the overlap, one row and one audit entry', async () => {
    const cookie = await loginCookie(server, { login: 'clerk1', password: 'password-123' });
    const input = { userId: c.doctor.id, clientId: c.clientId, serviceId: c.serviceId, start: at('11:30'), durationMin: 30 };
    const audits = visitAudits();
    const answers = await Promise.all(Array.from({ length: 20 }, () => apiPost(server, 'visits.book', input, { cookie }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }))));
    const won = answers.filter((a) => a.body.ok);
    const lost = answers.filter((a) => !a.body.ok);
    expect(won).toHaveLength(1);
    expect(lost.map((a) => a.body.error.key)).toEqual(Array(19).fill('errors.visit_overlap'));
    expect(lost[0]!.body.error.params).toMatchObject({ client: 'Jonas Petraitis', start: '2026-11-24 11:30', end: '12:00' });
    expect(visitsAt(c.doctor.id, at('11:30'))).toEqual([won[0]!.body.data.id]);
    expect(auditOf([won[0]!.body.data.id])).toBe(1);
    expect(visitAudits()).toBe(audits + 1);
    const lines = Number(app.core.sqlite.prepare(`select count(*) from visit_line where visit_id = ?`).pluck().get(won[0]!.body.data.id));
    expect(lines).toBe(1);
  });

  it('from two core processes on the same database file: exactly one wins', async () => {
    const audits = visitAudits();
    // The children run on the real clock: a Tuesday slot well inside the date window from today.
    const input = { userId: c.doctor.id, clientId: c.client2Id, serviceId: c.serviceId, start: new Date(Date.parse('2027-01-12T10:00:00+02:00')).toISOString(), durationMin: 30 };
    const children = ['clerk1', 'clerk1'].map((login) => spawnTs('src/main/testing/children/visit-booker.ts', [app.dir, login, 'password-123', '10', JSON.stringify(input)]));
    try {
      await Promise.all(children.map((ch) => ch.waitFor((l) => l.includes('ready'), 120_000)));
      for (const ch of children) ch.send('go');
      await Promise.all(children.map((ch) => ch.waitFor((l) => l.includes('done'), 120_000)));
      for (const ch of children) expect(await ch.exited, ch.stderr()).toEqual({ code: 0, signal: null });
    } finally {
      for (const ch of children) ch.kill();
    }
    const lines = children.flatMap((ch) => ch.lines.filter((l) => l.startsWith('won ') || l.startsWith('refused ')));
    expect(lines).toHaveLength(20);
    const won = lines.filter((l) => l.startsWith('won ')).map((l) => l.slice(4));
    expect(won).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('refused '))).toEqual(Array(19).fill('refused errors.visit_overlap'));
    expect(visitsAt(c.doctor.id, input.start)).toEqual(won);
    expect(visitAudits()).toBe(audits + 1);
  });
});
