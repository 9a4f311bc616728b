import { describe, expect, it } from 'vitest';
import type { TestApp } from '../../testing/harness';
import { secretsFor } from '../../mail';
import { keyContext, loadDevice } from './device';
import { useDesks } from './deskTesting';
import type { TestHub } from './hubTesting';

/**
 * A crossing edit listed on two desks, on the embedded SQLite hub and on a real PostgreSQL: the two rounds overlap at
 * the hub (the head office's push goes through, its pull is held until the branch has pushed and pulled), so both
 * desks list the same conflict. A person decides on one desk; after a round each, neither lists it and both hold the
 * decided values — whether they kept the merged version or put the other one back. A later crossing edit of the same
 * field is a new conflict: the decision does not swallow it.
 */
const { hubFor, headOffice, branchJoins } = useDesks();

type Desk = { app: TestApp; token: string };

async function keyOf(app: TestApp): Promise<string> {
  const dev = (await loadDevice(app.core.db))!;
  return secretsFor(app.core.config).decrypt(dev.device_key_enc!, keyContext(dev.installation_id));
}

const syncNow = (d: Desk) => d.app.call(d.token, 'sync.now', {});
const listed = (d: Desk) => d.app.call(d.token, 'sync.conflicts', {});
const visit = (d: Desk, id: string) => d.app.call(d.token, 'visits.get', { id });

async function twoDesks(engine: 'sqlite' | 'pg') {
  const hub = await hubFor({ engine });
  const head = await headOffice(hub);
  const ownerId = (await head.app.call(head.owner, 'auth.me', {}))!.id;
  const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 11);
  const booked = await head.app.call(head.owner, 'visits.bookBreak', { userId: ownerId, start: `${day}10:00:00.000Z`, durationMin: 30, outsideHoursConfirmed: true });
  await head.app.call(head.owner, 'sync.now', {});
  const branch = await branchJoins(hub, head.orgId);
  const a: Desk = { app: head.app, token: head.owner };
  const b: Desk = { app: branch.app, token: branch.owner };
  const at = (hour: string) => `${day}${hour}:00.000Z`;
  const end = (hour: string) => `${day}${hour.slice(0, 2)}:30:00.000Z`;

  /** Each desk moves the break to its own hour while the hub is away. */
  async function moveApart(hours: [string, string]) {
    await hub.stop();
    for (const [d, hour] of [[a, hours[0]], [b, hours[1]]] as const) {
      const v = await visit(d, booked.id);
      await d.app.call(d.token, 'visits.move', { id: booked.id, version: v.version, userId: ownerId, start: at(hour), end: end(hour), outsideHoursConfirmed: true });
    }
  }

  /**
   * The hub comes back and the two rounds overlap: A's push lands but its pull is held; B pushes and pulls (meeting
   * A's edit while its own is unsettled); then A's pull meets B's edit while A's round has not ended.
   */
  async function overlappingRounds(h: TestHub) {
    const [ka, kb] = [await keyOf(a.app), await keyOf(b.app)];
    h.gate = (r) => r.key === kb || (r.key === ka && !r.pushes);
    await h.start();
    expect(await syncNow(a)).toMatchObject({ state: 'offline', pending: 0 });
    h.gate = (r) => r.key === ka;
    expect(await syncNow(b)).toMatchObject({ state: 'idle', pending: 0 });
    h.gate = null;
    expect(await syncNow(a)).toMatchObject({ state: 'idle', pending: 0 });
  }

  async function crossed(hours: [string, string]) {
    await moveApart(hours);
    await overlappingRounds(hub);
    const [onA, onB] = [await listed(a), await listed(b)];
    expect(onA).toHaveLength(1);
    expect(onB).toHaveLength(1);
    expect(onA[0]).toMatchObject({ id: onB[0]!.id, table: 'visit', rowId: booked.id });
    // The later edit won on both; the two lists show the same two versions.
    expect(onA[0]!.kept.values).toEqual(onB[0]!.kept.values);
    expect(onA[0]!.other.values).toEqual(onB[0]!.other.values);
    expect(onA[0]!.kept.values.starts_at).not.toBe(onA[0]!.other.values.starts_at);
    expect((await visit(a, booked.id)).start).toBe(onA[0]!.kept.values.starts_at);
    expect((await visit(b, booked.id)).start).toBe(onA[0]!.kept.values.starts_at);
    return onA[0]!;
  }

  return { hub, a, b, id: booked.id, crossed, at };
}

const both = async (a: Desk, b: Desk, id: string) => [await visit(a, id), await visit(b, id)].map((v) => ({ start: v.start, end: v.end }));

describe.each(['sqlite', 'pg'] as const)('a crossing edit listed on two desks, %s hub', (engine) => {
  it('kept on the branch: after a round each, neither desk lists it and both hold the kept hour', async () => {
    const { a, b, id, crossed } = await twoDesks(engine);
    const conflict = await crossed(['11:00', '12:00']);
    const kept = { start: conflict.kept.values.starts_at, end: conflict.kept.values.ends_at };

    expect(await b.app.call(b.token, 'sync.resolveConflict', { id: conflict.id, keep: 'kept' })).toEqual({ ok: true });
    expect(await listed(b)).toEqual([]);
    // The decision is a change of its own: it waits to be pushed, though no value changed.
    expect((await b.app.call(b.token, 'sync.status', {})).pending).toBeGreaterThan(0);
    expect(await syncNow(b)).toMatchObject({ pending: 0, conflicts: 0 });
    expect(await syncNow(a)).toMatchObject({ pending: 0, conflicts: 0 });
    expect(await listed(a)).toEqual([]);
    expect(await both(a, b, id)).toEqual([kept, kept]);
    // Closed by the change, not by a person here.
    const row = await a.app.core.db.selectFrom('sync_conflict').select(['resolved_at', 'resolved_by']).where('id', '=', conflict.id).executeTakeFirstOrThrow();
    expect(row.resolved_at).not.toBeNull();
    expect(row.resolved_by).toBeNull();
  });

  it('the other put back on the head office: after a round each, neither lists it and both hold the other hour; a later crossing edit is listed anew', async () => {
    const { a, b, id, crossed, at } = await twoDesks(engine);
    const first = await crossed(['11:00', '12:00']);
    const other = { start: first.other.values.starts_at, end: first.other.values.ends_at };

    expect(await a.app.call(a.token, 'sync.resolveConflict', { id: first.id, keep: 'other' })).toEqual({ ok: true });
    expect(await listed(a)).toEqual([]);
    expect(await syncNow(a)).toMatchObject({ pending: 0, conflicts: 0 });
    expect(await syncNow(b)).toMatchObject({ pending: 0, conflicts: 0 });
    expect(await listed(b)).toEqual([]);
    expect(await both(a, b, id)).toEqual([other, other]);

    // Apart again, each moves the break once more: a new crossing edit, newer than the decision, listed on both.
    const second = await crossed(['13:00', '14:00']);
    expect(second.id).not.toBe(first.id);
    expect([second.kept.values.starts_at, second.other.values.starts_at].sort()).toEqual([at('13:00'), at('14:00')]);
    // Another round each leaves it open: only a decision (or a later edit) settles it.
    await syncNow(a);
    await syncNow(b);
    expect((await listed(a)).map((c) => c.id)).toEqual([second.id]);
    expect((await listed(b)).map((c) => c.id)).toEqual([second.id]);
  });
});
