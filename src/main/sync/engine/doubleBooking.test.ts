import { describe, expect, it } from 'vitest';
import type { TestApp } from '../../testing/harness';
import { at, openClinic } from '../../modules/calendar/visits/visitFixtures';
import { useDesks } from './deskTesting';

/**
 * Two branches book one employee's slot while apart (the hub away), through two real cores and a real hub: after
 * they meet, the double booking is listed on both, with both visits; a person decides on one computer — keeps one
 * visit and cancels or moves the other — and both computers end with the same visits and no open conflict.
 */
const { hubFor, headOffice, branchJoins } = useDesks();

/** 2027-01-05 is a Tuesday, inside the clinic's week; Rīga is UTC+2 in January. */
const DAY = '2027-01-05';

async function bookedApart() {
  const hub = await hubFor();
  const a = await headOffice(hub);
  const clinic = await openClinic(a.app, a.owner);
  await a.app.call(a.owner, 'sync.now', {});
  const b = await branchJoins(hub, a.orgId);

  await hub.stop();
  const slot = { userId: clinic.doctor.id, serviceId: clinic.serviceId, start: at('11:30', DAY), durationMin: 30 };
  const onA = await a.app.call(a.owner, 'visits.book', { ...slot, clientId: clinic.clientId });
  const onB = await b.app.call(b.owner, 'visits.book', { ...slot, clientId: clinic.client2Id });
  await hub.start();
  for (const [app, token] of [[a.app, a.owner], [b.app, b.owner], [a.app, a.owner]] as const) await app.call(token, 'sync.now', {});
  return { hub, a: { app: a.app, token: a.owner }, b: { app: b.app, token: b.owner }, clinic, visits: [onA.id, onB.id] };
}

type Desk = { app: TestApp; token: string };
const visitsOf = async (d: Desk, ids: string[]) => Promise.all(ids.map(async (id) => {
  const v = await d.app.call(d.token, 'visits.get', { id });
  return { id, start: v.start, status: v.status };
}));
const openConflicts = (d: Desk) => d.app.call(d.token, 'sync.conflicts', {});

describe('a double booking made on two branches apart', () => {
  it('is listed on both with both visits; kept on one computer, the other visit is cancelled on both and both lists close', async () => {
    const { a, b, clinic, visits } = await bookedApart();
    const [onA, onB] = [await openConflicts(a), await openConflicts(b)];
    expect(onA).toHaveLength(1);
    expect(onB).toHaveLength(1);
    // One pair, one id on every replica; both visits named, both at the one slot.
    expect(onA[0]).toMatchObject({ kind: 'slot_double_booked', table: 'visit', id: onB[0]!.id });
    expect([onA[0]!.rowId, onA[0]!.otherRowId].sort()).toEqual([...visits].sort());
    expect(onA[0]!.kept.values.starts_at).toBe(onA[0]!.other.values.starts_at);
    // Told by names, and each computer names its own booking.
    expect(onA[0]!.names).toEqual({ [clinic.doctor.id]: expect.any(String), [clinic.clientId]: 'Jonas Petraitis', [clinic.client2Id]: 'Rūta Kazlauskienė' });
    const deviceOf = (c: (typeof onA)[number], id: string) => (c.rowId === id ? c.kept : c.other).deviceName;
    expect([deviceOf(onA[0]!, visits[0]!), deviceOf(onA[0]!, visits[1]!)]).toEqual(['Rīga desk', null]);
    expect([deviceOf(onB[0]!, visits[0]!), deviceOf(onB[0]!, visits[1]!)]).toEqual([null, 'Yerevan desk']);

    expect(await a.app.call(a.token, 'sync.resolveConflict', { id: onA[0]!.id, keep: 'kept' })).toEqual({ ok: true });
    const cancelled = onA[0]!.otherRowId!;
    await a.app.call(a.token, 'sync.now', {});
    // B's list closes when the cancellation arrives: nobody decides the same pair twice.
    expect(await b.app.call(b.token, 'sync.now', {})).toMatchObject({ conflicts: 0 });
    expect(await openConflicts(b)).toEqual([]);
    const onBoth = await Promise.all([visitsOf(a, visits), visitsOf(b, visits)]);
    expect(onBoth[1]).toEqual(onBoth[0]);
    expect(onBoth[0].find((v) => v.id === cancelled)?.status).toBe('cancelled');
    expect(onBoth[0].find((v) => v.id !== cancelled)?.status).toBe('booked');
  });

  it('moved by a person on one computer: its list closes at once, the other closes after a round, both hold both visits at their new times', async () => {
    const { a, b, clinic, visits } = await bookedApart();
    const [conflict] = await openConflicts(b);
    const moving = conflict!.otherRowId!;
    const v = await b.app.call(b.token, 'visits.get', { id: moving });
    await b.app.call(b.token, 'visits.move', { id: moving, version: v.version, userId: clinic.doctor.id, start: at('12:30', DAY), end: at('13:00', DAY) });
    await expect.poll(async () => (await b.app.call(b.token, 'sync.status', {})).conflicts).toBe(0);
    expect(await openConflicts(b)).toEqual([]);

    await b.app.call(b.token, 'sync.now', {});
    expect(await a.app.call(a.token, 'sync.now', {})).toMatchObject({ conflicts: 0 });
    const onBoth = await Promise.all([visitsOf(a, visits), visitsOf(b, visits)]);
    expect(onBoth[1]).toEqual(onBoth[0]);
    expect(onBoth[0].map((x) => [x.id === moving ? 'moved' : 'kept', x.start, x.status]).sort()).toEqual([
      ['kept', at('11:30', DAY), 'booked'],
      ['moved', at('12:30', DAY), 'booked'],
    ]);
  });

  it('settled by a move, then booked together again by two moves apart: listed open again on both', async () => {
    const { hub, a, b, clinic, visits } = await bookedApart();
    const [onA, onB] = visits as [string, string];
    const move = async (d: Desk, id: string, start: string, end: string) => {
      const v = await d.app.call(d.token, 'visits.get', { id });
      await d.app.call(d.token, 'visits.move', { id, version: v.version, userId: clinic.doctor.id, start: at(start, DAY), end: at(end, DAY) });
    };
    await move(b, onB, '12:30', '13:00');
    await b.app.call(b.token, 'sync.now', {});
    await a.app.call(a.token, 'sync.now', {});
    expect([await openConflicts(a), await openConflicts(b)]).toEqual([[], []]);

    // Apart again, each moves its own visit to 14:00: each side's slot was free there as it knew it.
    await hub.stop();
    await move(a, onA, '14:00', '14:30');
    await move(b, onB, '14:00', '14:30');
    await hub.start();
    for (const d of [a, b, a]) await d.app.call(d.token, 'sync.now', {});
    const again = [await openConflicts(a), await openConflicts(b)];
    for (const list of again) {
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ kind: 'slot_double_booked', id: again[0]![0]!.id });
      expect([list[0]!.kept.values.starts_at, list[0]!.other.values.starts_at]).toEqual([at('14:00', DAY), at('14:00', DAY)]);
    }
  });
});
