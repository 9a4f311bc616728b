import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../../shared/api/auth';
import { SORT_FIELDS, type GridScope, type GroupLevel, type SortField } from '../../../../shared/api/interventions';
import { setupOrg, startTestApp, type TestApp } from '../../../testing/harness';
import { InterventionIndex } from './memoryIndex';
import { INTERVENTION_INDEX } from '../gridIndex';
import { interventionGrid, type InterventionGrid } from '../gridSource';
import { memoryGridSource } from '../memorySource';
import { sqlGridSource } from '../sqlSource';
import { editableFields } from '../../../../shared/rules/interventions';

/**
 * The memory index must answer exactly as SQL does: the same rows in the same order, the same counts and groups,
 * for a few hundred documents written through the procedures (created, allocated, cancelled, validated, deleted)
 * and a seeded walk through filters, sorts, pages and group paths.
 */

interface ListArgs {
  scope: GridScope;
  sort: SortField;
  desc: boolean;
  offset: number;
  limit: number;
}

let app: TestApp;
let owner: string;
let ownerUser: SessionUser;
let dispatcherUser: SessionUser;
const ids: Record<string, string[]> = { zone: [], classification: [], classification2: [], client: [], user: [], branch: [] };
const DOCS = 260;

/** Small seeded generator: the same walk on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return { next, pick: <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, chance: (p: number) => next() < p };
}

const NOTES = ['Katls pil', 'Apkope gada', 'Обслуживание котла', 'Radiators auksts', 'Spiediens krīt', 'Remont încălzire'];

beforeAll(async () => {
  app = await startTestApp();
  owner = await setupOrg(app);
  ownerUser = (await app.call(owner, 'auth.me', {}))!;
  const [riga] = await app.call(owner, 'branches.list', {});
  const liepaja = await app.call(owner, 'branches.create', { name: 'Liepāja', timeZone: 'Europe/Riga' });
  ids.branch = [riga!.id, liepaja.id];
  for (const b of ids.branch) await app.call(owner, 'series.create', { docType: 'intervention', branchId: b, prefix: b === riga!.id ? 'RIX-' : 'LPX-', padding: 5, nextNumber: 1 });
  for (let i = 0; i < 4; i++) ids.zone!.push((await app.call(owner, 'nomenclature.create', { kind: 'zone', code: `Z${i}`, name: `Zona ${'DCBA'[i]}` })).id);
  for (let i = 0; i < 3; i++) ids.classification!.push((await app.call(owner, 'nomenclature.create', { kind: 'classification', code: `C${i}`, name: `Klase ${i}` })).id);
  for (let i = 0; i < 3; i++) ids.classification2!.push((await app.call(owner, 'nomenclature.create', { kind: 'classification2', code: `D${i}`, name: `Klase2 ${i}` })).id);
  const names = ['Bērziņš Jānis', 'Ozola Anna', 'Иванов Пётр', 'Kazlauskas Tomas', 'Popescu Ion', 'Ozola Anna'];
  for (const [i, name] of names.entries()) {
    const c = await app.call(owner, 'clients.create', { kind: 'person', name, phones: [{ number: `+3712000000${i}` }], emails: [], addresses: [{ street: `Brīvības iela ${i + 1}`, locality: 'Rīga', country: 'LV' }], contacts: [] });
    ids.client!.push(c.client.id);
  }
  for (const role of ['employee', 'employee', 'branch_manager'] as const) {
    const login = `u${ids.user!.length}`;
    const u = await app.call(owner, 'users.create', { login, password: 'password-123', name: `User ${login}`, role, language: 'en', branchIds: ids.branch });
    ids.user!.push(u.id);
  }
  await app.call(owner, 'users.create', { login: 'disp', password: 'password-123', name: 'Dispatcher', role: 'dispatcher', language: 'en', branchIds: [liepaja.id] });
  const disp = await app.login('disp', 'password-123');
  dispatcherUser = (await app.call(disp, 'auth.me', {}))!;

  const r = rng(7);
  const techTokens = new Map<string, string>();
  for (const [k, id] of ids.user!.entries()) techTokens.set(id, await app.login(`u${k}`, 'password-123'));
  for (let i = 0; i < DOCS; i++) {
    const allocated = r.chance(0.6);
    const day = 1 + Math.floor(r.next() * 60);
    const docDate = new Date(Date.UTC(2026, 8, day)).toISOString().slice(0, 10);
    const start = new Date(Date.UTC(2026, 8, day + Math.floor(r.next() * 5), 6 + Math.floor(r.next() * 10)));
    const taker = r.pick(ids.user!);
    const doc = await app.call(owner, 'interventions.create', {
      branchId: r.pick(ids.branch!),
      clientId: r.pick(ids.client!),
      priority: r.pick(['low', 'medium', 'high'] as const),
      docDate,
      notes: r.chance(0.8) ? `${r.pick(NOTES)} ${i}` : null,
      zoneId: r.chance(0.8) ? r.pick(ids.zone!) : null,
      classificationId: r.chance(0.7) ? r.pick(ids.classification!) : null,
      classification2Id: r.chance(0.5) ? r.pick(ids.classification2!) : null,
      ...(allocated ? { takenById: taker, responsibleId: r.pick(ids.user!), startAt: start.toISOString(), endAt: new Date(start.getTime() + 3_600_000).toISOString() } : {}),
    });
    let v = doc.version;
    if (allocated && r.chance(0.5)) v = (await app.call(techTokens.get(taker)!, 'interventions.confirm', { id: doc.id, version: v })).version;
    if (r.chance(0.25)) v = (await app.call(owner, 'interventions.validate', { id: doc.id, version: v })).version;
    if (r.chance(0.08)) await app.call(owner, 'interventions.cancel', { id: doc.id, version: v, reason: 'Client called off' });
    else if (r.chance(0.05) && v === doc.version) await app.call(owner, 'interventions.delete', { id: doc.id });
  }
  await app.core.ready;
}, 120_000);
afterAll(async () => app.close());

/** The same grid asked of the index and of SQL alone. */
const viaIndex = (index: InterventionIndex, user: SessionUser) => memoryGridSource(index, app.core.db, user);
const viaSql = (user: SessionUser) => sqlGridSource(app.core.db, user);
const pageIds = async (grid: InterventionGrid, a: ListArgs) => (await grid.page(a.scope, a, a.offset, a.limit)).map((x) => x.id);

const LEVELS: GroupLevel[] = [
  { field: 'status' },
  { field: 'priority' },
  { field: 'zone' },
  { field: 'client' },
  { field: 'classification' },
  { field: 'docDate', bucket: 'week' },
  { field: 'docDate', bucket: 'month' },
  { field: 'startAt', bucket: 'day' },
  { field: 'endAt', bucket: 'week' },
  { field: 'object' },
];

function randomScope(r: ReturnType<typeof rng>): GridScope {
  const f: GridScope['filters'] = {};
  if (r.chance(0.3)) f.zoneId = r.pick(ids.zone!);
  if (r.chance(0.2)) f.classificationId = r.pick(ids.classification!);
  if (r.chance(0.15)) f.clientId = r.pick(ids.client!);
  if (r.chance(0.15)) f.takenById = r.pick(ids.user!);
  if (r.chance(0.1)) f.responsibleId = r.pick(ids.user!);
  if (r.chance(0.1)) f.branchId = r.pick(ids.branch!);
  if (r.chance(0.25)) f.statuses = [r.pick(['received', 'allocated', 'confirmed', 'finalized', 'cancelled'] as const), r.pick(['received', 'allocated'] as const)];
  if (r.chance(0.2)) f.priorities = [r.pick(['low', 'medium', 'high'] as const)];
  if (r.chance(0.2)) f.dateFrom = '2026-09-20';
  if (r.chance(0.2)) f.dateTo = '2026-10-15';
  if (r.chance(0.15)) f.address = r.pick(['brivibas iela 2', 'Brīvības', 'iela 4']);
  if (r.chance(0.2)) f.search = r.pick(['katl', 'apkope', 'обслуж', 'ozola', '2000000', 'radiators 1', 'pil 17', 'auksts 3']);
  return { filters: f };
}

/** Descends one random path of a grouping, comparing every level's groups and the rows at the bottom. */
async function compareWalk(user: SessionUser, scope: GridScope, sort: SortField, desc: boolean, r: ReturnType<typeof rng>, index: InterventionIndex): Promise<number> {
  const label = JSON.stringify({ scope, sort, desc, role: user.role });
  const mem = viaIndex(index, user);
  const bare = viaSql(user);
  const sqlCount = await bare.count(scope);
  expect(await mem.count(scope), label).toBe(sqlCount);
  // Counted with a sort (as the grid asks), the ordered rows are found too: the same number, and the pages below agree.
  expect(await mem.count(scope, { sort, desc }), label).toBe(sqlCount);
  const args = (offset: number, limit: number): ListArgs => ({ scope, sort, desc, offset, limit });
  for (const [offset, limit] of [[7, 13], [40, 25], [0, 500], [1100, 50]] as const) {
    expect(await pageIds(mem, args(offset, limit)), `${label} @${offset}`).toEqual(await pageIds(bare, args(offset, limit)));
  }
  const levels = scope.groupBy ?? [];
  let path: (string | null)[] = [];
  for (let d = 0; d < levels.length; d++) {
    const at = { ...scope, groupPath: path };
    const groups = await mem.groups(at);
    expect(groups, `${label} groups at ${JSON.stringify(path)}`).toEqual(await bare.groups(at));
    if (!groups.length) return 0;
    path = [...path, r.pick(groups).key];
  }
  const leaf = { ...scope, groupPath: path };
  expect(await mem.count(leaf), `${label} leaf ${JSON.stringify(path)}`).toBe(await bare.count(leaf));
  const rows = await pageIds(mem, { ...args(0, 500), scope: leaf });
  expect(rows).toEqual(await pageIds(bare, { ...args(0, 500), scope: leaf }));
  return rows.length;
}

describe('interventions memory index', () => {
  it('answers filters, sorts, pages, counts and groups exactly as SQL does', async () => {
    const index = app.core.services.get(INTERVENTION_INDEX);
    expect(index.ready).toBe(true);
    const r = rng(42);
    let leaves = 0;
    for (let k = 0; k < 120; k++) {
      const scope = randomScope(r);
      if (r.chance(0.7)) scope.groupBy = [r.pick(LEVELS), r.pick(LEVELS)].slice(0, r.chance(0.5) ? 1 : 2);
      leaves += await compareWalk(r.chance(0.25) ? dispatcherUser : ownerUser, scope, r.pick(SORT_FIELDS), r.chance(0.5), r, index);
    }
    // The walk reached rows at the bottom of its groups, not only empty ones.
    expect(leaves).toBeGreaterThan(100);
  }, 120_000);

  it('read from the table afresh, holds what the changes built up', async () => {
    const fresh = new InterventionIndex();
    await fresh.load(app.core.db, app.core.sqlite);
    const r = rng(99);
    for (let k = 0; k < 30; k++) {
      const scope: GridScope = { ...randomScope(r), groupBy: [r.pick(LEVELS)] };
      const sort = r.pick(SORT_FIELDS);
      const a = { scope, sort, desc: true, offset: 0, limit: 500 };
      const live = viaIndex(app.core.services.get(INTERVENTION_INDEX), ownerUser);
      expect(await pageIds(viaIndex(fresh, ownerUser), a)).toEqual(await pageIds(live, a));
      expect(await viaIndex(fresh, ownerUser).groups(scope)).toEqual(await live.groups(scope));
    }
  });

  it('a change it cannot take sends the grid back to SQL and asks for a reload, never failing the committed call', async () => {
    const fresh = new InterventionIndex();
    await fresh.load(app.core.db, app.core.sqlite);
    const told: unknown[] = [];
    fresh.onBroken = (e) => void told.push(e);
    const bad = { rowid: 1, org_id: ownerUser.orgId, branch_id: ids.branch![0]!, deleted_at: null, doc_date: null } as unknown as Parameters<InterventionIndex['apply']>[0];
    expect(() => fresh.apply(bad)).not.toThrow();
    expect(fresh.ready).toBe(false);
    expect(told).toHaveLength(1);
    // Until reloaded, the grid's source is SQL, and it still answers.
    const a = { scope: { filters: {} }, sort: 'docDate' as const, desc: true, offset: 0, limit: 5 };
    const grid = interventionGrid(app.core.db, ownerUser, fresh);
    expect(grid.kind).toBe('sql');
    expect(await pageIds(grid, a)).toEqual(await pageIds(viaSql(ownerUser), a));
    await fresh.reload(app.core.db, app.core.sqlite);
    expect(fresh.ready).toBe(true);
  });

  it('keeps deep pages right across a change (cached results are dropped)', async () => {
    const index = app.core.services.get(INTERVENTION_INDEX);
    const scope: GridScope = { filters: { statuses: ['received', 'allocated', 'confirmed'] } };
    const grid = viaIndex(index, ownerUser);
    // Deep enough to take the cached path.
    const deep: ListArgs = { scope, sort: 'docDate', desc: true, offset: 0, limit: 6000 };
    const before = await pageIds(grid, deep);
    const total = await grid.count(scope);
    expect(before).toHaveLength(total);
    const victim = await app.call(owner, 'interventions.get', { id: before[1]! });
    await app.call(owner, 'interventions.cancel', { id: victim.id, version: victim.version, reason: 'Duplicate' });
    const after = await pageIds(grid, deep);
    expect(after).toEqual(before.filter((id) => id !== victim.id));
    expect(await grid.count(scope)).toBe(total - 1);
  });

  it('gives the newest matches of a search first without reading them all, and exactly as SQL orders them', async () => {
    const index = app.core.services.get(INTERVENTION_INDEX);
    const [branchId] = ids.branch!;
    // Documents dated in order of entry (as a call centre records them), so the walk can stop early.
    const made: string[] = [];
    for (let i = 0; i < 40; i++) {
      const d = await app.call(owner, 'interventions.create', { branchId: branchId!, clientId: ids.client![i % 5]!, priority: 'medium', docDate: new Date(Date.UTC(2026, 10, 1 + i)).toISOString().slice(0, 10), notes: `Zibens ${i}` });
      made.push(d.id);
    }
    const page = async (scope: GridScope, offset: number, limit: number) => {
      const a: ListArgs = { scope, sort: 'docDate', desc: true, offset, limit };
      const fast = index.newestMatches(ownerUser, scope, 'docDate', true, offset, limit);
      expect(fast, JSON.stringify(scope)).not.toBeNull();
      expect(await pageIds(viaIndex(index, ownerUser), a)).toEqual(await pageIds(viaSql(ownerUser), a));
      return fast!;
    };
    expect(await page({ filters: { search: 'zibens' } }, 0, 10)).toHaveLength(10);
    await page({ filters: { search: 'zibens' } }, 5, 30);
    await page({ filters: { search: 'zibens', clientId: ids.client![2]! } }, 0, 5);
    // An old document moved to the latest date comes first, though FTS reaches it last.
    const old = await app.call(owner, 'interventions.get', { id: made[0]! });
    await app.call(owner, 'interventions.update', { ...editableFields(old), id: old.id, version: old.version, docDate: '2027-01-15' });
    const first = await page({ filters: { search: 'zibens' } }, 0, 3);
    expect(first[0]).toBe(app.core.sqlite.prepare('select rowid from intervention where id = ?').pluck().get(old.id));
    // Searches across the seeded documents agree with SQL too.
    for (const search of ['katl', 'apkope', 'обслуж', 'ozola']) await page({ filters: { search } }, 0, 50);
    // A longer word: documents holding it whole, holding a longer word it starts, and holding only its first four letters.
    const notes = ['Pērkons', 'pērkonsargs bojāts', 'Pērkūns', 'zibens un PĒRKONS'];
    for (let i = 0; i < 24; i++) await app.call(owner, 'interventions.create', { branchId: branchId!, clientId: ids.client![i % 5]!, priority: 'low', docDate: new Date(Date.UTC(2026, 11, 1 + i)).toISOString().slice(0, 10), notes: `${notes[i % 4]} ${i}` });
    for (const search of ['perkons', 'pērkonsa', 'perkuns', 'perkons zibens', 'perk']) {
      await page({ filters: { search } }, 0, 4);
      await page({ filters: { search } }, 2, 40);
    }
    expect(await page({ filters: { search: 'perkons' } }, 0, 40)).toHaveLength(18);
  });

  it('finds a document by its number typed short: series letters optional, leading zeros not needed', async () => {
    const index = app.core.services.get(INTERVENTION_INDEX);
    const grid = viaIndex(index, ownerUser);
    const [first] = await grid.page({ filters: {} }, { sort: 'number', desc: true }, 0, 1);
    expect(first?.number).toMatch(/^(RIX|LPX)-\d{5}$/);
    const digits = String(Number(first!.number!.slice(4)));
    for (const typed of [first!.number!, `${first!.number!.slice(0, 3).toLowerCase()}${digits}`, `${first!.number!.slice(0, 3)}-${digits}`]) {
      const found = await grid.page({ filters: { search: typed } }, { sort: 'docDate', desc: true }, 0, 10);
      expect(found.map((x) => x.number), typed).toEqual([first!.number]);
    }
    // Digits alone find that number (in every series), besides notes and phones with words starting so.
    const bare = await grid.page({ filters: { search: digits } }, { sort: 'number', desc: false }, 0, 500);
    expect(bare.map((x) => x.number)).toContain(first!.number);
  });
});
