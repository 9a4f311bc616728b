import { beforeAll, describe, expect, it, vi } from 'vitest';
import { withTestOrg } from '../testing/fixtures';
import { withCtx, type TestApp } from '../testing/harness';
import { openClinic, type Clinic } from '../modules/calendar/visits/visitFixtures';
import { wallClock } from '../../shared/rules/zonedTime';
import { loadVisits } from './visits';

vi.setConfig({ testTimeout: 120_000 });

let app: TestApp;
let owner: string;
let c: Clinic;
let booked = 0;
const TZ = 'Europe/Riga';

withTestOrg('file', (o) => {
  app = o.app;
  owner = o.owner;
});

beforeAll(async () => {
  c = await openClinic(app, owner);
  const me = await app.call(owner, 'auth.me', {});
  const clerk = await app.call(c.clerk, 'auth.me', {});
  for (const name of ['SMS kampaņa', 'Google reklāma', 'Ieteikums', 'Atnāca pats', 'Mājaslapa']) await app.call(owner, 'nomenclature.create', { kind: 'visit_source', name });
  booked = await withCtx(app, me, (ctx) =>
    loadVisits(ctx, { seed: 7, now: app.clock.now(), language: 'lt', branches: [{ id: c.branchId, tz: TZ, clerk: clerk! }], clients: [c.clientId, c.client2Id], owner: me! }),
  );
});

const rows = () =>
  app.core.sqlite.prepare(`select id, user_id, starts_at, ends_at, status, cancel_reason, asap, first_consultation, source_id, reminder, total_minor, paid_minor from visit where deleted_at is null order by starts_at`).all() as {
    id: string;
    user_id: string;
    starts_at: string;
    ends_at: string;
    status: string;
    cancel_reason: string | null;
    asap: number;
    first_consultation: number;
    source_id: string | null;
    reminder: string;
    total_minor: number;
    paid_minor: number;
  }[];

describe('the demo calendar', () => {
  it('books two months of visits through the visits service, within working hours and never overlapping', () => {
    const all = rows();
    expect(all.length).toBe(booked);
    // Two employees, ~9 weeks of weekdays, 8 working hours each, mostly full.
    expect(booked).toBeGreaterThan(450);
    for (const v of all) {
      const [s, e] = [wallClock(v.starts_at, TZ), wallClock(v.ends_at, TZ)];
      const day = new Date(`${s.slice(0, 10)}T00:00:00Z`).getUTCDay();
      expect(day >= 1 && day <= 5, s).toBe(true);
      const inside = (s.slice(11) >= '09:00' && e.slice(11) <= '13:00') || (s.slice(11) >= '14:00' && e.slice(11) <= '18:00');
      expect(inside, `${s}–${e}`).toBe(true);
    }
    const overlaps = app.core.sqlite
      .prepare(`select count(*) from visit a join visit b on a.user_id = b.user_id and a.id < b.id and a.starts_at < b.ends_at and b.starts_at < a.ends_at where a.status != 'cancelled' and b.status != 'cancelled'`)
      .pluck()
      .get();
    expect(overlaps).toBe(0);
    // Each booking, mark and payment has its audit entry, as the front desk's would.
    expect(Number(app.core.sqlite.prepare(`select count(*) from audit_log where entity = 'visit'`).pluck().get())).toBeGreaterThanOrEqual(booked);
  });

  it('has the past arrived, not come or cancelled, mostly paid; the future booked; reminders as the calls went', () => {
    const now = new Date(app.clock.now()).toISOString();
    const past = rows().filter((v) => v.ends_at <= now);
    const future = rows().filter((v) => v.starts_at > now);
    const share = (xs: typeof past, f: (v: (typeof past)[number]) => boolean) => xs.filter(f).length / xs.length;
    expect(past.every((v) => ['arrived', 'no_show', 'cancelled'].includes(v.status))).toBe(true);
    expect(future.every((v) => ['booked', 'cancelled'].includes(v.status))).toBe(true);
    expect(share(past, (v) => v.status === 'arrived')).toBeGreaterThan(0.75);
    expect(share(past, (v) => v.status === 'no_show')).toBeGreaterThan(0.02);
    expect(rows().filter((v) => v.status === 'cancelled').every((v) => !!v.cancel_reason)).toBe(true);
    const arrived = past.filter((v) => v.status === 'arrived');
    expect(share(arrived, (v) => v.paid_minor === v.total_minor)).toBeGreaterThan(0.75);
    expect(arrived.some((v) => v.paid_minor < v.total_minor)).toBe(true);
    expect(future.some((v) => v.asap === 1)).toBe(true);
    expect(share(rows(), (v) => v.first_consultation === 1)).toBeGreaterThan(0.05);
    expect(new Set(rows().map((v) => v.source_id)).size).toBeGreaterThanOrEqual(5);
    expect(share(past.filter((v) => v.status !== 'cancelled'), (v) => v.reminder === 'will_come')).toBeGreaterThan(0.6);
    const later = rows().filter((v) => v.starts_at > new Date(app.clock.now() + 3 * 86_400_000).toISOString());
    expect(later.every((v) => v.reminder === 'none')).toBe(true);
  });

  it('has visits in every colour, each with the calls that coloured it', () => {
    const coloured = app.core.sqlite
      .prepare(`select v.reminder, count(distinct v.id) as visits, count(a.id) as calls, sum(a.billable) as billable from visit v left join reminder_attempt a on a.visit_id = v.id where v.deleted_at is null and v.reminder != 'none' group by v.reminder order by v.reminder`)
      .all() as { reminder: string; visits: number; calls: number; billable: number }[];
    expect(coloured.map((r) => r.reminder)).toEqual(['no_answer', 'will_come', 'will_not_come']);
    for (const r of coloured) expect(r.calls, r.reminder).toBe(r.visits * (r.reminder === 'no_answer' ? 3 : 1));
    // Grey (not yet reminded) are the later ones: each has its reminder, waiting or saying why it will not be made.
    const grey = app.core.sqlite.prepare(`select distinct r.state from reminder r join visit v on v.id = r.visit_id where v.reminder = 'none' and v.status = 'booked' and r.deleted_at is null`).pluck().all();
    expect(grey.length).toBeGreaterThan(0);
    expect(grey.every((s) => s === 'planned' || s === 'not_made')).toBe(true);
  });

  it('shows every reminder colour among tomorrow’s visits, whatever the hour the demo is made at', () => {
    const tomorrow = wallClock(app.clock.now() + 24 * 3600_000, TZ).slice(0, 10);
    const colours = new Set(rows().filter((v) => v.status === 'booked' && wallClock(v.starts_at, TZ).startsWith(tomorrow)).map((v) => v.reminder));
    expect([...colours].sort()).toEqual(['no_answer', 'none', 'will_come', 'will_not_come']);
  });

  it('gives the clinic’s clerk a busy week', async () => {
    const week = await app.call(c.clerk, 'visits.range', { from: '2026-11-23T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z', branchId: c.branchId });
    expect(week.filter((v) => v.status !== 'cancelled').length).toBeGreaterThan(60);
  });
});
