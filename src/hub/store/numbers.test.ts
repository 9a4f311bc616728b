import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { foundingDevice, joiningDevice, startTestHub, type TestDevice, type TestHub } from '../testing/hub';
import { expectContiguous, latestValues, numbersSeen, OfflineNumbering, seriesCells } from '../testing/numbering';
import type { CellMessage } from '../../shared/sync/protocol';
import { ENGINES } from '../testing/storage';

async function organization(hub: TestHub, devices: number) {
  const first = await foundingDevice(hub);
  const all: TestDevice[] = [first];
  for (let i = 1; i < devices; i++) all.push(await joiningDevice(hub, first.orgId!));
  return all;
}

// Every cell each device pulled, its pushes' answers included (a push pulls too).
const pulled = new Map<TestDevice, CellMessage[]>();
async function push(device: TestDevice, cells: CellMessage[]) {
  const r = await device.sync(cells);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  pulled.set(device, [...(pulled.get(device) ?? []), ...r.body.cells]);
  return r;
}
async function pullAll(device: TestDevice): Promise<CellMessage[]> {
  pulled.set(device, [...(pulled.get(device) ?? []), ...(await device.pullAll())]);
  return pulled.get(device)!;
}

const finals = (hub: TestHub) => hub.hub.db.selectFrom('hub_number').select(['row_id', 'final', 'provisional']).orderBy('final').execute();

describe.each(ENGINES)('final numbers for provisional ones (%s)', (engine) => {
  it('two devices numbering offline in one series: final numbers 1…5 in push order, each device in its own order', async () => {
    const hub = await startTestHub(engine);
    const [a, b] = await organization(hub, 2);
    const series = randomUUID();
    await push(a!, seriesCells(a!, series));
    const onA = new OfflineNumbering(a!, series);
    const onB = new OfflineNumbering(b!, series);
    const pushedA = onA.validate(3);
    const pushedB = onB.validate(2);

    // B comes online first: its documents take 1 and 2, then A's 3, 4, 5.
    await push(b!, pushedB);
    await push(a!, pushedA);
    const pulledA = await pullAll(a!);
    const pulledB = await pullAll(b!);
    const rows = [...onA.docs, ...onB.docs].map((d) => d.rowId);
    const seenA = numbersSeen(pushedA, pulledA, rows);
    expect(seenA).toEqual(['RIX-000003', 'RIX-000004', 'RIX-000005', 'RIX-000001', 'RIX-000002']);
    expect(numbersSeen(pushedB, pulledB, rows)).toEqual(seenA);
    // The series' next number reached both devices; the hub keeps both numbers of each document.
    expect(latestValues(pulledB).get(`doc_series/${series}/next_number`)?.value).toBe(6);
    expect((await finals(hub)).map((f) => [f.final, f.provisional])).toEqual([
      [1, onB.docs[0]!.provisional],
      [2, onB.docs[1]!.provisional],
      [3, onA.docs[0]!.provisional],
      [4, onA.docs[1]!.provisional],
      [5, onA.docs[2]!.provisional],
    ]);
  });

  it('three devices, pushing in pieces and in every order: contiguous, unique, each device in its validation order', async () => {
    const orders = [
      [0, 1, 2],
      [2, 0, 1],
      [1, 2, 0],
    ];
    for (const order of orders) {
      const hub = await startTestHub(engine);
      const devices = await organization(hub, 3);
      const series = randomUUID();
      await push(devices[0]!, seriesCells(devices[0]!, series, { nextNumber: 41 }));
      const numbering = devices.map((d) => new OfflineNumbering(d, series));
      const batches = numbering.map((n, i) => [n.validate(2 + i), n.validate(3)]);
      // Each device pushes its first batch in `order`, then the second batches in the reverse order.
      for (const i of order) await push(devices[i]!, batches[i]![0]!);
      for (const i of [...order].reverse()) await push(devices[i]!, batches[i]![1]!);
      const rows = numbering.flatMap((n) => n.docs.map((d) => d.rowId));
      const views = await Promise.all(devices.map(async (d, i) => numbersSeen(batches[i]!.flat(), await pullAll(d), rows)));
      for (const v of views) expect(v).toEqual(views[0]);
      expectContiguous(views[0]!, 'RIX-', 6, 41);
      for (const n of numbering) {
        const own = n.docs.map((d) => views[0]![rows.indexOf(d.rowId)]!);
        expect(own).toEqual([...own].sort());
      }
      const given = await finals(hub);
      expect(given.map((g) => g.final)).toEqual(Array.from({ length: rows.length }, (_, i) => 41 + i));
    }
  });

  it('a push applied twice assigns nothing twice: the same batch id, or its cells under another one', async () => {
    const hub = await startTestHub(engine);
    const [a, b] = await organization(hub, 2);
    const series = randomUUID();
    await push(a!, seriesCells(a!, series));
    const on = new OfflineNumbering(b!, series);
    const cells = on.validate(4);
    const batchId = randomUUID();
    expect((await b!.sync(cells, { batchId })).body.accepted).toBe(8);
    const logged = async () => Number((await hub.hub.db.selectFrom('hub_cell_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = { finals: await finals(hub), log: await logged() };
    expect(before.finals.map((f) => f.final)).toEqual([1, 2, 3, 4]);
    expect((await b!.sync(cells, { batchId })).body.accepted).toBe(0);
    expect((await b!.sync(cells)).body.accepted).toBe(0);
    expect({ finals: await finals(hub), log: await logged() }).toEqual(before);
    // The next document continues the series, with no gap where a replay could have spent numbers.
    await push(b!, on.validate(1));
    expect((await finals(hub)).map((f) => f.final)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a document numbered on two devices keeps one final number, written again after the later provisional one', async () => {
    const hub = await startTestHub(engine);
    const [a, b, reader] = await organization(hub, 3);
    const series = randomUUID();
    await push(a!, seriesCells(a!, series));
    const onA = new OfflineNumbering(a!, series);
    const cellsA = onA.validate(1);
    await push(a!, cellsA);
    // B validated the same document later, while offline, before the final number reached it.
    const doc = onA.docs[0]!.rowId;
    hub.clock.advance(60_000);
    const late = [b!.cell('intervention', doc, 'series_id', series, { branchId: 'riga' }), b!.cell('intervention', doc, 'number', 'RIX-P9-000001', { branchId: 'riga' })];
    await push(b!, late);
    const seen = latestValues(await pullAll(reader!)).get(`intervention/${doc}/number`)!;
    expect(seen.value).toBe('RIX-000001');
    expect(seen.hlc > late[1]!.hlc).toBe(true);
    expect((await finals(hub)).map((f) => f.final)).toEqual([1]);
  });

  it('numbers nothing for a document deleted before it reached the hub, nor cells that only look like numbers', async () => {
    const hub = await startTestHub(engine);
    const [a] = await organization(hub, 1);
    const series = randomUUID();
    await push(a!, seriesCells(a!, series));
    const on = new OfflineNumbering(a!, series);
    const cells = on.validate(2);
    cells.push(a!.cell('intervention', on.docs[0]!.rowId, '_deleted', true, { branchId: 'riga', msAfter: 500 }));
    cells.push(a!.cell('client_phone', randomUUID(), 'number', 'RIX-P7-000001', { branchId: null }));
    await push(a!, cells);
    expect((await finals(hub)).map((f) => [f.row_id, f.final])).toEqual([[on.docs[1]!.rowId, 1]]);
  });
});
