import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../shared/api/auth';
import type { GridScope, SortField } from '../../../shared/api/interventions';
import { intoGroup } from '../../grid/scope';
import { gridTotals } from '../../grid/totals';
import { setupOrg, startTestApp, type TestApp } from '../../testing/harness';
import { interventionGrid, TOTAL_FIELDS, type InterventionGrid } from './gridSource';
import { InterventionIndex } from './memory/memoryIndex';

/**
 * One grid, one interface: asked before the memory index is ready (SQL answers) and after (the index answers), the
 * same calls give the same pages, counts, groups and export order. The choice is made by `interventionGrid` alone.
 */

let app: TestApp;
let user: SessionUser;
const zones: string[] = [];
const clients: string[] = [];
const DOCS = 70;

beforeAll(async () => {
  app = await startTestApp();
  const owner = await setupOrg(app);
  user = (await app.call(owner, 'auth.me', {}))!;
  const [riga] = await app.call(owner, 'branches.list', {});
  const other = await app.call(owner, 'branches.create', { name: 'Daugavpils', timeZone: 'Europe/Riga' });
  const branches = [riga!.id, other.id];
  for (const [k, b] of branches.entries()) await app.call(owner, 'series.create', { docType: 'intervention', branchId: b, prefix: k ? 'DGP-' : 'RIX-', padding: 4, nextNumber: 1 });
  for (let i = 0; i < 3; i++) zones.push((await app.call(owner, 'nomenclature.create', { kind: 'zone', code: `G${i}`, name: `Zona ${'CBA'[i]}` })).id);
  for (const name of ['Liepiņa Ilze', 'Kalniņš Juris', 'Liepiņa Ilze']) {
    clients.push((await app.call(owner, 'clients.create', { kind: 'person', name, phones: [], emails: [], addresses: [], contacts: [] })).client.id);
  }
  for (let i = 0; i < DOCS; i++) {
    const doc = await app.call(owner, 'interventions.create', {
      branchId: branches[i % 2]!,
      clientId: clients[i % 3]!,
      priority: (['low', 'medium', 'high'] as const)[i % 3]!,
      // Many on the same day: the order between them is the tie-break's.
      docDate: `2026-10-${String(1 + (i % 9)).padStart(2, '0')}`,
      zoneId: i % 4 ? zones[i % 3]! : null,
      notes: i % 5 ? `Boiler check ${i}` : `Radiator ${i}`,
      ...(i % 3 ? {} : { startAt: `2026-10-${String(10 + (i % 7)).padStart(2, '0')}T08:00:00.000Z`, endAt: `2026-10-${String(10 + (i % 7)).padStart(2, '0')}T09:00:00.000Z` }),
    });
    if (i % 7 === 0) await app.call(owner, 'interventions.cancel', { id: doc.id, version: doc.version, reason: 'Called off' });
    else if (i % 11 === 0) await app.call(owner, 'interventions.validate', { id: doc.id, version: doc.version });
  }
  await app.core.ready;
}, 60_000);
afterAll(async () => app.close());

const SCOPES: GridScope[] = [
  { filters: {} },
  { filters: { statuses: ['received', 'cancelled'] } },
  { filters: { search: 'boiler' } },
  { filters: { dateFrom: '2026-10-03', dateTo: '2026-10-07' }, groupBy: [{ field: 'zone' }, { field: 'priority' }] },
  { filters: {}, groupBy: [{ field: 'client' }, { field: 'docDate', bucket: 'week' }] },
  { filters: {}, groupBy: [{ field: 'status' }, { field: 'startAt', bucket: 'day' }] },
];
const ORDERS: { sort: SortField; desc: boolean }[] = [
  { sort: 'docDate', desc: true },
  { sort: 'client', desc: false },
  { sort: 'status', desc: true },
  { sort: 'startAt', desc: false },
  { sort: 'number', desc: true },
];

/** Everything a grid call or an export can ask of one scope, in one order: pages, counts, each group down a path, the export's rows. */
async function answers(grid: InterventionGrid, scope: GridScope, order: { sort: SortField; desc: boolean }): Promise<unknown[]> {
  const out: unknown[] = [];
  out.push(await grid.count(scope), await grid.count(scope, order));
  for (const [offset, limit] of [[0, 10], [5, 20], [60, 30]] as const) out.push((await grid.page(scope, order, offset, limit)).map((r) => r.id));
  // Down the grouping, always into the last group listed (the "(empty)" one too, when it comes last).
  let at = scope;
  for (let d = 0; d < (scope.groupBy?.length ?? 0); d++) {
    const groups = await grid.groups(at);
    out.push(groups);
    if (!groups.length) break;
    at = intoGroup(at, groups[groups.length - 1]!.key);
    out.push(await grid.count(at), (await grid.page(at, order, 0, 50)).map((r) => r.id));
  }
  const snapshot = await grid.snapshot(scope, order);
  const exported: string[] = [];
  for (let offset = 0; offset < snapshot.total; offset += 7) exported.push(...(await snapshot.read(offset, 7)).map((r) => r.id));
  out.push(snapshot.total, exported);
  return out;
}

describe('the interventions grid source', () => {
  it('answers the same before the memory index is ready (SQL) and after (the index): pages, counts, groups and the export order', async () => {
    const index = new InterventionIndex();
    const before = interventionGrid(app.core.db, user, index);
    expect(before.kind).toBe('sql');
    const asked: unknown[][] = [];
    for (const scope of SCOPES) for (const order of ORDERS) asked.push(await answers(before, scope, order));

    await index.load(app.core.db, app.core.sqlite);
    const after = interventionGrid(app.core.db, user, index);
    expect(after.kind).toBe('memory');
    let k = 0;
    for (const scope of SCOPES) for (const order of ORDERS) expect(await answers(after, scope, order), JSON.stringify({ scope, order })).toEqual(asked[k++]);

    // The walk reached rows, groups and a whole export, not only empty answers.
    const all = asked[0]!;
    expect(all[0]).toBe(DOCS);
    expect((all[all.length - 1] as string[]).length).toBe(DOCS);
    expect(asked.flat().filter((a) => Array.isArray(a) && a.length > 0 && typeof a[0] === 'object').length).toBeGreaterThan(10);
  }, 60_000);

  it('a source chosen before the index is ready stays SQL for the rest of its call, even once the index becomes ready', async () => {
    const index = new InterventionIndex();
    const grid = interventionGrid(app.core.db, user, index);
    const scope: GridScope = { filters: {}, groupBy: [{ field: 'zone' }] };
    const first = await grid.groups(scope);
    await index.load(app.core.db, app.core.sqlite);
    expect(grid.kind).toBe('sql');
    expect(await grid.groups(scope)).toEqual(first);
    expect(interventionGrid(app.core.db, user, index).kind).toBe('memory');
  });

  it('counts the footer totals by status and priority alike in SQL and in the index, for the filter and for one group', async () => {
    // What the data above holds, counted by hand: every 7th document cancelled, priorities in turn, zones on 3 of 4.
    const docs = Array.from({ length: DOCS }, (_, i) => ({ status: i % 7 === 0 ? 'cancelled' : 'received', priority: ['low', 'medium', 'high'][i % 3]!, zone: i % 4 ? zones[i % 3]! : null, day: 1 + (i % 9) }));
    const tally = (rows: typeof docs, field: 'status' | 'priority') => {
      const m = new Map<string, number>();
      for (const r of rows) m.set(r[field], (m.get(r[field]) ?? 0) + 1);
      return [...m].map(([key, count]) => ({ key, count })).sort((a, b) => a.key.localeCompare(b.key));
    };
    const sorted = (t: { key: string | null; count: number }[]) => [...t].sort((a, b) => String(a.key).localeCompare(String(b.key)));
    const cases: { scope: GridScope; rows: typeof docs }[] = [
      { scope: { filters: {} }, rows: docs },
      { scope: { filters: { dateFrom: '2026-10-03', dateTo: '2026-10-05' } }, rows: docs.filter((d) => d.day >= 3 && d.day <= 5) },
      { scope: { filters: {}, groupBy: [{ field: 'zone' }, { field: 'client' }], groupPath: [zones[1]!] }, rows: docs.filter((d) => d.zone === zones[1]) },
      { scope: { filters: {}, groupBy: [{ field: 'zone' }], groupPath: [null] }, rows: docs.filter((d) => d.zone === null) },
    ];
    const index = new InterventionIndex();
    const sqlGrid = interventionGrid(app.core.db, user, index);
    await index.load(app.core.db, app.core.sqlite);
    const memoryGrid = interventionGrid(app.core.db, user, index);
    expect([sqlGrid.kind, memoryGrid.kind]).toEqual(['sql', 'memory']);
    for (const { scope, rows } of cases) {
      const fromSql = await gridTotals(sqlGrid, scope, TOTAL_FIELDS);
      const fromMemory = await gridTotals(memoryGrid, scope, TOTAL_FIELDS);
      expect(fromMemory, JSON.stringify(scope)).toEqual(fromSql);
      expect(fromSql.total).toBe(rows.length);
      expect(sorted(fromSql.by.status)).toEqual(tally(rows, 'status'));
      expect(sorted(fromSql.by.priority)).toEqual(tally(rows, 'priority'));
    }
  });
});
