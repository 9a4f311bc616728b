import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatHlc, nodeOf } from '../../shared/sync/hlc';
import { HUB_PROTOCOL, type CellMessage } from '../../shared/sync/protocol';
import { DESKTOP_SCHEMA_VERSION } from '../server';
import { currentCell, pruneBatches } from '../store/cells';
import { revokeDevice } from '../store/devices';
import { foundingDevice, joiningDevice, post, startTestHub, tableCounts } from '../testing/hub';
import { ENGINES } from '../testing/storage';

describe.each(ENGINES)('sync: push and pull (%s)', (engine) => {
  it("pushes, then pulls everyone else's cells after the cursor in pages, never its own", async () => {
    const hub = await startTestHub(engine);
    const a = await foundingDevice(hub);
    const b = await joiningDevice(hub, a.orgId!);
    const cells = Array.from({ length: 25 }, (_, i) => a.cell('clients', `client-${i}`, 'name', `Client ${i}`));
    const pushed = await a.sync(cells);
    expect(pushed.status).toBe(200);
    expect(pushed.body).toMatchObject({ accepted: 25, cells: [], more: false, hubNow: hub.clock.now() });
    const first = await b.sync([], { pullLimit: 10 });
    // The hub says how many wait after the page: a first sync's progress.
    expect(first.body).toMatchObject({ more: true, remaining: 15 });
    expect(first.body.cells.map((c) => c.rowId)).toEqual(cells.slice(0, 10).map((c) => c.rowId));
    const rest = await b.pullAll(10);
    expect(rest.map((c) => c.rowId)).toEqual(cells.slice(10).map((c) => c.rowId));
    expect(rest[0]).toEqual(cells[10]);
    // Nothing new: an idle round trip pulls nothing and keeps the cursor.
    const cursor = b.cursor;
    expect((await b.sync()).body).toMatchObject({ cells: [], more: false, cursor, remaining: 0 });
    // Values of every kind come back as they went.
    const kinds = [a.cell('visits', 'v1', 'price_minor', 1250), a.cell('visits', 'v1', 'paid', true), a.cell('visits', 'v1', 'note', null), a.cell('visits', 'v1', 'title', 'Ēdoliņš «Ārsts»')];
    await a.sync(kinds);
    expect(await b.pullAll()).toEqual(kinds);
    // The device's own cells never come back to it, and its cursor moves past them.
    const own = await a.sync();
    expect(own.body.cells).toEqual([]);
    expect(own.body.cursor).toBe(b.cursor);
  });

  it('a batch sent again stores nothing, and so do cells already stored under another batch', async () => {
    const hub = await startTestHub(engine);
    const a = await foundingDevice(hub);
    const cells = [a.cell('clients', 'c1', 'name', 'Anna'), a.cell('clients', 'c1', 'phone', '+371 2000 0000')];
    const batchId = randomUUID();
    expect((await a.sync(cells, { batchId })).body.accepted).toBe(2);
    const before = await tableCounts(hub.hub);
    expect((await a.sync(cells, { batchId, cursor: 0 })).body.accepted).toBe(0);
    expect((await a.sync(cells, { cursor: 0 })).body.accepted).toBe(0);
    const after = await tableCounts(hub.hub);
    expect({ ...after, hub_batch: 0 }).toEqual({ ...before, hub_batch: 0 });
  });

  it('forgets old batch ids, and a batch sent again after that still stores nothing', async () => {
    const hub = await startTestHub(engine);
    const a = await foundingDevice(hub);
    const cells = [a.cell('clients', 'c1', 'name', 'Anna')];
    const batchId = randomUUID();
    expect((await a.sync(cells, { batchId })).body.accepted).toBe(1);
    expect(await pruneBatches(hub.hub.db, hub.clock.now() - 1)).toBe(0);
    expect(await pruneBatches(hub.hub.db, hub.clock.now() + 1)).toBe(1);
    const before = await tableCounts(hub.hub);
    expect(before.hub_batch).toBe(0);
    expect((await a.sync(cells, { batchId, cursor: 0 })).body.accepted).toBe(0);
    expect({ ...(await tableCounts(hub.hub)), hub_batch: 0 }).toEqual(before);
  });

  it("keeps the greatest HLC of each cell as the hub's current value, whatever the order cells arrive in", async () => {
    const hub = await startTestHub(engine);
    const a = await foundingDevice(hub);
    const b = await joiningDevice(hub, a.orgId!);
    const late = a.cell('interventions', 'i1', 'status', 'done', { msAfter: 2000 });
    const early = b.cell('interventions', 'i1', 'status', 'cancelled', { msAfter: 1000 });
    await a.sync([late]);
    await b.sync([early]);
    expect(await currentCell(hub.hub.db, a.orgId!, 'interventions', 'i1', 'status')).toMatchObject({ value: 'done', hlc: late.hlc });
    // One instant, one counter: the greater node wins, on the hub as on every replica.
    const at = hub.clock.now() + 5000;
    const [lo, hi] = [a, b].map((d) => nodeOf(d.installationId)).sort();
    const fromLo = { ...late, value: 'low', hlc: formatHlc({ millis: at, counter: 0, node: lo! }) };
    const fromHi = { ...late, value: 'high', hlc: formatHlc({ millis: at, counter: 0, node: hi! }) };
    await b.sync([fromHi, fromLo]);
    expect((await currentCell(hub.hub.db, a.orgId!, 'interventions', 'i1', 'status'))!.value).toBe('high');
    // A row deleted stays deleted by an older edit; only a newer tombstone cell counts.
    await a.sync([a.cell('interventions', 'i1', '_deleted', true, { msAfter: 9000 })]);
    await b.sync([b.cell('interventions', 'i1', '_deleted', false, { msAfter: 8000 })]);
    expect((await currentCell(hub.hub.db, a.orgId!, 'interventions', 'i1', '_deleted'))!.value).toBe(true);
    // Every version is still in the log, in arrival order, for each device's own merge.
    const c = await joiningDevice(hub, a.orgId!);
    expect((await c.pullAll()).map((cell) => cell.value)).toEqual(['done', 'cancelled', 'high', 'low', true, false]);
  });

  it('branch isolation: a branch device pulls its branch and organization-wide cells only, and may push nothing else', async () => {
    const hub = await startTestHub(engine);
    const head = await foundingDevice(hub);
    const riga = await joiningDevice(hub, head.orgId!, ['riga']);
    const yerevan = await joiningDevice(hub, head.orgId!, ['yerevan']);
    await head.sync([
      head.cell('visits', 'v-riga', 'start_at', '2026-12-07T09:00:00Z', { branchId: 'riga' }),
      head.cell('visits', 'v-yer', 'start_at', '2026-12-07T10:00:00Z', { branchId: 'yerevan' }),
      head.cell('users', 'u1', 'name', 'Owner', { branchId: null }),
    ]);
    expect((await riga.pullAll()).map((c) => c.rowId)).toEqual(['v-riga', 'u1']);
    expect((await yerevan.pullAll()).map((c) => c.rowId)).toEqual(['v-yer', 'u1']);
    const before = await tableCounts(hub.hub);
    const refused = await riga.sync([riga.cell('visits', 'v-r2', 'start_at', 'x', { branchId: 'riga' }), riga.cell('visits', 'v-y2', 'start_at', 'x', { branchId: 'yerevan' })]);
    expect(refused).toMatchObject({ status: 403, body: { code: 'hub.wrong_branch', key: 'errors.hub_wrong_branch', params: { branchId: 'yerevan' } } });
    expect(await tableCounts(hub.hub)).toEqual(before);
    // The head office (no branches on its code) sees every branch.
    await riga.sync([riga.cell('visits', 'v-r3', 'status', 'arrived', { branchId: 'riga' })]);
    expect((await head.pullAll()).map((c) => c.rowId)).toEqual(['v-r3']);
  });

  it("walks the hub's current cells in pages for a check: the latest per column, its branches only, no other organization's", async () => {
    const hub = await startTestHub(engine);
    const head = await foundingDevice(hub);
    const riga = await joiningDevice(hub, head.orgId!, ['riga']);
    const other = await foundingDevice(hub, 'Org B');
    await other.sync([other.cell('visits', 'v-other', 'status', 'booked')]);
    const cells = [
      head.cell('visits', 'v-riga', 'status', 'booked', { branchId: 'riga' }),
      head.cell('visits', 'v-riga', 'starts_at', '2026-12-07T09:00:00Z', { branchId: 'riga' }),
      head.cell('visits', 'v-yer', 'status', 'booked', { branchId: 'yerevan' }),
      head.cell('users', 'u1', 'name', 'Owner', { branchId: null }),
    ];
    await head.sync(cells);
    await head.sync([head.cell('visits', 'v-riga', 'status', 'arrived', { branchId: 'riga', msAfter: 50 })]);
    const walk = async (d: typeof head) => {
      const out: CellMessage[] = [];
      let after: unknown = null;
      do {
        const r = await post<{ cells: CellMessage[]; next: unknown }>(hub.url, '/hub/v1/cells', { protocol: HUB_PROTOCOL, schemaVersion: DESKTOP_SCHEMA_VERSION, after, limit: 2 }, d.key);
        expect(r.status).toBe(200);
        out.push(...r.body.cells);
        after = r.body.next;
      } while (after);
      return out.map((c) => [c.table, c.rowId, c.column, c.value]);
    };
    expect(await walk(head)).toEqual([
      ['users', 'u1', 'name', 'Owner'],
      ['visits', 'v-riga', 'starts_at', '2026-12-07T09:00:00Z'],
      ['visits', 'v-riga', 'status', 'arrived'],
      ['visits', 'v-yer', 'status', 'booked'],
    ]);
    expect((await walk(riga)).map((c) => c[1])).toEqual(['u1', 'v-riga', 'v-riga']);
  });

  it("a device of one organization reads nothing of another's, whatever cursor it sends", async () => {
    const hub = await startTestHub(engine);
    const a = await foundingDevice(hub, 'Org A');
    const b = await foundingDevice(hub, 'Org B');
    await a.sync([a.cell('clients', 'secret', 'name', 'A only')]);
    expect(await b.pullAll()).toEqual([]);
    expect((await b.sync([], { cursor: 0 })).body.cells).toEqual([]);
    // The same row id in B is B's own row: A's value is untouched.
    await b.sync([b.cell('clients', 'secret', 'name', 'B value', { msAfter: 10 })]);
    expect((await currentCell(hub.hub.db, a.orgId!, 'clients', 'secret', 'name'))!.value).toBe('A only');
    expect(await a.pullAll()).toEqual([]);
  });

  it('a revoked device is refused at its very next request, before its body is read', async () => {
    const hub = await startTestHub(engine);
    const a = await foundingDevice(hub);
    expect((await a.sync()).status).toBe(200);
    await revokeDevice(hub.hub.db, a.deviceId, hub.clock.now());
    const before = await tableCounts(hub.hub);
    const r = await a.sync([a.cell('clients', 'c', 'name', 'x')]);
    expect(r).toMatchObject({ status: 403, body: { code: 'hub.device_revoked', key: 'errors.hub_device_revoked' } });
    expect((await post(hub.url, '/hub/v1/sync', 'not json at all', a.key)).body.code).toBe('hub.device_revoked');
    expect((await a.wait(1000)).body.code).toBe('hub.device_revoked');
    expect(await tableCounts(hub.hub)).toEqual(before);
    for (const key of [undefined, 'x'.repeat(43), `${a.key}x`]) {
      expect((await post(hub.url, '/hub/v1/sync', {}, key))).toMatchObject({ status: 401, body: { code: 'hub.unauthorized' } });
    }
  });

  it('refuses an older or newer app, another protocol, a drifted clock and stamps from too far ahead, before any write', async () => {
    const hub = await startTestHub(engine);
    const a = await foundingDevice(hub);
    const before = await tableCounts(hub.hub);
    const cells = [a.cell('clients', 'c', 'name', 'x')];
    expect(await a.sync(cells, { schemaVersion: DESKTOP_SCHEMA_VERSION - 1 })).toMatchObject({ status: 426, body: { code: 'hub.update_app', params: { hub: DESKTOP_SCHEMA_VERSION, device: DESKTOP_SCHEMA_VERSION - 1 } } });
    expect(await a.sync(cells, { schemaVersion: DESKTOP_SCHEMA_VERSION + 1 })).toMatchObject({ status: 409, body: { code: 'hub.too_new', key: 'errors.hub_too_new' } });
    expect(await a.sync(cells, { protocol: HUB_PROTOCOL + 1 })).toMatchObject({ status: 400, body: { code: 'hub.protocol' } });
    const drift = await a.sync(cells, { deviceNow: hub.clock.now() - 7 * 60_000 });
    expect(drift).toMatchObject({ status: 409, body: { code: 'hub.clock_drift', key: 'errors.hub_clock_drift', params: { minutes: 7 } } });
    expect((await a.sync(cells, { deviceNow: hub.clock.now() + 5 * 60_000 + 1 })).body.code).toBe('hub.clock_drift');
    const ahead = await a.sync([a.cell('clients', 'c', 'name', 'future', { msAfter: 6 * 60_000 })]);
    expect(ahead.body).toMatchObject({ code: 'hub.clock_drift', params: { minutes: 6 } });
    expect(await tableCounts(hub.hub)).toEqual(before);
    // Within the drift: accepted.
    expect((await a.sync(cells, { deviceNow: hub.clock.now() + 4 * 60_000 })).body.accepted).toBe(1);
  });

  it('a device pulling while others push at once gets every cell exactly once (cursors never pass a slower commit)', async () => {
    const hub = await startTestHub(engine);
    const writers = [await foundingDevice(hub)];
    for (let i = 0; i < 3; i++) writers.push(await joiningDevice(hub, writers[0]!.orgId!));
    const reader = await joiningDevice(hub, writers[0]!.orgId!);
    let pushing = true;
    const seen: string[] = [];
    const reading = (async () => {
      while (pushing) seen.push(...(await reader.pullAll(37)).map((c) => c.rowId));
    })();
    await Promise.all(
      writers.map(async (w, i) => {
        for (let b = 0; b < 15; b++) {
          const r = await w.sync(Array.from({ length: 40 }, (_, k) => w.cell('clients', `w${i}-b${b}-${k}`, 'name', 'x')));
          expect(r.body.accepted).toBe(40);
        }
      }),
    );
    pushing = false;
    await reading;
    seen.push(...(await reader.pullAll()).map((c) => c.rowId));
    expect(seen).toHaveLength(4 * 15 * 40);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
