import { describe, expect, it } from 'vitest';
import type { PushEvent } from '../../../api/events';
import { userWithRole, withCtx, type TestApp } from '../../../testing/harness';
import { setVisitReminder } from '..';
import { at, refusedUnchanged, withClinic, type Clinic } from './visitFixtures';

let app: TestApp;
let owner: string;
let c: Clinic;
withClinic((t) => ({ app, owner, c } = t));

/** Each booking takes the next free working half hour of Wednesday (lunch is 13:00–14:00). */
const slots = ['09', '10', '11', '12', '14', '15', '16'].flatMap((h) => [`${h}:00`, `${h}:30`]);
const book = (over: Record<string, unknown> = {}) =>
  app.call(c.clerk, 'visits.book', { userId: c.doctor.id, clientId: c.clientId, serviceId: c.serviceId, start: at(slots.shift()!, '2026-11-25'), durationMin: 30, ...over });

const refusedWithoutWrites = (token: string, name: Parameters<TestApp['raw']>[1], input: unknown) => refusedUnchanged(app, token, name, input);

describe('arrival, payments, cancellation', () => {
  it('marks arrived and no-show, and back to booked', async () => {
    const v = await book();
    const arrived = await app.call(c.clerk, 'visits.setAttendance', { id: v.id, version: v.version, status: 'arrived' });
    expect(arrived.status).toBe('arrived');
    const back = await app.call(c.doctor.token, 'visits.setAttendance', { id: v.id, version: arrived.version, status: 'booked' });
    const gone = await app.call(c.clerk, 'visits.setAttendance', { id: v.id, version: back.version, status: 'no_show' });
    expect(gone.status).toBe('no_show');
    const brk = await app.call(c.clerk, 'visits.bookBreak', { userId: c.doctor.id, branchId: c.branchId, start: at('17:00', '2026-11-25'), durationMin: 30 });
    expect(await refusedWithoutWrites(c.clerk, 'visits.setAttendance', { id: brk.id, version: brk.version, status: 'arrived' })).toMatchObject({ key: 'errors.visit_attendance_break' });
  });

  it('takes partial payments until €€ clears; more than is owed is refused', async () => {
    const v = await book();
    const half = await app.call(c.clerk, 'visits.addPayment', { id: v.id, version: v.version, method: 'cash', amountMinor: 2000 });
    expect(half).toMatchObject({ paidMinor: 2000, unpaid: true });
    expect(await refusedWithoutWrites(c.clerk, 'visits.addPayment', { id: v.id, version: half.version, method: 'card', amountMinor: 2600 })).toMatchObject({
      key: 'errors.visit_payment_over_owed',
      field: 'amountMinor',
      params: { owed: '€25.00' },
    });
    const paid = await app.call(c.clerk, 'visits.addPayment', { id: v.id, version: half.version, method: 'card', amountMinor: 2500, note: 'Visa' });
    expect(paid).toMatchObject({ paidMinor: 4500, unpaid: false });
    expect(paid.payments.map((p) => [p.method, p.amountMinor])).toEqual([
      ['cash', 2000],
      ['card', 2500],
    ]);
    const [event] = await app.call(c.clerk, 'visits.range', { from: paid.start, to: paid.end, userIds: [c.doctor.id] });
    expect(event).toMatchObject({ id: v.id, unpaid: false });
    expect(await refusedWithoutWrites(c.clerk, 'visits.update', { id: v.id, version: paid.version, userId: c.doctor.id, start: paid.start, durationMin: 30, lines: [] })).toMatchObject({
      key: 'errors.visit_total_below_paid',
      params: { paid: '€45.00' },
    });
  });

  it('cancels with a reason, which frees the time', async () => {
    const v = await book();
    expect((await app.raw(c.clerk, 'visits.cancel', { id: v.id, version: v.version, reason: '' })).ok).toBe(false);
    const cancelled = await app.call(c.clerk, 'visits.cancel', { id: v.id, version: v.version, reason: 'Client is ill' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Client is ill', unpaid: false });
    const again = await app.call(c.clerk, 'visits.book', { userId: c.doctor.id, clientId: c.client2Id, serviceId: c.serviceId, start: v.start, durationMin: 30 });
    expect(again.start).toBe(v.start);
    const shown = await app.call(c.clerk, 'visits.range', { from: v.start, to: v.end, userIds: [c.doctor.id] });
    expect(shown.map((e) => e.id)).toEqual([again.id]);
    const all = await app.call(c.clerk, 'visits.range', { from: v.start, to: v.end, userIds: [c.doctor.id], includeCancelled: true });
    expect(all.map((e) => e.id).sort()).toEqual([v.id, again.id].sort());
    expect(await refusedWithoutWrites(c.clerk, 'visits.move', { id: v.id, version: cancelled.version, userId: c.doctor.id, start: at('16:00', '2026-11-25'), end: at('16:30', '2026-11-25') })).toMatchObject({
      key: 'errors.visit_cancelled',
    });
  });

  it('a locked month refuses marks on its visits', async () => {
    const v = await app.call(c.clerk, 'visits.book', { userId: c.doctor.id, clientId: c.clientId, serviceId: c.serviceId, start: at('10:00', '2026-12-01'), durationMin: 30 });
    await app.call(owner, 'periods.lock', { month: '2026-12' });
    expect(await refusedWithoutWrites(c.clerk, 'visits.setAttendance', { id: v.id, version: v.version, status: 'arrived' })).toMatchObject({ code: 'locked_period' });
    await app.call(owner, 'periods.unlock', { month: '2026-12' });
  });
});

describe('deletion', () => {
  it('only owners and administrators delete; the confirmation names what goes with it; lines and payments go too, audited', async () => {
    const v = await book();
    const paid = await app.call(c.clerk, 'visits.addPayment', { id: v.id, version: v.version, method: 'transfer', amountMinor: 1000 });
    const manager = await userWithRole(app, owner, 'branch_manager');
    for (const token of [manager.token, c.clerk, c.doctor.token]) {
      expect(await refusedWithoutWrites(token, 'visits.delete', { id: v.id, version: paid.version })).toMatchObject({ code: 'forbidden' });
      expect((await app.raw(token, 'visits.deletionImpact', { id: v.id })).ok).toBe(false);
    }
    expect(await app.call(owner, 'visits.deletionImpact', { id: v.id })).toEqual({ payments: 1, lines: 1, reminders: 0 });
    await app.call(owner, 'visits.delete', { id: v.id, version: paid.version });
    const live = (table: string) => Number(app.core.sqlite.prepare(`select count(*) from ${table} where visit_id = ? and deleted_at is null`).pluck().get(v.id));
    expect([live('visit_line'), live('visit_payment')]).toEqual([0, 0]);
    expect((await app.raw(owner, 'visits.get', { id: v.id })).ok).toBe(false);
    const entry = app.core.sqlite.prepare(`select action, summary from audit_log where entity_id = ? order by rowid desc`).get(v.id) as { action: string; summary: string };
    expect(entry.action).toBe('delete');
    expect(entry.summary).toContain('1 payments');
  });
});

describe('the client and the picker', () => {
  it("lists a client's visits and the caller's recent clients, newest first", async () => {
    const first = await book({ clientId: c.client2Id });
    app.clock.advance(60_000);
    await book({ clientId: c.clientId });
    const recent = await app.call(c.clerk, 'visits.recentClients', { limit: 10 });
    expect(recent.map((r) => r.name)).toEqual(['Jonas Petraitis', 'Rūta Kazlauskienė']);
    const theirs = await app.call(c.clerk, 'visits.ofClient', { clientId: c.client2Id, limit: 50 });
    expect(theirs.map((e) => e.id)).toContain(first.id);
    expect(new Set(theirs.map((e) => e.clientId))).toEqual(new Set([c.client2Id]));
  });
});

describe('reminder colour', () => {
  it('setVisitReminder writes through the funnel (audited, recorded) and pushes visits.changed, with or without a session', async () => {
    const v = await book();
    const events: PushEvent[] = [];
    const off = app.core.bus.on((e) => events.push(e));
    const me = await app.call(owner, 'auth.me', {});
    await withCtx(app, null, (ctx) => setVisitReminder({ ...ctx, emit: (name, payload, scope) => events.push({ name, payload, orgId: me!.orgId, ...scope } as PushEvent) }, v.id, 'will_come'));
    off();
    expect(events).toContainEqual(expect.objectContaining({ name: 'visits.changed', payload: { ids: [v.id], branchIds: [c.branchId] } }));
    const after = await app.call(c.clerk, 'visits.get', { id: v.id });
    expect(after).toMatchObject({ reminder: 'will_come', version: v.version + 1 });
    const changes = Number(app.core.sqlite.prepare(`select count(*) from change_log where row_id = ? and table_name = 'visit'`).pluck().get(v.id));
    expect(changes).toBe(2);
    await withCtx(app, me, (ctx) => setVisitReminder(ctx, v.id, 'no_answer'));
    expect((await app.call(c.clerk, 'visits.get', { id: v.id })).reminder).toBe('no_answer');
  });
});
