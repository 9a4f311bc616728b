import { describe, expect, it } from 'vitest';
import { withTestOrg } from '../../testing/fixtures';
import type { TestApp } from '../../testing/harness';
import { openReminderClinic, riga, type ReminderClinic } from './fixtures';

let app: TestApp;
let owner: string;
let c: ReminderClinic;
withTestOrg('file', async (o) => {
  ({ app, owner } = o);
  c = await openReminderClinic(app, owner);
});

const book = (start: string) => app.call(c.clerk, 'visits.book', { clientId: c.clientId, userId: c.doctorId, serviceId: c.serviceId, start, durationMin: 30 });

describe('planning a visit’s reminders', () => {
  it('plans the organization’s default (a day before, same wall-clock time) when a visit is booked', async () => {
    const v = await book(riga('2026-11-26T10:00'));
    const r = await app.call(c.clerk, 'reminders.ofVisit', { visitId: v.id });
    expect(r.offsets).toEqual(['1d']);
    expect(r.channel).toBe('voice');
    expect(r.reminders).toMatchObject([{ offset: '1d', state: 'planned', nextDueAt: riga('2026-11-25T10:00'), noneReason: null, attempts: 0 }]);
  });

  it('plans afresh for the new time when the visit moves, and keeps none open when it is cancelled', async () => {
    const v = await book(riga('2026-11-27T11:00'));
    const moved = await app.call(c.clerk, 'visits.move', { id: v.id, version: v.version, userId: c.doctorId, start: riga('2026-11-28T12:00'), end: riga('2026-11-28T12:30') });
    const after = await app.call(c.clerk, 'reminders.ofVisit', { visitId: v.id });
    expect(after.reminders).toMatchObject([{ offset: '1d', state: 'planned', nextDueAt: riga('2026-11-27T12:00') }]);
    await app.call(c.clerk, 'visits.cancel', { id: v.id, version: moved.version, reason: 'Ill' });
    expect((await app.call(c.clerk, 'reminders.ofVisit', { visitId: v.id })).reminders).toEqual([]);
  });

  it('moves a call due in quiet hours to their end, and says why when no time is left', async () => {
    // Due 2026-11-25 07:30 (quiet until 09:00), visit at 07:30 the next day: 09:00 is still before it.
    const early = await book(riga('2026-11-26T07:30'));
    expect((await app.call(c.clerk, 'reminders.ofVisit', { visitId: early.id })).reminders[0]).toMatchObject({ state: 'planned', nextDueAt: riga('2026-11-25T09:00') });
    // Booked on the 23rd at 11:00 for the 23rd 11:30 with a one-day reminder: its moment has passed.
    const soon = await book(riga('2026-11-23T11:30'));
    expect((await app.call(c.clerk, 'reminders.ofVisit', { visitId: soon.id })).reminders[0]).toMatchObject({ state: 'not_made', nextDueAt: null, noneReason: 'too_late' });
  });

  it('lets a clerk change one visit’s offsets and channel, re-planning at once', async () => {
    const v = await book(riga('2026-11-30T08:00'));
    const r = await app.call(c.clerk, 'reminders.setForVisit', { visitId: v.id, offsets: ['2d', '1h'], channel: 'voice_then_sms' });
    expect(r.channel).toBe('voice_then_sms');
    const byOffset = Object.fromEntries(r.reminders.filter((x) => x.state !== 'cancelled').map((x) => [x.offset, x.nextDueAt]));
    // An hour before ignores quiet hours (07:00); two days before is 08:00 on the 28th, inside quiet hours until 09:00.
    expect(byOffset).toEqual({ '2d': riga('2026-11-28T09:00'), '1h': riga('2026-11-30T07:00') });
  });

  it('keeps a clerk’s “no reminders” when the visit moves, until reminders are chosen again', async () => {
    const v = await book(riga('2026-12-02T10:00'));
    const none = await app.call(c.clerk, 'reminders.setForVisit', { visitId: v.id, offsets: [], channel: 'voice' });
    expect(none.offsets).toEqual([]);
    expect(none.reminders).toMatchObject([{ offset: '1d', state: 'cancelled', nextDueAt: null, noneReason: 'not_wanted' }]);
    const moved = await app.call(c.clerk, 'visits.move', { id: v.id, version: v.version, userId: c.doctorId, start: riga('2026-12-03T11:00'), end: riga('2026-12-03T11:30') });
    const after = await app.call(c.clerk, 'reminders.ofVisit', { visitId: v.id });
    expect(after.offsets).toEqual([]);
    expect(after.reminders.filter((r) => r.state !== 'cancelled')).toEqual([]);
    // Chosen again: the record of "none" goes, and the next move plans the new choice for the new time.
    const again = await app.call(c.clerk, 'reminders.setForVisit', { visitId: v.id, offsets: ['2h'], channel: 'voice' });
    expect(again.reminders).toMatchObject([{ offset: '2h', state: 'planned', nextDueAt: riga('2026-12-03T09:00') }]);
    await app.call(c.clerk, 'visits.move', { id: v.id, version: moved.version, userId: c.doctorId, start: riga('2026-12-04T12:00'), end: riga('2026-12-04T12:30') });
    const last = await app.call(c.clerk, 'reminders.ofVisit', { visitId: v.id });
    expect(last.offsets).toEqual(['2h']);
    expect(last.reminders).toMatchObject([{ offset: '2h', state: 'planned', nextDueAt: riga('2026-12-04T10:00') }]);
  });

  it('refuses reminders on another employee’s visit for an employee, and on a break', async () => {
    const brk = await app.call(c.clerk, 'visits.bookBreak', { userId: c.doctorId, start: riga('2026-12-01T12:00'), durationMin: 30 });
    const r = await app.raw(c.clerk, 'reminders.setForVisit', { visitId: brk.id, offsets: ['1d'], channel: 'voice' });
    expect(r.ok ? null : r.error.key).toBe('reminders.errors.visit_without_client');
  });
});
