import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordImported } from '../../api/funnel';
import { disposeTestApp, openTestOrg, personInput, startTestApp, type TestApp } from '../../testing/harness';
import { HLC_PATTERN } from '../../../shared/sync/hlc';
import { exchange, nodeOf, type Node } from './testing';

/** The replica's parts on real files: the clock's stamps, what a push covers, the inbox of split rows. */
let a: Node;
let owner: string;
let orgId: string;

const stamps = (app: TestApp) => app.core.sqlite.prepare('select seq, hlc, origin from change_log order by seq').all() as { seq: number; hlc: string; origin: string | null }[];

beforeAll(async () => {
  const org = await openTestOrg();
  a = nodeOf(org.app);
  owner = org.owner;
  orgId = a.app.core.sqlite.prepare('select id from org').pluck().get() as string;
}, 60_000);

afterAll(async () => {
  if (a) await disposeTestApp(a.app);
});

describe('the clock in the funnel', () => {
  it('stamps every change after the one before, even within one millisecond, with this installation as node', async () => {
    for (let i = 0; i < 3; i++) await a.app.call(owner, 'clients.create', personInput(`Ieva ${i}`));
    const all = stamps(a.app);
    const node = (await a.replica.installationId()).replace(/-/g, '');
    for (const s of all) expect(s.hlc).toMatch(HLC_PATTERN);
    expect(all.every((s) => s.hlc.endsWith(node) && s.origin === null)).toBe(true);
    const hlcs = all.map((s) => s.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(hlcs.length);
  });

  it('keeps each cell an edit or a delete changed stamped with that change', async () => {
    const { client } = await a.app.call(owner, 'clients.create', personInput('Marta Liepa'));
    await a.app.call(owner, 'clients.update', { ...personInput('Marta Liepa'), notes: 'prefers mornings', id: client.id, version: client.version });
    const cells = a.app.core.sqlite.prepare(`select column_name, hlc from sync_cell where table_name = 'client' and row_id = ?`).all(client.id) as { column_name: string; hlc: string }[];
    const update = a.app.core.sqlite.prepare(`select hlc from change_log where table_name = 'client' and row_id = ? order by seq desc`).pluck().get(client.id) as string;
    // The insert stamps no cell (its columns are as old as the insert's change); the edit stamps what it changed.
    expect(cells).toEqual([{ column_name: 'notes', hlc: update }]);
    await a.app.call(owner, 'clients.delete', { id: client.id });
    const tombstone = a.app.core.sqlite.prepare(`select hlc from sync_cell where table_name = 'client' and row_id = ? and column_name = '_deleted'`).pluck().get(client.id);
    expect(tombstone).toBe(a.app.core.sqlite.prepare(`select hlc from change_log where table_name = 'client' and row_id = ? order by seq desc`).pluck().get(client.id));
  });

  it('goes on after the greatest stamp of the file when the core starts again, and after rows stamped in bulk', async () => {
    const dir = a.app.dir;
    await a.app.close();
    const again = await startTestApp({}, dir);
    a = nodeOf(again);
    owner = await again.login('owner', 'owner-pass-1');
    // The clock of the new core is behind the file's stamps (it starts at the same instant as the first core).
    const before = stamps(again).at(-1)!.hlc;
    await again.call(owner, 'clients.create', personInput('Rasa Vītola'));
    expect(stamps(again).at(-1)!.hlc > before).toBe(true);

    // A row loaded in bulk, stamped in the future of this clock: the next local change still orders after it.
    const at = '2026-11-23T10:00:00.000Z';
    again.core.sqlite.prepare(`insert into client (id, org_id, kind, name, name_key, created_at, updated_at, version) values ('0190a000-0000-7000-8000-000000000001', ?, 'person', 'Imported', 'imported', ?, ?, 1)`).run(orgId, at, at);
    expect(recordImported(again.core.sqlite, 'client')).toBe(1);
    const imported = stamps(again).at(-1)!.hlc;
    expect(imported.startsWith(`${at}-0000-`)).toBe(true);
    await again.call(owner, 'clients.create', personInput('Toms Egle'));
    expect(stamps(again).at(-1)!.hlc > imported).toBe(true);
  });
});

describe('what a push covers', () => {
  it('sends only what was written here, and moves past pulled changes', async () => {
    const b = nodeOf(await startTestApp());
    try {
      await exchange(a, b, orgId);
      const top = Number(b.app.core.sqlite.prepare('select max(seq) from change_log').pluck().get());
      expect(await b.replica.outbound(orgId, 0, 100)).toEqual({ cells: [], lastSeq: top });
      expect(await b.replica.pending(orgId, 0)).toBe(0);
      const token = await b.app.login('owner', 'owner-pass-1');
      const { client } = await b.app.call(token, 'clients.create', personInput('Jānis Bērziņš'));
      expect(await b.replica.pending(orgId, top)).toBe(1);
      const out = await b.replica.outbound(orgId, top, 100);
      expect(out.lastSeq).toBe(top + 1);
      expect(new Set(out.cells.map((c) => c.rowId))).toEqual(new Set([client.id]));
      expect(out.cells.find((c) => c.column === 'name')).toMatchObject({ value: 'Jānis Bērziņš', branchId: null });
      expect(out.cells.map((c) => c.column)).toContain('created_at');
      // A limit of cells cuts the batch at a whole change: the rest follows after its seq, nothing lost.
      const keys = (cells: { table: string; rowId: string; column: string }[]) => cells.map((c) => `${c.table} ${c.rowId} ${c.column}`);
      const whole = await a.replica.outbound(orgId, 0, 1_000_000);
      const first = await a.replica.outbound(orgId, 0, 30);
      expect(first.cells.length).toBeLessThanOrEqual(30);
      expect(first.lastSeq).toBeLessThan(whole.lastSeq);
      const rest = await a.replica.outbound(orgId, first.lastSeq, 1_000_000);
      expect(new Set([...keys(first.cells), ...keys(rest.cells)])).toEqual(new Set(keys(whole.cells)));
    } finally {
      await disposeTestApp(b.app);
    }
  });
});

describe('a row split across batches', () => {
  it('waits in the inbox until the cell it cannot be inserted without arrives, then lands whole', async () => {
    const b = nodeOf(await startTestApp());
    try {
      const { client } = await a.app.call(owner, 'clients.create', personInput('Elīna Zariņa'));
      const { cells } = await a.replica.outbound(orgId, 0, 1_000_000);
      const name = cells.filter((c) => c.rowId === client.id && c.column === 'name');
      expect(name).toHaveLength(1);
      const first = await b.replica.apply(orgId, cells.filter((c) => c !== name[0]));
      expect(first.parked).toBeGreaterThan(0);
      expect(await b.replica.waiting(orgId)).toBe(first.parked);
      expect(b.app.core.sqlite.prepare('select count(*) from client where id = ?').pluck().get(client.id)).toBe(0);

      const second = await b.replica.apply(orgId, name);
      expect(second.parked).toBe(0);
      expect(await b.replica.waiting(orgId)).toBe(0);
      const token = await b.app.login('owner', 'owner-pass-1');
      expect(await b.app.call(token, 'clients.get', { id: client.id })).toMatchObject({ name: 'Elīna Zariņa' });
    } finally {
      await disposeTestApp(b.app);
    }
  });
});
