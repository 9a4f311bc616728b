import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../shared/api/auth';
import { GRID_COLUMNS, SORT_FIELDS, STATUSES, type GridRow, type GridScope, type SortField } from '../../../shared/api/interventions';
import { PRIORITY_RANK } from '../../../shared/rules/interventions';
import { compareKeys, foldKey, sortKey } from '../../../shared/rules/text';
import { setupOrg, startTestApp, type TestApp } from '../../testing/harness';
import type { InterventionGrid } from './gridSource';
import { InterventionIndex } from './memory/memoryIndex';
import { memoryGridSource } from './memorySource';
import { sqlGridSource } from './sqlSource';

/**
 * Sorting on every grid column, both ways, through the memory index and through SQL, against an order computed here
 * from what the grid shows (the documents' creation order breaks ties); and the classification 2 and 3 filters and
 * groupings against counts worked out by hand from the fixture below.
 */

let app: TestApp;
let owner: string;
let user: SessionUser;
let index: InterventionIndex;
/** Documents D0…D6 in creation order (D6 is deleted: it must never show). */
const doc: string[] = [];
const n: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  owner = await setupOrg(app);
  user = (await app.call(owner, 'auth.me', {}))!;
  const [riga] = await app.call(owner, 'branches.list', {});
  await app.call(owner, 'series.create', { docType: 'intervention', branchId: riga!.id, prefix: 'RIX-', padding: 4, nextNumber: 1 });
  const nom = async (kind: 'intervention_type' | 'vehicle' | 'zone' | 'classification' | 'classification2' | 'classification3', key: string, name: string) =>
    void (n[key] = (await app.call(owner, 'nomenclature.create', { kind, code: key, name })).id);
  await nom('intervention_type', 'T1', 'Remonts');
  await nom('intervention_type', 'T2', 'apkope');
  await nom('intervention_type', 'T3', 'Ēku pārbaude');
  await nom('vehicle', 'VB', 'Van B');
  await nom('vehicle', 'VA', 'van a');
  await nom('zone', 'ZB', 'Zona B');
  await nom('zone', 'ZA', 'Zona A');
  await nom('classification2', 'G', 'Gāze');
  await nom('classification2', 'E', 'Elektrība');
  await nom('classification3', 'A', 'Ārkārtas');
  await nom('classification3', 'P', 'Plānots');
  for (const [k, name] of [['O1', 'Katls Vaillant'], ['O2', 'boileris']] as const) n[k] = (await app.call(owner, 'products.create', { code: k, name, isSystem: false })).id;
  const client = async (name: string, extra: object) => (await app.call(owner, 'clients.create', { kind: 'person', name, phones: [], emails: [], addresses: [], contacts: [], ...extra })).client;
  const c0 = await client('Bērziņš Jānis', {
    fiscalCode: 'LV-2',
    phones: [{ number: '+37120000002' }],
    emails: [{ address: 'janis@example.lv' }],
    addresses: [{ street: 'Brīvības iela 1', locality: 'Rīga', country: 'LV' }],
    contacts: [{ name: 'Zane' }, { name: 'andris' }],
  });
  const c1 = await client('ozola Anna', { fiscalCode: 'LV-1', phones: [{ number: '+37120000001' }], emails: [{ address: 'Anna@example.lv' }], addresses: [{ street: 'Ausekļa 5', locality: 'Ādaži', country: 'LV' }] });
  const c2 = await client('Kalniņš', {});
  const [zane, andris] = c0.contacts.map((c) => c.id);
  const docs = [
    { clientId: c0.id, typeId: n.T1, notes: 'Katls pil', zoneId: n.ZB, classification2Id: n.G, classification3Id: n.A, priority: 'high', docDate: '2026-10-05', vehicleId: n.VB, objectProductId: n.O1, contactId: zane },
    { clientId: c1.id, typeId: n.T2, notes: 'apkope', zoneId: n.ZA, classification2Id: n.E, priority: 'low', docDate: '2026-10-03', objectProductId: n.O2, objectSerial: 'sn-9' },
    { clientId: c2.id, classification2Id: n.G, classification3Id: n.P, priority: 'medium', docDate: '2026-10-05', objectSerial: 'SN-10' },
    { clientId: c0.id, typeId: n.T3, notes: 'Ūdens noplūde', zoneId: n.ZA, classification3Id: n.A, priority: 'low', docDate: '2026-10-01', vehicleId: n.VA, contactId: andris },
    { clientId: c1.id, typeId: n.T2, notes: 'Apkope', zoneId: n.ZB, classification2Id: n.G, classification3Id: n.P, priority: 'high', docDate: '2026-10-04', objectProductId: n.O1 },
    { clientId: c0.id, typeId: n.T1, notes: 'Katls', classification2Id: n.E, priority: 'medium', docDate: '2026-10-02', startAt: '2026-10-06T08:00:00.000Z', endAt: '2026-10-06T09:00:00.000Z' },
    { clientId: c2.id, typeId: n.T3, notes: 'deleted', classification2Id: n.G, classification3Id: n.A, priority: 'low', docDate: '2026-10-01' },
  ] as const;
  for (const d of docs) doc.push((await app.call(owner, 'interventions.create', { branchId: riga!.id, ...d })).id);
  const v1 = await app.call(owner, 'interventions.get', { id: doc[1]! });
  await app.call(owner, 'interventions.validate', { id: doc[1]!, version: v1.version });
  const v4 = await app.call(owner, 'interventions.get', { id: doc[4]! });
  await app.call(owner, 'interventions.validate', { id: doc[4]!, version: v4.version });
  const v3 = await app.call(owner, 'interventions.get', { id: doc[3]! });
  await app.call(owner, 'interventions.cancel', { id: doc[3]!, version: v3.version, reason: 'Called off' });
  await app.call(owner, 'interventions.delete', { id: doc[6]! });
  await app.core.ready;
  index = new InterventionIndex();
  await index.load(app.core.db, app.core.sqlite);
}, 60_000);
afterAll(async () => app.close());

const D = (...k: number[]) => k.map((i) => doc[i]!);
const sources = (): [string, InterventionGrid][] => [
  ['memory', memoryGridSource(index, app.core.db, user)],
  ['sql', sqlGridSource(app.core.db, user)],
];
const ids = async (grid: InterventionGrid, scope: GridScope, sort: SortField, desc: boolean) => (await grid.page(scope, { sort, desc }, 0, 100)).map((r) => r.id);

type Key = string | number | null;
/** A column's sort key as the grid shows the value: text by its folded first characters, enums in workflow order. */
function keyOf(field: SortField, r: GridRow): Key {
  const v = r[field as keyof GridRow];
  switch (field) {
    case 'status':
      return STATUSES.indexOf(r.status);
    case 'priority':
      return PRIORITY_RANK[r.priority];
    case 'valid':
    case 'cancelled':
      return v ? 1 : 0;
    case 'docDate':
    case 'startAt':
    case 'endAt':
    case 'number':
      return (v as string | null) ?? null;
    case 'client':
    case 'address':
      return v == null ? null : foldKey(v as string);
    case 'series':
      // Named without its trailing dash ("RIX"), sorted by the series' prefix; one series here.
      return v == null ? null : sortKey(`${v as string}-`);
    default:
      return v == null ? null : sortKey(v as string);
  }
}

function compare(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : compareKeys(String(a), String(b));
}

describe('sorting every grid column', () => {
  it('orders by each of the 29 columns, ascending and descending, the same in the memory index and in SQL as worked out from the values', async () => {
    expect(GRID_COLUMNS.every((c) => (SORT_FIELDS as readonly string[]).includes(c))).toBe(true);
    const sql = sqlGridSource(app.core.db, user);
    // In creation order: the tie-break.
    const rows = (await sql.page({ filters: {} }, { sort: 'docDate', desc: false }, 0, 100)).sort((a, b) => doc.indexOf(a.id) - doc.indexOf(b.id));
    expect(rows.map((r) => r.id)).toEqual(D(0, 1, 2, 3, 4, 5));
    for (const field of SORT_FIELDS.filter((f) => f !== 'updatedAt')) {
      const asc = [...rows].sort((a, b) => compare(keyOf(field, a), keyOf(field, b)) || doc.indexOf(a.id) - doc.indexOf(b.id)).map((r) => r.id);
      // Not every column ties on every row: the fixture tells the orders apart.
      for (const [name, grid] of sources()) {
        expect(await ids(grid, { filters: {} }, field, false), `${name} ${field} asc`).toEqual(asc);
        expect(await ids(grid, { filters: {} }, field, true), `${name} ${field} desc`).toEqual([...asc].reverse());
      }
    }
  });

  it('gives the orders worked out by hand for text and label columns, diacritics and case folded, no value first, ties by creation', async () => {
    const expected: [SortField, string[]][] = [
      ['type', D(2, 1, 4, 3, 0, 5)],
      ['locality', D(2, 1, 4, 0, 3, 5)],
      ['notes', D(2, 1, 4, 5, 0, 3)],
      ['vehicle', D(1, 2, 4, 5, 3, 0)],
      ['zone', D(2, 5, 1, 3, 0, 4)],
      ['classification2', D(3, 1, 5, 0, 2, 4)],
      ['classification3', D(1, 5, 0, 3, 2, 4)],
      ['object', D(2, 3, 5, 1, 0, 4)],
      ['objectSerial', D(0, 3, 4, 5, 2, 1)],
      ['contact', D(1, 2, 4, 5, 3, 0)],
      ['phone', D(2, 1, 4, 0, 3, 5)],
      ['email', D(2, 1, 4, 0, 3, 5)],
      ['client', D(0, 3, 5, 2, 1, 4)],
      ['cancelled', D(0, 1, 2, 4, 5, 3)],
      ['valid', D(0, 2, 3, 5, 1, 4)],
    ];
    for (const [name, grid] of sources()) {
      for (const [field, order] of expected) {
        expect(await ids(grid, { filters: {} }, field, false), `${name} ${field}`).toEqual(order);
        expect(await ids(grid, { filters: {} }, field, true), `${name} ${field} desc`).toEqual([...order].reverse());
      }
    }
  });

  it('follows a renamed label: the order by type changes once the type is renamed', async () => {
    const grid = memoryGridSource(index, app.core.db, user);
    expect(await ids(grid, { filters: {} }, 'type', false)).toEqual(D(2, 1, 4, 3, 0, 5));
    const t1 = (await app.call(owner, 'nomenclature.list', { kind: 'intervention_type' })).find((r) => r.id === n.T1)!;
    const renamed = await app.call(owner, 'nomenclature.update', { id: t1.id, version: t1.version, code: 'T1', name: 'Avārija', active: true, clientId: null });
    for (const [name, g] of sources()) expect(await ids(g, { filters: {} }, 'type', false), name).toEqual(D(2, 1, 4, 0, 5, 3));
    await app.call(owner, 'nomenclature.update', { id: renamed.id, version: renamed.version, code: 'T1', name: 'Remonts', active: true, clientId: null });
    expect(await ids(grid, { filters: {} }, 'type', false)).toEqual(D(2, 1, 4, 3, 0, 5));
  });
});

describe('classifications 2 and 3', () => {
  it('filter to the documents worked out by hand', async () => {
    const cases: [GridScope['filters'], string[]][] = [
      [{ classification2Id: n.G! }, D(0, 2, 4)],
      [{ classification2Id: n.E! }, D(1, 5)],
      [{ classification3Id: n.A! }, D(0, 3)],
      [{ classification3Id: n.P! }, D(2, 4)],
      [{ classification2Id: n.G!, classification3Id: n.P! }, D(2, 4)],
      [{ classification2Id: n.E!, classification3Id: n.A! }, []],
    ];
    for (const [name, grid] of sources()) {
      for (const [filters, want] of cases) {
        expect(await grid.count({ filters }), `${name} ${JSON.stringify(filters)}`).toBe(want.length);
        expect((await ids(grid, { filters }, 'docDate', false)).sort(), name).toEqual([...want].sort());
      }
    }
  });

  it('group into the counts and names worked out by hand, at one level and two', async () => {
    const byName = (gs: { key: string | null; label: string | null; count: number }[]) => gs.map((g) => [g.label, g.count]);
    for (const [name, grid] of sources()) {
      // Listed by name, "(empty)" (no key) as the group naming puts it.
      const c2 = await grid.groups({ filters: {}, groupBy: [{ field: 'classification2' }] });
      expect(Object.fromEntries(c2.map((g) => [g.key ?? 'none', g.count])), name).toEqual({ [n.G!]: 3, [n.E!]: 2, none: 1 });
      expect(c2.find((g) => g.key === n.G)!.label).toBe('Gāze');
      const c3 = await grid.groups({ filters: {}, groupBy: [{ field: 'classification3' }] });
      expect(Object.fromEntries(c3.map((g) => [g.key ?? 'none', g.count])), name).toEqual({ [n.A!]: 2, [n.P!]: 2, none: 2 });
      const gThen3 = await grid.groups({ filters: {}, groupBy: [{ field: 'classification2' }, { field: 'classification3' }], groupPath: [n.G!] });
      expect(byName(gThen3).sort(), name).toEqual([['Plānots', 2], ['Ārkārtas', 1]].sort());
      const eThen3 = await grid.groups({ filters: {}, groupBy: [{ field: 'classification2' }, { field: 'classification3' }], groupPath: [n.E!] });
      expect(eThen3.map((g) => [g.key, g.count]), name).toEqual([[null, 2]]);
      const inside = { filters: {}, groupBy: [{ field: 'classification2' as const }, { field: 'classification3' as const }], groupPath: [n.G!, n.P!] };
      expect((await ids(grid, inside, 'docDate', false)).sort(), name).toEqual(D(2, 4).sort());
      const noneThen = { filters: {}, groupBy: [{ field: 'classification3' as const }, { field: 'zone' as const }], groupPath: [null] };
      expect((await grid.groups(noneThen)).map((g) => [g.label, g.count]).sort(), name).toEqual([[null, 1], ['Zona A', 1]].sort());
    }
  });

  it('reads the same rows, field for field, for the memory index as SQL does: through the connection\'s prepared page and through Kysely alike', async () => {
    const sql = await sqlGridSource(app.core.db, user).page({ filters: {} }, { sort: 'number', desc: false }, 0, 100);
    expect(sql.length).toBe(6);
    // app.core.db runs on a connection of its own (the page prepared once); one bound by connection() goes through Kysely.
    const prepared = await memoryGridSource(index, app.core.db, user).page({ filters: {} }, { sort: 'number', desc: false }, 0, 100);
    const viaKysely = await app.core.db.connection().execute((conn) => memoryGridSource(index, conn, user).page({ filters: {} }, { sort: 'number', desc: false }, 0, 100));
    expect(prepared).toEqual(sql);
    expect(viaKysely).toEqual(sql);
    expect(sql.some((r) => r.vehicle && r.contact && r.type) && sql.some((r) => r.cancelled) && sql.some((r) => r.valid)).toBe(true);
  });
});
