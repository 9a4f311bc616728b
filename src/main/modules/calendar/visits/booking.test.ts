import { describe, expect, it } from 'vitest';
import type { PushEvent } from '../../../api/events';
import { addStaff, type TestApp } from '../../../testing/harness';
import { at, refusedUnchanged, withClinic, type Clinic } from './visitFixtures';

let app: TestApp;
let owner: string;
let c: Clinic;
withClinic((t) => ({ app, owner, c } = t));

const visit = (over: Record<string, unknown> = {}) => ({ userId: c.doctor.id, clientId: c.clientId, serviceId: c.serviceId, start: at('11:30'), durationMin: 30, ...over });

const refused = (token: string, name: 'visits.book' | 'visits.bookBreak' | 'visits.move' | 'visits.update', input: unknown) => refusedUnchanged(app, token, name, input);

const auditCount = (entityId: string) => Number(app.core.sqlite.prepare(`select count(*) from audit_log where entity_id = ?`).pluck().get(entityId));

describe('booking by slot', () => {
  it('books 11:30 with the main service as its line, total and €€, audited once, announced after commit', async () => {
    const events: PushEvent[] = [];
    const off = app.core.bus.on((e) => events.push(e));
    const v = await app.call(c.clerk, 'visits.book', visit({ firstConsultation: true, notes: 'Back pain' }));
    off();
    expect(v).toMatchObject({ kind: 'visit', status: 'booked', clientName: 'Jonas Petraitis', serviceName: 'Consultation', start: at('11:30'), end: at('12:00') });
    expect(v).toMatchObject({ firstConsultation: true, asap: false, reminder: 'none', totalMinor: 4500, paidMinor: 0, unpaid: true, currency: 'EUR', timeZone: 'Europe/Riga' });
    expect(v.lines).toEqual([expect.objectContaining({ kind: 'service', serviceId: c.serviceId, name: 'Consultation', quantity: 1, priceMinor: 4500 })]);
    expect(auditCount(v.id)).toBe(1);
    expect(events.filter((e) => e.name === 'visits.changed')).toContainEqual(expect.objectContaining({ payload: { ids: [v.id], branchIds: [c.branchId] }, branchIds: [c.branchId] }));

    const week = await app.call(c.clerk, 'visits.range', { from: at('00:00', '2026-11-23'), to: at('00:00', '2026-11-30'), branchId: c.branchId });
    expect(week.map((e) => e.id)).toContain(v.id);
  });

  it('refuses a visit overlapping another of the same employee, naming it on the branch clock; nothing written', async () => {
    const e = await refused(c.clerk, 'visits.book', visit({ clientId: c.client2Id, start: at('11:45') }));
    expect(e).toMatchObject({ code: 'conflict', key: 'errors.visit_overlap', field: 'start', params: { client: 'Jonas Petraitis', start: '2026-11-24 11:30', end: '12:00' } });
  });

  it('takes the slot right after, and the same time of another employee', async () => {
    await app.call(c.clerk, 'visits.book', visit({ clientId: c.client2Id, start: at('12:00') }));
    await app.call(c.clerk, 'visits.book', visit({ clientId: c.client2Id, userId: c.nurse.id }));
  });

  it('a break blocks the time like a visit, and the refusal says it is a break', async () => {
    const b = await app.call(c.clerk, 'visits.bookBreak', { userId: c.doctor.id, start: at('10:00'), durationMin: 30, branchId: c.branchId });
    expect(b).toMatchObject({ kind: 'break', clientId: null, totalMinor: 0, unpaid: false });
    const e = await refused(c.clerk, 'visits.book', visit({ start: at('09:45') }));
    expect(e).toMatchObject({ key: 'errors.visit_overlap', params: { context: 'break', start: '2026-11-24 10:00', end: '10:30' } });
  });

  it('the branch is the employee’s only one; one who works in two must be given it', async () => {
    const derived = await app.call(c.clerk, 'visits.bookBreak', { userId: c.doctor.id, start: at('16:00'), durationMin: 30 });
    expect(derived.branchId).toBe(c.branchId);
    const second = await app.call(owner, 'branches.create', { name: 'Jūrmala', timeZone: 'Europe/Riga' });
    const both = await app.call(owner, 'users.create', { login: 'two.branches', password: 'password-123', name: 'Two Branches', role: 'employee', language: 'en', branchIds: [c.branchId, second.id] });
    const e = await refused(owner, 'visits.bookBreak', { userId: both.id, start: at('16:00'), durationMin: 30, outsideHoursConfirmed: true });
    expect(e).toMatchObject({ key: 'errors.visit_branch_required', field: 'branchId' });
    const given = await app.call(owner, 'visits.bookBreak', { userId: both.id, start: at('16:00'), durationMin: 30, outsideHoursConfirmed: true, branchId: second.id });
    expect(given.branchId).toBe(second.id);
  });

  it('outside working hours asks for confirmation, naming the day’s hours; confirmed, it books', async () => {
    const lunch = await refused(c.clerk, 'visits.book', visit({ start: at('13:15') }));
    expect(lunch).toMatchObject({ code: 'validation', key: 'errors.visit_outside_hours', field: 'start', params: { start: '13:15', end: '13:45', hours: '09:00–13:00, 14:00–18:00' } });
    const saturday = await refused(c.clerk, 'visits.book', visit({ start: at('10:00', '2026-11-28') }));
    expect(saturday).toMatchObject({ key: 'errors.visit_outside_hours', params: { context: 'day_off', hours: '' } });
    const late = await refused(c.clerk, 'visits.book', visit({ start: at('17:45') }));
    expect(late.key).toBe('errors.visit_outside_hours');
    const ok = await app.call(c.clerk, 'visits.book', visit({ start: at('13:15'), outsideHoursConfirmed: true }));
    expect(ok.start).toBe(at('13:15'));
  });

  it('refuses a client of nowhere, a person outside the branch, a locked month and a date past the window', async () => {
    expect(await refused(c.clerk, 'visits.book', visit({ clientId: '0190f0f0-0000-7000-8000-000000000000', start: at('15:00') }))).toMatchObject({ key: 'errors.client_not_found', field: 'clientId' });
    const elsewhere = await app.call(owner, 'branches.create', { name: 'Kaunas', timeZone: 'Europe/Vilnius' });
    const stranger = await addStaff(app, owner, 'stranger', 'employee', elsewhere.id);
    expect(await refused(c.clerk, 'visits.book', visit({ userId: stranger.id, start: at('15:00') }))).toMatchObject({ field: 'userId' });
    await app.call(owner, 'periods.lock', { month: '2026-12' });
    expect(await refused(c.clerk, 'visits.book', visit({ start: at('10:00', '2026-12-01') }))).toMatchObject({ code: 'locked_period', field: 'start' });
    await app.call(owner, 'periods.unlock', { month: '2026-12' });
    expect(await refused(c.clerk, 'visits.book', visit({ start: at('10:00', '2037-01-06') }))).toMatchObject({ key: 'errors.date_out_of_range', field: 'start' });
  });

  it('an employee books and sees only their own calendar', async () => {
    const own = await app.call(c.nurse.token, 'visits.book', visit({ userId: c.nurse.id, start: at('15:00') }));
    expect(await refused(c.nurse.token, 'visits.book', visit({ userId: c.doctor.id, start: at('15:00') }))).toMatchObject({ code: 'forbidden', key: 'errors.visit_own_calendar' });
    const seen = await app.call(c.nurse.token, 'visits.range', { from: at('00:00'), to: at('23:59') });
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(seen.map((e) => e.userId))).toEqual(new Set([c.nurse.id]));
    expect(seen.map((e) => e.id)).toContain(own.id);
    const doctors = await app.call(c.clerk, 'visits.range', { from: at('00:00'), to: at('23:59'), userIds: [c.doctor.id] });
    const r = await app.raw(c.nurse.token, 'visits.get', { id: doctors[0]!.id });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'not_found', key: 'errors.visit_not_found' });
  });
});

describe('moving and editing', () => {
  it('drags to a free time and to another employee; onto a busy time it is refused and stays', async () => {
    const v = await app.call(c.clerk, 'visits.book', visit({ start: at('09:00', '2026-11-25') }));
    const slid = await app.call(c.clerk, 'visits.move', { id: v.id, version: v.version, userId: c.doctor.id, start: at('09:15', '2026-11-25'), end: at('10:00', '2026-11-25') });
    expect(slid).toMatchObject({ start: at('09:15', '2026-11-25'), end: at('10:00', '2026-11-25'), version: v.version + 1 });
    const other = await app.call(c.clerk, 'visits.book', visit({ clientId: c.client2Id, start: at('11:00', '2026-11-25') }));
    const e = await refused(c.clerk, 'visits.move', { id: other.id, version: other.version, userId: c.doctor.id, start: at('09:30', '2026-11-25'), end: at('10:00', '2026-11-25') });
    expect(e).toMatchObject({ key: 'errors.visit_overlap', params: { client: 'Jonas Petraitis', start: '2026-11-25 09:15', end: '10:00' } });
    const moved = await app.call(c.clerk, 'visits.move', { id: other.id, version: other.version, userId: c.nurse.id, start: at('09:30', '2026-11-25'), end: at('10:00', '2026-11-25') });
    expect(moved.userId).toBe(c.nurse.id);
    expect(await refused(c.clerk, 'visits.move', { id: other.id, version: other.version, userId: c.nurse.id, start: at('10:30', '2026-11-25'), end: at('11:00', '2026-11-25') })).toMatchObject({ key: 'errors.stale' });
  });

  it('edits the form: lines replace the old ones and make the total; time checked like a booking', async () => {
    const v = await app.call(c.clerk, 'visits.book', visit({ start: at('15:00', '2026-11-26') }));
    const edited = await app.call(c.clerk, 'visits.update', {
      id: v.id,
      version: v.version,
      userId: c.doctor.id,
      start: at('15:00', '2026-11-26'),
      durationMin: 60,
      serviceId: c.serviceId,
      asap: true,
      lines: [
        { kind: 'service', serviceId: c.serviceId, name: 'Consultation', quantity: 1, priceMinor: 4500 },
        { kind: 'product', name: 'Bandage', quantity: 2, priceMinor: 350 },
      ],
    });
    expect(edited).toMatchObject({ end: at('16:00', '2026-11-26'), asap: true, totalMinor: 5200 });
    expect(edited.lines.map((l) => l.name)).toEqual(['Consultation', 'Bandage']);
    const blocker = await app.call(c.clerk, 'visits.book', visit({ start: at('16:00', '2026-11-26') }));
    expect(await refused(c.clerk, 'visits.update', { id: blocker.id, version: blocker.version, userId: c.doctor.id, start: at('15:30', '2026-11-26'), durationMin: 30 })).toMatchObject({
      key: 'errors.visit_overlap',
    });
  });
});
