import { beforeAll, describe, expect, it } from 'vitest';
import { withTestOrg } from '../../../testing/fixtures';
import { addStaff, snapshotDb, type TestApp } from '../../../testing/harness';
import { recordImported } from '../../../api/funnel';

let app: TestApp;
let owner: string;
let riga: string;
let yerevan: string;
let manager: string;
let dispatcher: string;
let employee: string;
let doctor: string;
let nurse: string;
let armen: string;
withTestOrg('file', (o) => {
  app = o.app;
  owner = o.owner;
});
beforeAll(async () => {
  riga = (await app.call(owner, 'branches.list', {}))[0]!.id;
  yerevan = (await app.call(owner, 'branches.create', { name: 'Yerevan', timeZone: 'Asia/Yerevan' })).id;
  await addStaff(app, owner, 'manager.sched', 'branch_manager', riga);
  await addStaff(app, owner, 'dispatcher.sched', 'dispatcher', riga);
  doctor = (await addStaff(app, owner, 'doctor.sched', 'employee', riga)).id;
  nurse = (await addStaff(app, owner, 'nurse.sched', 'employee', riga)).id;
  armen = (await addStaff(app, owner, 'armen.sched', 'employee', yerevan)).id;
  manager = await app.login('manager.sched', 'password-123');
  dispatcher = await app.login('dispatcher.sched', 'password-123');
  employee = await app.login('doctor.sched', 'password-123');
});

const NINE_TO_SIX = { '1': [['09:00', '18:00']], '2': [['09:00', '18:00']], '3': [['09:00', '18:00']], '4': [['09:00', '18:00']], '5': [['09:00', '18:00']], '6': [['09:00', '18:00']], '7': [['09:00', '18:00']] } as const;
const LUNCH = [['09:00', '13:00'], ['14:00', '18:00']] as [string, string][];

async function weekOf(token: string, branchId: string, userId: string) {
  return (await app.call(token, 'schedule.weeks', { branchId })).find((w) => w.userId === userId)!;
}
async function setWeek(token: string, branchId: string, userId: string, week: Record<string, [string, string][] | readonly (readonly [string, string])[]>) {
  const before = await weekOf(owner, branchId, userId);
  return app.call(token, 'schedule.setWeek', { branchId, userId, week: week as never, version: before?.version ?? 0 });
}
const working = async (token: string, branchId: string, userId: string, from: string, to: string) =>
  (await app.call(token, 'schedule.working', { branchId, userIds: [userId], from, to })).find((r) => r.userId === userId)?.spans;

describe("working hours on the branch's clock", () => {
  it('keeps 09:00–18:00 in Riga across both clock changes of 2026', async () => {
    await setWeek(manager, riga, nurse, NINE_TO_SIX);
    // 28 March is still winter (UTC+2), 29 March summer (UTC+3); 25 October back to winter.
    expect(await working(manager, riga, nurse, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toEqual([
      { start: '2026-03-28T07:00:00.000Z', end: '2026-03-28T16:00:00.000Z' },
      { start: '2026-03-29T06:00:00.000Z', end: '2026-03-29T15:00:00.000Z' },
    ]);
    expect(await working(manager, riga, nurse, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z')).toEqual([
      { start: '2026-10-24T06:00:00.000Z', end: '2026-10-24T15:00:00.000Z' },
      { start: '2026-10-25T07:00:00.000Z', end: '2026-10-25T16:00:00.000Z' },
    ]);
  });

  it("reads a branch east of UTC from its own day's start, before the range's UTC date, and clips to the range", async () => {
    await app.call(owner, 'schedule.createException', { branchId: yerevan, userId: armen, kind: 'extra', dayFrom: '2026-03-02', dayTo: '2026-03-02', intervals: [['00:00', '03:00']], note: null });
    // Yerevan is UTC+4: its 2 March starts at 20:00Z on the 1st.
    expect(await working(owner, yerevan, armen, '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z')).toEqual([{ start: '2026-03-01T20:00:00.000Z', end: '2026-03-01T23:00:00.000Z' }]);
    expect(await working(owner, yerevan, armen, '2026-03-01T21:30:00Z', '2026-03-01T22:00:00Z')).toEqual([{ start: '2026-03-01T21:30:00.000Z', end: '2026-03-01T22:00:00.000Z' }]);
  });

  it('takes breaks, a vacation, a sick day, a partial day off and extra hours from the week', async () => {
    const week = { '1': LUNCH, '2': LUNCH, '3': LUNCH, '4': LUNCH, '5': LUNCH, '6': [['09:00', '13:00']] as [string, string][] };
    const saved = await setWeek(manager, riga, doctor, week);
    expect(saved).toMatchObject({ userId: doctor, userName: 'doctor.sched', week, version: 1 });
    const ex = (kind: 'vacation' | 'sick' | 'day_off' | 'extra', dayFrom: string, dayTo: string, intervals: [string, string][] | null) =>
      app.call(manager, 'schedule.createException', { branchId: riga, userId: doctor, kind, dayFrom, dayTo, intervals, note: null });
    await ex('vacation', '2026-11-30', '2026-12-01', null); // Mon–Tue
    await ex('sick', '2026-12-02', '2026-12-02', null); // Wed
    await ex('day_off', '2026-12-03', '2026-12-03', [['16:00', '18:00']]); // Thu: leaves at four
    await ex('extra', '2026-12-06', '2026-12-06', [['10:00', '12:00']]); // Sun
    const spans = await working(manager, riga, doctor, '2026-11-29T22:00:00Z', '2026-12-06T22:00:00Z');
    expect(spans).toEqual([
      { start: '2026-12-03T07:00:00.000Z', end: '2026-12-03T11:00:00.000Z' },
      { start: '2026-12-03T12:00:00.000Z', end: '2026-12-03T14:00:00.000Z' },
      { start: '2026-12-04T07:00:00.000Z', end: '2026-12-04T11:00:00.000Z' },
      { start: '2026-12-04T12:00:00.000Z', end: '2026-12-04T16:00:00.000Z' },
      { start: '2026-12-05T07:00:00.000Z', end: '2026-12-05T11:00:00.000Z' },
      { start: '2026-12-06T08:00:00.000Z', end: '2026-12-06T10:00:00.000Z' },
    ]);
    const listed = await app.call(manager, 'schedule.exceptions', { branchId: riga, userId: doctor, from: '2026-12-01', to: '2026-12-03' });
    expect(listed.map((e) => e.kind)).toEqual(['vacation', 'sick', 'day_off']);
  });

  it('lists everyone who works in the branch, with a week or not yet', async () => {
    const weeks = await app.call(manager, 'schedule.weeks', { branchId: riga });
    expect(weeks.map((w) => w.userName)).toEqual(['dispatcher.sched', 'doctor.sched', 'manager.sched', 'nurse.sched']);
    expect(weeks.find((w) => w.userName === 'dispatcher.sched')).toMatchObject({ id: null, week: {}, version: 0 });
  });

  it("announces a change to the readers of the week's branch, after commit", async () => {
    const heard: unknown[] = [];
    const off = app.core.bus.on((e) => heard.push({ name: e.name, payload: e.payload, branchIds: e.branchIds }));
    await setWeek(manager, riga, nurse, { '2': LUNCH });
    off();
    expect(heard).toEqual([{ name: 'schedule.changed', payload: { branchIds: [riga] }, branchIds: [riga] }]);
  });

  it('changes a week on the version read, and refuses a stale one', async () => {
    const before = await weekOf(manager, riga, nurse);
    const after = await app.call(manager, 'schedule.setWeek', { branchId: riga, userId: nurse, week: { '1': LUNCH }, version: before.version });
    expect(after.version).toBe(before.version + 1);
    const stale = await app.raw(manager, 'schedule.setWeek', { branchId: riga, userId: nurse, week: { '2': LUNCH }, version: before.version });
    expect(stale).toMatchObject({ ok: false, error: { key: 'errors.stale' } });
    const again = await app.raw(manager, 'schedule.setWeek', { branchId: riga, userId: nurse, week: {}, version: 0 });
    expect(again).toMatchObject({ ok: false, error: { key: 'errors.stale' } });
  });
});

describe('what is refused, with a translated message, and nothing changes', () => {
  it('a week whose intervals overlap, or end before they start', async () => {
    const before = snapshotDb(app.core);
    const overlap = await app.raw(manager, 'schedule.setWeek', { branchId: riga, userId: doctor, week: { '1': [['09:00', '13:00'], ['12:00', '18:00']] }, version: 1 });
    expect(overlap).toMatchObject({ ok: false, error: { code: 'validation', key: 'errors.intervals_overlap', field: 'week.1.1' } });
    const backwards = await app.raw(manager, 'schedule.setWeek', { branchId: riga, userId: doctor, week: { '3': [['18:00', '09:00']] }, version: 1 });
    expect(backwards).toMatchObject({ ok: false, error: { key: 'errors.interval_order', field: 'week.3.0' } });
    const badTime = await app.raw(manager, 'schedule.setWeek', { branchId: riga, userId: doctor, week: { '3': [['9', '18:00']] }, version: 1 });
    expect(badTime).toMatchObject({ ok: false, error: { key: 'errors.invalid_time', field: 'week.3.0.0' } });
    expect(snapshotDb(app.core)).toBe(before);
  });

  it('an exception ending before it starts, extra hours without times, one in a locked month', async () => {
    const base = { branchId: riga, userId: doctor, kind: 'vacation' as const, intervals: null, note: null };
    const before = snapshotDb(app.core);
    expect(await app.raw(manager, 'schedule.createException', { ...base, dayFrom: '2026-12-10', dayTo: '2026-12-09' })).toMatchObject({
      ok: false,
      error: { key: 'errors.schedule_exception_order', field: 'dayTo' },
    });
    expect(await app.raw(manager, 'schedule.createException', { ...base, kind: 'extra', dayFrom: '2026-12-10', dayTo: '2026-12-10' })).toMatchObject({
      ok: false,
      error: { key: 'errors.schedule_extra_needs_hours', field: 'intervals' },
    });
    expect(await app.raw(manager, 'schedule.createException', { ...base, dayFrom: '2026-01-01', dayTo: '2027-06-01' })).toMatchObject({
      ok: false,
      error: { key: 'errors.schedule_exception_too_long', field: 'dayTo' },
    });
    expect(snapshotDb(app.core)).toBe(before);
    await app.call(owner, 'periods.lock', { month: '2026-10' });
    expect(await app.raw(manager, 'schedule.createException', { ...base, dayFrom: '2026-10-30', dayTo: '2026-11-02' })).toMatchObject({
      ok: false,
      error: { code: 'locked_period', key: 'errors.period_locked' },
    });
  });

  it('hours for someone who does not work in the branch', async () => {
    const before = snapshotDb(app.core);
    expect(await app.raw(manager, 'schedule.setWeek', { branchId: riga, userId: armen, week: { '1': LUNCH }, version: 0 })).toMatchObject({ ok: false, error: { field: 'userId' } });
    expect(await app.raw(owner, 'schedule.setWeek', { branchId: riga, userId: armen, week: { '1': LUNCH }, version: 0 })).toMatchObject({
      ok: false,
      error: { key: 'errors.assignee_not_in_branch', field: 'userId' },
    });
    expect(snapshotDb(app.core)).toBe(before);
  });

  it('setting hours without the approve right; an employee reads only their own hours', async () => {
    expect(await app.raw(dispatcher, 'schedule.setWeek', { branchId: riga, userId: nurse, week: {}, version: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.raw(employee, 'services.create', { branchId: riga, name: 'X', durationMin: 30, priceMinor: 0, currency: 'EUR', colour: '#336699', performerIds: [] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await app.call(employee, 'schedule.weeks', { branchId: riga })).map((w) => w.userId)).toEqual([doctor]);
    expect((await app.call(employee, 'schedule.working', { branchId: riga, from: '2026-12-04T00:00:00Z', to: '2026-12-05T00:00:00Z' })).map((w) => w.userId)).toEqual([doctor]);
    expect(await app.call(employee, 'schedule.working', { branchId: riga, userIds: [nurse], from: '2026-12-04T00:00:00Z', to: '2026-12-05T00:00:00Z' })).toEqual([]);
    const theirs = await app.call(employee, 'schedule.exceptions', { branchId: riga, from: '2026-01-01', to: '2026-12-31' });
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((e) => e.userId === doctor)).toBe(true);
  });

  it('a range that ends before it starts, or is longer than two months', async () => {
    expect(await app.raw(manager, 'schedule.working', { branchId: riga, from: '2026-12-05T00:00:00Z', to: '2026-12-04T00:00:00Z' })).toMatchObject({ ok: false, error: { key: 'errors.schedule_range_order', field: 'to' } });
    expect(await app.raw(manager, 'schedule.working', { branchId: riga, from: '2026-01-01T00:00:00Z', to: '2026-12-04T00:00:00Z' })).toMatchObject({
      ok: false,
      error: { key: 'errors.schedule_range_too_long', params: { days: 62 } },
    });
  });
});

describe('exceptions are changed and removed', () => {
  it('moves a vacation and deletes a sick day; the hours follow', async () => {
    const [vacation, sick] = await app.call(manager, 'schedule.exceptions', { branchId: riga, userId: doctor, from: '2026-11-30', to: '2026-12-02' });
    await app.call(manager, 'schedule.updateException', { id: vacation!.id, version: vacation!.version, branchId: riga, userId: doctor, kind: 'vacation', dayFrom: '2026-12-07', dayTo: '2026-12-07', intervals: null, note: 'Moved' });
    await app.call(manager, 'schedule.deleteException', { id: sick!.id });
    const spans = await working(manager, riga, doctor, '2026-11-29T22:00:00Z', '2026-12-02T22:00:00Z');
    expect(spans).toHaveLength(6);
    expect(await working(manager, riga, doctor, '2026-12-06T22:00:00Z', '2026-12-07T22:00:00Z')).toEqual([]);
    expect(await app.raw(manager, 'schedule.deleteException', { id: sick!.id })).toMatchObject({ ok: false, error: { key: 'errors.schedule_exception_not_found' } });
  });
});

describe('services', () => {
  it('are listed per branch by name, with performers who work there; inactive ones only when asked', async () => {
    const input = { branchId: riga, durationMin: 30, priceMinor: 3500, currency: 'EUR', colour: '#2b8a3e', performerIds: [doctor, nurse, doctor] };
    const consult = await app.call(manager, 'services.create', { ...input, name: 'Konsultacija' });
    expect(consult).toMatchObject({ name: 'Konsultacija', performerIds: [doctor, nurse], active: true, version: 1 });
    const massage = await app.call(manager, 'services.create', { ...input, name: 'Masažas', durationMin: 60 });
    const { branchId: _b, ...fields } = input;
    await app.call(manager, 'services.update', { ...fields, id: massage.id, version: massage.version, name: 'Masažas', active: false });
    expect((await app.call(dispatcher, 'services.list', { branchId: riga })).map((s) => s.name)).toEqual(['Konsultacija']);
    expect((await app.call(dispatcher, 'services.list', { branchId: riga, includeInactive: true })).map((s) => s.name)).toEqual(['Konsultacija', 'Masažas']);
  });

  it('refuses a name used twice in a branch (case and accents aside), a performer of another branch, nothing changed', async () => {
    const before = snapshotDb(app.core);
    const base = { branchId: riga, durationMin: 30, priceMinor: 0, currency: 'EUR', colour: '#2b8a3e', performerIds: [] };
    expect(await app.raw(manager, 'services.create', { ...base, name: ' konsultacija' })).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errors.service_name_taken', field: 'name' } });
    expect(await app.raw(manager, 'services.create', { ...base, name: 'Masazas' })).toMatchObject({ ok: false, error: { key: 'errors.service_name_taken' } });
    expect(await app.raw(owner, 'services.create', { ...base, name: 'Echo', performerIds: [armen] })).toMatchObject({
      ok: false,
      error: { key: 'errors.assignee_not_in_branch', field: 'performerIds' },
    });
    expect(await app.raw(manager, 'services.create', { ...base, name: 'Echo', colour: 'red' })).toMatchObject({ ok: false, error: { field: 'colour' } });
    expect(snapshotDb(app.core)).toBe(before);
    // Another branch may have its own.
    expect(await app.call(owner, 'services.create', { ...base, branchId: yerevan, currency: 'AMD', name: 'Konsultacija' })).toMatchObject({ name: 'Konsultacija' });
  });

  it('deletes a service no booked visit uses, and writes audit and change records under the calendar', async () => {
    const echo = await app.call(manager, 'services.create', { branchId: riga, name: 'Echo', durationMin: 20, priceMinor: 0, currency: 'EUR', colour: '#1864ab', performerIds: [] });
    await app.call(manager, 'services.delete', { id: echo.id });
    expect((await app.call(manager, 'services.list', { branchId: riga, includeInactive: true })).map((s) => s.name)).not.toContain('Echo');
    const audit = app.core.sqlite.prepare(`select module, action from audit_log where entity_id = ? order by at`).all(echo.id);
    expect(audit).toEqual([
      { module: 'calendar', action: 'create' },
      { module: 'calendar', action: 'delete' },
    ]);
    const changes = app.core.sqlite.prepare(`select op, branch_id from change_log where row_id = ? order by seq`).all(echo.id);
    expect(changes).toEqual([
      { op: 'insert', branch_id: riga },
      { op: 'delete', branch_id: riga },
    ]);
  });

  it('refuses to delete a service a booked visit uses (make it inactive instead); a cancelled one does not hold it', async () => {
    const [consult] = await app.call(manager, 'services.list', { branchId: riga });
    const orgId = (await app.call(owner, 'auth.me', {}))!.orgId;
    // A visit as the visits module books it, entered in the change record like an import.
    const visit = (id: string, status: string) =>
      app.core.sqlite
        .prepare(
          `insert into visit (id, org_id, created_at, updated_at, version, branch_id, user_id, kind, starts_at, ends_at, status, service_id, currency)
           values (?, ?, '2026-11-23T09:00:00.000Z', '2026-11-23T09:00:00.000Z', 1, ?, ?, 'visit', '2026-12-04T08:00:00.000Z', '2026-12-04T08:30:00.000Z', ?, ?, 'EUR')`,
        )
        .run(id, orgId, riga, doctor, status, consult!.id);
    visit('00000000-0000-7000-8000-000000000001', 'booked');
    visit('00000000-0000-7000-8000-000000000002', 'cancelled');
    recordImported(app.core.sqlite, 'visit');
    const before = snapshotDb(app.core);
    expect(await app.raw(manager, 'services.delete', { id: consult!.id })).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errors.service_in_use', params: { count: 1 } } });
    expect(snapshotDb(app.core)).toBe(before);
  });
});
