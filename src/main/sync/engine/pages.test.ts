import { describe, expect, it } from 'vitest';
import { personInput } from '../../testing/harness';
import { SYNC_DESK } from '../index';
import { useDesks } from './deskTesting';

/**
 * A desktop whose pulls take several pages (a small page, as a large organization's first sync meets a normal one),
 * through a real hub: how its progress reads, and a crossing edit that arrives only on a later page.
 */
const { hubFor, headOffice, branchJoins } = useDesks();
const PAGE = { syncPullLimit: 40 };

describe('pulls of several pages', () => {
  it('show how many cells arrived of how many the hub says wait, ending at the whole backlog', async () => {
    const hub = await hubFor();
    const a = await headOffice(hub);
    await a.app.call(a.owner, 'sync.now', {});
    const b = await branchJoins(hub, a.orgId, PAGE);
    // Written apart and pushed in one go: B's round that pulls them (woken by the hub, or asked) sees one backlog.
    await hub.stop();
    for (let i = 0; i < 15; i++) await a.app.call(a.owner, 'clients.create', personInput(`Klients ${i}`));
    await hub.start();

    const engine = b.app.core.services.get(SYNC_DESK).engine;
    const seen: { done: number; total: number }[] = [];
    const watch = setInterval(() => {
      const p = engine.view().progress;
      if (p && (seen.length === 0 || seen.at(-1)!.done !== p.done)) seen.push(p);
    }, 1);
    await a.app.call(a.owner, 'sync.now', {});
    await engine.syncNow();
    clearInterval(watch);
    expect(seen.length).toBeGreaterThan(1);
    // Every page knows the whole: what arrived plus what the hub said still waits, the same backlog each time.
    const totals = new Set(seen.map((p) => p.total));
    expect(totals.size).toBe(1);
    const [total] = totals;
    expect(total).toBeGreaterThan(PAGE.syncPullLimit * 2);
    for (const p of seen) expect(p.done).toBeLessThan(total!);
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((x, y) => x - y));
    expect((await b.app.call(b.owner, 'clients.list', {})).rows).toHaveLength(15);
    expect(engine.view().progress).toBeNull();
  });

  it("lists a crossing edit that arrives pages after this round's own push was acknowledged", async () => {
    const hub = await hubFor();
    const a = await headOffice(hub);
    const ownerId = (await a.app.call(a.owner, 'auth.me', {}))!.id;
    const start = new Date(Date.now() + 86_400_000).toISOString().slice(0, 11) + '10:00:00.000Z';
    const booked = await a.app.call(a.owner, 'visits.bookBreak', { userId: ownerId, start, durationMin: 30, outsideHoursConfirmed: true });
    await a.app.call(a.owner, 'sync.now', {});
    const b = await branchJoins(hub, a.orgId, PAGE);

    // Apart: A writes a backlog and then moves the break; B moves it too. A syncs first.
    await hub.stop();
    for (let i = 0; i < 10; i++) await a.app.call(a.owner, 'clients.create', personInput(`Klients ${i}`));
    const at = (h: string) => ({ start: start.replace('10:00', h), end: start.replace('10:00', h.replace(':00', ':30')) });
    await a.app.call(a.owner, 'visits.move', { id: booked.id, version: (await a.app.call(a.owner, 'visits.get', { id: booked.id })).version, userId: ownerId, ...at('11:00'), outsideHoursConfirmed: true });
    await b.app.call(b.owner, 'visits.move', { id: booked.id, version: (await b.app.call(b.owner, 'visits.get', { id: booked.id })).version, userId: ownerId, ...at('12:00'), outsideHoursConfirmed: true });
    await hub.start();
    await a.app.call(a.owner, 'sync.now', {});

    // B's push is acknowledged with the first page; A's move comes pages later, and is still a crossing edit.
    const status = await b.app.call(b.owner, 'sync.now', {});
    expect(status.conflicts).toBe(1);
    const [conflict] = await b.app.call(b.owner, 'sync.conflicts', {});
    expect(conflict).toMatchObject({ table: 'visit', rowId: booked.id });
    expect([conflict!.kept.values.starts_at, conflict!.other.values.starts_at].sort()).toEqual([at('11:00').start, at('12:00').start]);
  });
});
