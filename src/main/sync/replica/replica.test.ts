import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeTestApp, openTestOrg, snapshotDb, startTestApp, type TestApp } from '../../testing/harness';
import { at, openClinic, type Clinic } from '../../modules/calendar/visits/visitFixtures';
import { exchange, nodeOf, shared, type Node } from './testing';

/**
 * Two real cores on their own files: A's organization set up and worked in through the API; B a fresh installation
 * that receives A's whole history as cells, then both work offline and exchange what they wrote.
 */
let a: Node;
let b: Node;
let ownerA: string;
let ownerB: string;
let orgId: string;
let clinic: Clinic;
let annaId: string;
let visitId: string;

const call = <T>(n: Node, token: string, name: string, input: unknown) => n.app.call(token, name as never, input as never) as Promise<T>;
const anna = { kind: 'person', name: 'Anna Bērziņa', phones: [{ number: '+37120000001' }], emails: [], addresses: [], contacts: [] };
const draft = (branchId: string, clientId: string) => ({ branchId, clientId, priority: 'medium' as const, docDate: '2026-11-23' });

beforeAll(async () => {
  const org = await openTestOrg();
  a = nodeOf(org.app);
  ownerA = org.owner;
  clinic = await openClinic(a.app, ownerA);
  orgId = (a.app.core.sqlite.prepare('select id from org').pluck().get() as string)!;
  b = nodeOf(await startTestApp());
}, 60_000);

afterAll(async () => {
  for (const n of [a, b]) if (n) await disposeTestApp(n.app as TestApp);
});

describe('the replica between two cores', () => {
  it('gives a fresh installation the organization as A wrote it: clients, visits, interventions, deletes and restores', async () => {
    const kept = await call<{ client: { id: string; version: number } }>(a, ownerA, 'clients.create', anna);
    const gone = await call<{ client: { id: string } }>(a, ownerA, 'clients.create', { kind: 'person', name: 'Pēteris Ozols', phones: [], emails: [], addresses: [], contacts: [] });
    await call(a, ownerA, 'clients.update', { ...anna, id: kept.client.id, version: kept.client.version, notes: 'Calls after 17:00' });
    await call(a, ownerA, 'clients.delete', { id: gone.client.id });
    annaId = kept.client.id;
    const visit = await call<{ id: string }>(a, clinic.clerk, 'visits.book', { userId: clinic.doctor.id, clientId: clinic.clientId, serviceId: clinic.serviceId, start: at('11:30'), durationMin: 30 });
    const doc = await call<{ id: string }>(a, ownerA, 'interventions.create', draft(clinic.branchId, clinic.clientId));
    visitId = visit.id;
    // A favorite starred, unstarred and starred again: insert, tombstone, restore.
    for (const on of [true, false, true]) await call(a, ownerA, 'favorites.setScreen', { screen: 'clients', on });

    const out = await exchange(a, b, orgId);
    expect(out.parked).toBe(0);
    expect(out.applied).toBeGreaterThan(50);
    ownerB = await b.app.login('owner', 'owner-pass-1');

    for (const [name, input] of [
      ['clients.list', {}],
      ['clients.get', { id: kept.client.id }],
      ['visits.get', { id: visit.id }],
      ['interventions.get', { id: doc.id }],
      ['interventions.list', { scope: { filters: {} }, sort: 'docDate', desc: false, offset: 0, limit: 50 }],
      ['favorites.list', {}],
      ['branches.list', {}],
      ['users.list', {}],
    ] as const) {
      expect(shared(await call(b, ownerB, name, input)), name).toEqual(shared(await call(a, ownerA, name, input)));
    }
    expect((await b.app.raw(ownerB, 'clients.get', { id: gone.client.id })).ok).toBe(false);
    // The quick search and the memory index of B found the pulled document.
    const found = await call<{ rows: { id: string }[] }>(b, ownerB, 'interventions.list', { scope: { filters: { search: 'Petraitis' } }, offset: 0, limit: 10 });
    expect(found.rows.map((r) => r.id)).toEqual([doc.id]);
    expect([...new Set(b.events.map((e) => e.name))]).toEqual(expect.arrayContaining(['clients.changed', 'visits.changed', 'interventions.changed', 'org.changed']));
    // Nothing B applied is B's to push back.
    expect((await b.replica.outbound(orgId, 0, 1000)).cells).toEqual([]);
  });

  it('changes nothing when the same cells arrive again', async () => {
    const before = snapshotDb(b.app.core);
    expect(await exchange(a, b, orgId)).toEqual({ applied: 0, conflicts: 0, parked: 0 });
    expect(snapshotDb(b.app.core)).toBe(before);
  });

  it('gives one field edited on both sides offline the later edit, on both, whichever side sends first', async () => {
    const edit = async (n: Node, token: string, patch: Record<string, unknown>) => {
      const c = await call<{ version: number; notes: string | null; name: string }>(n, token, 'clients.get', { id: annaId });
      await call(n, token, 'clients.update', { ...anna, name: c.name, notes: c.notes, id: annaId, version: c.version, ...patch });
    };
    a.app.clock.advance(60_000);
    b.app.clock.advance(61_000);
    await edit(a, ownerA, { name: 'Anna from A' });
    await edit(b, ownerB, { name: 'Anna from B' });
    await exchange(a, b, orgId);
    await exchange(b, a, orgId);
    // The other way round, B first: A's later notes win.
    b.app.clock.advance(1_000);
    a.app.clock.advance(3_000);
    await edit(b, ownerB, { notes: 'notes from B' });
    await edit(a, ownerA, { notes: 'notes from A' });
    await exchange(b, a, orgId);
    await exchange(a, b, orgId);
    for (const [n, token] of [[a, ownerA], [b, ownerB]] as const) {
      expect(await call(n, token, 'clients.get', { id: annaId }), n === a ? 'A' : 'B').toMatchObject({ name: 'Anna from B', notes: 'notes from A' });
    }
  });

  it('lists one visit moved on both sides offline as a conflict on both, with both versions, and keeps the later move', async () => {
    const move = async (n: Node, token: string, start: string, end: string) => {
      const v = await call<{ version: number }>(n, token, 'visits.get', { id: visitId });
      await call(n, token, 'visits.move', { id: visitId, version: v.version, userId: clinic.doctor.id, start, end });
    };
    // B's clock runs a little ahead: its move is the later one.
    a.app.clock.advance(60_000);
    b.app.clock.advance(62_000);
    await move(a, ownerA, at('12:30'), at('13:00'));
    await move(b, ownerB, at('14:30'), at('15:00'));
    expect((await exchange(a, b, orgId)).conflicts).toBe(1);
    expect((await exchange(b, a, orgId)).conflicts).toBe(1);
    const conflicts = [a, b].map((n) => n.app.core.sqlite.prepare(`select id, kind, row_id, kept, other from sync_conflict where kind != 'slot_double_booked'`).all() as { id: string; kept: string; other: string }[]);
    expect(conflicts[0]).toEqual(conflicts[1]);
    expect(conflicts[0]).toHaveLength(1);
    const [c] = conflicts[0]!;
    expect(c).toMatchObject({ kind: 'field_diverged', row_id: visitId });
    expect(JSON.parse(c!.kept).values).toEqual({ starts_at: at('14:30'), ends_at: at('15:00') });
    expect(JSON.parse(c!.other).values).toEqual({ starts_at: at('12:30'), ends_at: at('13:00') });
    for (const [n, token] of [[a, ownerA], [b, ownerB]] as const) expect(await call(n, token, 'visits.get', { id: visitId })).toMatchObject({ start: at('14:30'), end: at('15:00') });
  });

  it('lets a delete win over an older edit, and a later edit never brings the row back', async () => {
    const pavel = await call<{ client: { id: string; version: number } }>(a, ownerA, 'clients.create', { ...anna, name: 'Pāvels Kalns', phones: [] });
    await exchange(a, b, orgId);
    a.app.clock.advance(1_000);
    await call(a, ownerA, 'clients.update', { ...anna, phones: [], name: 'Pāvels Kalns', notes: 'older edit', id: pavel.client.id, version: pavel.client.version });
    b.app.clock.advance(5_000);
    await call(b, ownerB, 'clients.delete', { id: pavel.client.id });
    // A has not heard of the delete and edits again, later still.
    a.app.clock.advance(10_000);
    const again = await call<{ version: number }>(a, ownerA, 'clients.get', { id: pavel.client.id });
    await call(a, ownerA, 'clients.update', { ...anna, phones: [], name: 'Pāvels Kalns', notes: 'later edit', id: pavel.client.id, version: again.version });
    await exchange(a, b, orgId);
    await exchange(b, a, orgId);
    for (const [n, token] of [[a, ownerA], [b, ownerB]] as const) {
      expect(await n.app.raw(token, 'clients.get', { id: pavel.client.id })).toMatchObject({ ok: false, error: { key: 'errors.client_not_found' } });
      expect(n.app.core.sqlite.prepare('select notes from client where id = ?').pluck().get(pavel.client.id)).toBe('later edit');
    }
  });

  it('lists two bookings of one slot made offline on both sides as the same conflict on both', async () => {
    const clerkB = await b.app.login(clerkLogin(), 'password-123');
    const book = (n: Node, token: string, clientId: string) => call<{ id: string }>(n, token, 'visits.book', { userId: clinic.doctor.id, clientId, serviceId: clinic.serviceId, start: at('10:00', '2026-11-25'), durationMin: 30 });
    const va = await book(a, clinic.clerk, clinic.clientId);
    const vb = await book(b, clerkB, clinic.client2Id);
    expect((await exchange(a, b, orgId)).conflicts).toBe(1);
    expect((await exchange(b, a, orgId)).conflicts).toBe(1);
    const listed = [a, b].map((n) => n.app.core.sqlite.prepare(`select id, row_id, other_row_id from sync_conflict where kind = 'slot_double_booked'`).all());
    expect(listed[0]).toEqual(listed[1]);
    expect(listed[0]).toEqual([expect.objectContaining({ row_id: [va.id, vb.id].sort()[0], other_row_id: [va.id, vb.id].sort()[1] })]);
    // Both bookings are kept on both sides: a person decides.
    for (const [n, token] of [[a, ownerA], [b, ownerB]] as const) {
      for (const id of [va.id, vb.id]) expect(await call(n, token, 'visits.get', { id })).toMatchObject({ status: 'booked' });
    }
  });

  it('lets a pulled row whose natural key is already held here wait, listed, while the rest of the batch lands', async () => {
    // The owner stars the same screen at both branches offline: two rows for one (person, screen).
    await call(a, ownerA, 'favorites.setScreen', { screen: 'calendar', on: true });
    await call(b, ownerB, 'favorites.setScreen', { screen: 'calendar', on: true });
    const { client } = await call<{ client: { id: string } }>(a, ownerA, 'clients.create', { ...anna, name: 'Laura Krūmiņa', phones: [] });
    const out = await exchange(a, b, orgId);
    expect(out).toMatchObject({ conflicts: 1 });
    expect(out.parked).toBeGreaterThan(0);
    expect(await call(b, ownerB, 'clients.get', { id: client.id })).toMatchObject({ name: 'Laura Krūmiņa' });
    const listed = b.app.core.sqlite.prepare(`select table_name, kind from sync_conflict where table_name = 'favorite'`).all();
    expect(listed).toEqual([{ table_name: 'favorite', kind: 'field_diverged' }]);
    // Again: still waiting, listed once.
    expect(await exchange(a, b, orgId)).toMatchObject({ conflicts: 0 });
    expect(await b.replica.waiting(orgId)).toBe(out.parked);
  });
});

/** The clinic's clerk's login (openClinic numbers them). */
function clerkLogin(): string {
  return String(a.app.core.sqlite.prepare(`select login from app_user where role = 'dispatcher' order by login limit 1`).pluck().get());
}
