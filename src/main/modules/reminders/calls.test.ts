import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushEvent } from '../../api/events';
import { withTestOrg } from '../../testing/fixtures';
import { personInput, type TestApp } from '../../testing/harness';
import { startSipp, type SippOptions } from '../../telephony/testing/sipp';
import { openReminderClinic, pointTrunkAt, riga, testEngine, type ReminderClinic } from './fixtures';
import type { ReminderEngine } from './engine';

/**
 * The "Done when" calls, driven through the module: a booked visit's reminder comes due on the injected clock,
 * the job dials sipp on 127.0.0.1 through the real dialer, and the outcome lands on the reminder, the visit's colour,
 * the phone and the ASAP clients.
 */
let app: TestApp;
let owner: string;
let c: ReminderClinic;
let engine: ReminderEngine;
const events: PushEvent[] = [];
withTestOrg('file', async (o) => {
  ({ app, owner } = o);
  c = await openReminderClinic(app, owner);
  engine = testEngine(app);
  app.core.bus.on((e) => void events.push(e));
  // The clock moves days ahead here: sessions must outlast it.
}, { config: { sessionIdleMs: 365 * 86_400_000 } });
afterAll(() => engine.stop());

const MIN = 60_000;
const book = async (start: string, over: Record<string, unknown> = {}) =>
  app.call(c.clerk, 'visits.book', { clientId: c.clientId, userId: c.doctorId, serviceId: c.serviceId, start, durationMin: 30, ...over });

/** One call to a fresh sipp: the trunk points at it, the job runs one tick, the call ends and sipp's verdict is checked. */
async function callOnce(sipp: SippOptions, trunk: Parameters<typeof pointTrunkAt>[3] = {}) {
  const peer = await startSipp({ timeoutSec: 20, ...sipp });
  try {
    await pointTrunkAt(app, owner, peer.port, { transport: sipp.transport ?? 'udp', ...trunk });
    const report = await engine.tick();
    await engine.settled();
    await peer.passed();
    return report;
  } finally {
    peer.kill();
  }
}

const attemptsOf = (visitId: string) => app.call(c.clerk, 'reminders.attempts', { visitId });
const colourOf = async (visitId: string) => (await app.call(c.clerk, 'visits.get', { id: visitId })).reminder;

describe('reminder calls through sipp', () => {
  beforeAll(() => app.clock.set('2026-11-23T09:00:00.000Z'));

  it('key 1 sent by SIP INFO over UDP: confirmed, billable, the visit green', async () => {
    const v = await book(riga('2026-11-25T12:00'));
    app.clock.set(riga('2026-11-24T11:59'));
    expect((await engine.tick()).called).toBe(0);
    app.clock.set(riga('2026-11-24T12:00'));
    expect((await callOnce({ scenario: 'answer-info-1.xml' })).called).toBe(1);
    expect(await attemptsOf(v.id)).toMatchObject([{ outcome: 'confirmed', key: '1', billable: true, sipCode: 200, startedAt: riga('2026-11-24T12:00'), phone: '+37120000001' }]);
    expect(await colourOf(v.id)).toBe('will_come');
    expect((await app.call(c.clerk, 'reminders.ofVisit', { visitId: v.id })).reminders).toMatchObject([{ state: 'confirmed', nextDueAt: null, noneReason: 'replied' }]);
  }, 30_000);

  it('key 2 sent as RFC 2833 events over TCP: declined, the visit red, its slot offered at once to an ASAP client', async () => {
    const v = await book(riga('2026-11-26T12:00'));
    const asapClient = (await app.call(owner, 'clients.create', personInput('Marta Asap'))).client.id;
    const waiting = await book(riga('2026-12-03T12:00'), { clientId: asapClient, asap: true });
    app.clock.set(riga('2026-11-25T12:00'));
    events.length = 0;
    await callOnce({ scenario: 'answer-2833-2.xml', transport: 'tcp' });
    expect(await attemptsOf(v.id)).toMatchObject([{ outcome: 'declined', key: '2', billable: true }]);
    expect(await colourOf(v.id)).toBe('will_not_come');
    // A "2" frees the slot for the clerk to fill; it cancels nothing by itself.
    expect((await app.call(c.clerk, 'visits.get', { id: v.id })).status).toBe('booked');
    const offer = events.find((e) => e.name === 'reminders.slotFreed');
    expect(offer).toMatchObject({ orgId: expect.any(String), branchIds: [c.branchId], payload: { visitId: v.id, start: v.start, userId: c.doctorId, userName: expect.any(String), timeZone: 'Europe/Riga' } });
    expect((offer!.payload as { offers: { visitId: string; clientName: string }[] }).offers).toMatchObject([{ visitId: waiting.id, clientName: 'Marta Asap' }]);
    // Every open calendar of the branch heard that the visit changed colour.
    expect(events.some((e) => e.name === 'visits.changed' && (e.payload as { ids: string[] }).ids.includes(v.id))).toBe(true);
  }, 30_000);

  it('busy, then no answer, then key 1: three attempts 30 minutes apart, two unbillable and one billable', async () => {
    const v = await book(riga('2026-11-27T12:00'));
    app.clock.set(riga('2026-11-26T12:00'));
    await callOnce({ scenario: 'busy-486.xml' });
    expect((await app.call(c.clerk, 'reminders.ofVisit', { visitId: v.id })).reminders).toMatchObject([{ state: 'planned', nextDueAt: riga('2026-11-26T12:30') }]);
    app.clock.set(riga('2026-11-26T12:29'));
    expect((await engine.tick()).called).toBe(0);
    app.clock.set(riga('2026-11-26T12:30'));
    await callOnce({ scenario: 'ring-cancel.xml' });
    app.clock.set(riga('2026-11-26T13:00'));
    await callOnce({ scenario: 'answer-info-1.xml' });
    const attempts = await attemptsOf(v.id);
    expect(attempts.map((a) => [a.startedAt, a.outcome, a.billable])).toEqual([
      [riga('2026-11-26T12:00'), 'busy', false],
      [riga('2026-11-26T12:30'), 'no_answer', false],
      [riga('2026-11-26T13:00'), 'confirmed', true],
    ]);
    expect(attempts[0]!.sipCode).toBe(486);
    expect(await colourOf(v.id)).toBe('will_come');
  }, 60_000);

  it('a silent answer three times: three billable attempts, then none, the visit orange', async () => {
    const v = await book(riga('2026-11-28T12:00'));
    const peer = await startSipp({ scenario: 'answer-silent.xml', calls: 3, timeoutSec: 40 });
    try {
      await pointTrunkAt(app, owner, peer.port);
      for (const at of ['12:00', '12:30', '13:00']) {
        app.clock.set(riga(`2026-11-27T${at}`));
        expect((await engine.tick()).called).toBe(1);
        await engine.settled();
      }
      await peer.passed();
    } finally {
      peer.kill();
    }
    app.clock.set(riga('2026-11-27T13:30'));
    expect((await engine.tick()).called).toBe(0);
    expect((await attemptsOf(v.id)).map((a) => [a.outcome, a.billable])).toEqual([
      ['answered', true],
      ['answered', true],
      ['answered', true],
    ]);
    expect((await app.call(c.clerk, 'reminders.ofVisit', { visitId: v.id })).reminders).toMatchObject([{ state: 'no_answer', noneReason: 'retries_exhausted' }]);
    expect(await colourOf(v.id)).toBe('no_answer');
  }, 60_000);

  it('a 404: not retried, the phone flagged on the client and not dialled for the next visit', async () => {
    const client = (await app.call(owner, 'clients.create', { ...personInput('Nav Numura'), phones: [{ number: '+37129999999', label: 'mobile' }] })).client.id;
    const v = await book(riga('2026-11-29T12:00'), { clientId: client });
    app.clock.set(riga('2026-11-28T12:00'));
    await callOnce({ scenario: 'not-found-404.xml' });
    expect(await attemptsOf(v.id)).toMatchObject([{ outcome: 'not_found', sipCode: 404, billable: false }]);
    expect((await app.call(c.clerk, 'reminders.ofVisit', { visitId: v.id })).reminders).toMatchObject([{ state: 'not_found', noneReason: 'number_not_found', nextDueAt: null }]);
    expect(app.core.sqlite.prepare('select not_found_at from client_phone where client_id = ?').get(client)).toEqual({ not_found_at: riga('2026-11-28T12:00') });
    // The client card shows it under the phone.
    expect((await app.call(c.clerk, 'clients.get', { id: client })).phones).toEqual([{ number: '+37129999999', label: 'mobile', notFoundAt: riga('2026-11-28T12:00') }]);
    app.clock.set(riga('2026-11-28T13:00'));
    expect((await engine.tick()).called).toBe(0);
    const next = await book(riga('2026-12-05T12:00'), { clientId: client });
    expect((await app.call(c.clerk, 'reminders.ofVisit', { visitId: next.id })).reminders).toMatchObject([{ state: 'not_made', noneReason: 'number_not_found' }]);
  }, 30_000);

  it('answers a 401 with the trunk password the settings sealed', async () => {
    const v = await book(riga('2026-11-30T12:00'));
    app.clock.set(riga('2026-11-29T12:00'));
    await callOnce({ scenario: 'auth-401.xml' }, { user: 'planora', password: 's3cret' });
    expect(await attemptsOf(v.id)).toMatchObject([{ outcome: 'answered', sipCode: 200, billable: true }]);
    const stored = app.core.sqlite.prepare('select trunk_password from reminder_policy where branch_id is null').pluck().get() as string;
    expect(stored).not.toContain('s3cret');
    expect((await app.call(owner, 'reminders.settings', {})).trunk).toMatchObject({ user: 'planora', hasPassword: true });
  }, 30_000);
});
