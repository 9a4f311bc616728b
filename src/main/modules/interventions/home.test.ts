import { describe, expect, it } from 'vitest';
import { ROLE_GRANTS } from '../../../shared/permissions';
import { addStaff, OWNER, personInput, snapshotDb, type TestApp } from '../../testing/harness';
import { withTestOrg } from '../../testing/fixtures';

let app: TestApp;
let owner: string;
let ownerId: string;
let riga: string;
let yerevan: string;
let clientId: string;

withTestOrg('test', async (org) => {
  ({ app, owner } = org);
  ownerId = (await app.call(owner, 'auth.me', {}))!.id;
  riga = (await app.call(owner, 'branches.list', {}))[0]!.id;
  yerevan = (await app.call(owner, 'branches.create', { name: 'Yerevan', timeZone: 'Asia/Yerevan' })).id;
  clientId = (await app.call(owner, 'clients.create', personInput('Rūta'))).client.id;
});

const draft = (branchId: string, over: Record<string, unknown> = {}) => ({ branchId, clientId, priority: 'medium' as const, docDate: '2026-11-23', ...over });
const staff = async (login: string, role: 'dispatcher' | 'employee' | 'branch_manager', branchId = riga) => {
  const { id } = await addStaff(app, owner, login, role, branchId);
  return { id, token: await app.login(login, 'password-123') };
};

describe('My page: the call centre as the person\'s own', () => {
  it('lists the open interventions given to the caller or taken by them, most urgent first, and none finalized or cancelled', async () => {
    const d = await staff('disp.home', 'dispatcher');
    const other = await staff('disp.other', 'dispatcher');
    const taken = await app.call(d.token, 'interventions.create', draft(riga, { priority: 'low' }));
    const urgent = await app.call(d.token, 'interventions.create', draft(riga, { priority: 'high' }));
    const cancelled = await app.call(d.token, 'interventions.create', draft(riga));
    await app.call(d.token, 'interventions.cancel', { id: cancelled.id, version: cancelled.version, reason: 'Duplicate' });
    const done = await app.call(d.token, 'interventions.create', draft(riga, { takenById: ownerId, responsibleId: ownerId, startAt: '2026-11-23T07:00:00Z', endAt: '2026-11-23T08:00:00Z' }));
    const confirmed = await app.call(owner, 'interventions.confirm', { id: done.id, version: done.version });
    await app.call(owner, 'interventions.finalize', { id: done.id, version: confirmed.version });
    const given = await app.call(owner, 'interventions.create', draft(riga, { takenById: d.id, responsibleId: ownerId, startAt: '2026-11-24T07:00:00Z', endAt: '2026-11-24T08:00:00Z' }));
    await app.call(other.token, 'interventions.create', draft(riga));

    const mine = await app.call(d.token, 'home.openInterventions', {});
    expect(mine.total).toBe(3);
    expect(mine.rows.map((r) => [r.id, r.priority, r.assignedToMe])).toEqual([
      [urgent.id, 'high', false],
      [given.id, 'medium', true],
      [taken.id, 'low', false],
    ]);
    expect(mine.rows[1]).toMatchObject({ status: 'allocated', client: 'Rūta', startAt: '2026-11-24T07:00:00Z', timeZone: 'Europe/Riga' });
    expect((await app.call(other.token, 'home.openInterventions', {})).total).toBe(1);
  });

  it('shows today\'s appointments, today read on each branch\'s own calendar, only in the branches the caller sees', async () => {
    // 20:30 UTC: still the 23rd in Rīga (22:30), already the 24th in Yerevan (00:30).
    app.clock.set('2026-11-23T20:30:00Z');
    const at = (branchId: string, startAt: string, endAt: string) =>
      app.call(owner, 'interventions.create', draft(branchId, { takenById: ownerId, responsibleId: ownerId, startAt, endAt }));
    const rigaToday = await at(riga, '2026-11-23T19:00:00Z', '2026-11-23T20:00:00Z');
    await at(riga, '2026-11-24T07:00:00Z', '2026-11-24T08:00:00Z');
    const yerevanToday = await at(yerevan, '2026-11-23T20:15:00Z', '2026-11-23T21:00:00Z');
    // 22:00 on the 23rd in Yerevan: yesterday there, though it is "today" on Rīga's calendar.
    await at(yerevan, '2026-11-23T18:00:00Z', '2026-11-23T19:00:00Z');

    const all = await app.call(owner, 'home.appointments', {});
    expect(all.rows.map((r) => r.id)).toEqual([rigaToday.id, yerevanToday.id]);
    expect(all.rows[1]).toMatchObject({ timeZone: 'Asia/Yerevan', mine: true, person: 'Ilze Kalniņa', status: 'allocated' });
    expect(all.total).toBe(2);

    const d = await staff('disp.riga', 'dispatcher');
    expect((await app.call(d.token, 'home.appointments', {})).rows.map((r) => [r.id, r.mine])).toEqual([[rigaToday.id, false]]);
  });

  it('on a day without appointments shows the next day that has some, read on each branch\'s calendar, and names it', async () => {
    // Sunday 29 November 2026, 10:00 in Rīga: nothing booked today. (A week on, the owner logs in afresh.)
    app.clock.set('2026-11-29T08:00:00Z');
    owner = await app.login(OWNER.login, OWNER.password);
    const d = await staff('disp.sunday', 'dispatcher');
    expect(await app.call(d.token, 'home.appointments', {})).toEqual({ rows: [], total: 0, next: null });

    const at = (branchId: string, startAt: string, endAt: string, over: Record<string, unknown> = {}) =>
      app.call(owner, 'interventions.create', draft(branchId, { takenById: ownerId, responsibleId: ownerId, startAt, endAt, ...over }));
    // A cancelled visit does not name the day: with only Monday's called off, Tuesday is next.
    const gone = await at(riga, '2026-11-30T08:00:00Z', '2026-11-30T09:00:00Z');
    await app.call(owner, 'interventions.cancel', { id: gone.id, version: gone.version, reason: 'Called off' });
    const tuesday = await at(riga, '2026-12-01T07:00:00Z', '2026-12-01T08:00:00Z');
    expect(await app.call(owner, 'home.appointments', {})).toMatchObject({ next: '2026-12-01', total: 1, rows: [{ id: tuesday.id }] });

    // Monday in Rīga (two of them) and in Yerevan: only Monday's are shown, in order, Tuesday's wait.
    const late = await at(riga, '2026-11-30T13:00:00Z', '2026-11-30T14:00:00Z');
    const early = await at(riga, '2026-11-30T06:30:00Z', '2026-11-30T07:30:00Z');
    const yerevanMonday = await at(yerevan, '2026-11-30T05:00:00Z', '2026-11-30T06:00:00Z');

    const monday = await app.call(owner, 'home.appointments', {});
    expect(monday.next).toBe('2026-11-30');
    expect(monday.rows.map((r) => r.id)).toEqual([yerevanMonday.id, early.id, late.id]);
    expect(monday.total).toBe(3);
    // The dispatcher of Rīga alone sees Rīga's Monday.
    expect(await app.call(d.token, 'home.appointments', {})).toMatchObject({ next: '2026-11-30', total: 2 });

    // Once Monday comes, it is today again: no "next". (Sessions idle out over the days the clock jumps: log in afresh.)
    const on = async (instant: string) => {
      app.clock.set(instant);
      return app.login(OWNER.login, OWNER.password);
    };
    expect(await app.call(await on('2026-11-30T06:00:00Z'), 'home.appointments', {})).toMatchObject({ next: null, total: 3 });
    // Beyond the booking horizon nothing is looked for; within it, however far, the day is found.
    owner = await on('2026-11-30T09:00:00Z');
    const later = await at(riga, '2026-12-18T07:00:00Z', '2026-12-18T08:00:00Z');
    expect(await app.call(await on('2026-12-02T08:00:00Z'), 'home.appointments', {})).toEqual({ rows: [], total: 0, next: null });
    expect(await app.call(await on('2026-12-04T08:00:00Z'), 'home.appointments', {})).toMatchObject({ next: '2026-12-18', rows: [{ id: later.id }] });
  });

  it('shows approvals waiting: the queue to decide for those who approve, the caller\'s own requests for the others', async () => {
    const settings = await app.call(owner, 'interventions.settings', {});
    await app.call(owner, 'interventions.setSettings', { ...settings, approvals: true });
    const d = await staff('disp.asks', 'dispatcher');
    const other = await staff('disp.quiet', 'dispatcher');
    const c = await app.call(d.token, 'interventions.create', draft(riga));
    await app.call(d.token, 'interventions.cancel', { id: c.id, version: c.version, reason: 'Duplicate call' });

    expect(await app.call(owner, 'home.approvals', {})).toMatchObject({ decides: true, rows: [{ interventionId: c.id, kind: 'cancel', reason: 'Duplicate call' }] });
    expect(await app.call(d.token, 'home.approvals', {})).toMatchObject({ decides: false, rows: [{ interventionId: c.id, requestedBy: 'disp.asks' }] });
    expect(await app.call(other.token, 'home.approvals', {})).toEqual({ decides: false, rows: [] });
    // A manager of another branch sees nothing of Rīga's.
    const far = await staff('manager.yerevan', 'branch_manager', yerevan);
    expect(await app.call(far.token, 'home.approvals', {})).toEqual({ decides: true, rows: [] });
  });

  it('refuses every section to a role without the interventions read right, in main, and changes nothing', async () => {
    const tech = await staff('tech.noread', 'employee');
    const view = await app.call(tech.token, 'views.save', { module: 'interventions', kind: 'view', name: 'Mine', shared: false, config: '{}' });
    await app.call(tech.token, 'views.setFavorite', { id: view.id, favorite: true });
    await app.call(tech.token, 'favorites.setScreen', { screen: 'clients', on: true });
    const before = snapshotDb(app.core);
    // The role matrix is fixed in code today: take the right away for this test, as an organization's own matrix could.
    const granted = ROLE_GRANTS.employee.interventions;
    delete ROLE_GRANTS.employee.interventions;
    try {
      for (const name of ['home.openInterventions', 'home.appointments', 'home.approvals'] as const) {
        expect(await app.raw(tech.token, name, {}), name).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.forbidden' } });
      }
      // Their favorites still answer, without the intervention view they can no longer open.
      expect((await app.call(tech.token, 'favorites.list', {})).map((f) => f.screen)).toEqual(['clients']);
    } finally {
      ROLE_GRANTS.employee.interventions = granted;
    }
    expect(snapshotDb(app.core)).toBe(before);
  });
});
