import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupOrg, startTestApp, type TestApp } from '../testing/harness';
import { walkSnapshot } from './pacing';
import { dateBucketExpr, withinGroups, type SqlGroupKeys } from './sql';
import { sqlGridSource } from './sqlSource';
import type { GridLevel, GridScopeOf } from './scope';

/**
 * The grid machinery is not the interventions': another table with its own columns gets pages, counts, named
 * groups and a paced export from the same parts. Here, the organization's reference lists as a grid.
 */

type Field = 'kind' | 'created';
type Scope = GridScopeOf<{ kind?: string }, Field>;
const KINDS = ['zone', 'vehicle', 'classification'] as const;

let app: TestApp;
let orgId: string;
const made: { id: string; kind: string; name: string; month: string }[] = [];

beforeAll(async () => {
  app = await startTestApp();
  const owner = await setupOrg(app);
  orgId = (await app.call(owner, 'auth.me', {}))!.orgId;
  for (let i = 0; i < 23; i++) {
    app.clock.set(`2026-${String(8 + (i % 3)).padStart(2, '0')}-1${i % 10}T10:00:00.000Z`);
    const kind = KINDS[i % 3]!;
    const name = `Item ${String.fromCharCode(90 - i)}`;
    const r = await app.call(owner, 'nomenclature.create', { kind, code: `N${i}`, name });
    made.push({ id: r.id, kind, name, month: `2026-${String(8 + (i % 3)).padStart(2, '0')}-01` });
  }
});
afterAll(async () => app.close());

const KEYS: SqlGroupKeys<Field> = {
  expr: (level: GridLevel<Field>) => (level.field === 'created' ? dateBucketExpr('n.created_at', level.bucket) : sql.ref('n.kind')),
  value: (_field, key) => key,
};

function grid() {
  const db = app.core.db;
  return sqlGridSource<Scope, 'name', Field, { id: string; name: string }>(db, {
    scoped: (scope) => {
      let q = db.selectFrom('nomenclature as n').where('n.org_id', '=', orgId).where('n.deleted_at', 'is', null).where('n.kind', 'in', [...KINDS]);
      if (scope.filters.kind) q = q.where('n.kind', '=', scope.filters.kind);
      return withinGroups(q, scope, KEYS);
    },
    sortKey: () => sql.ref('n.name'),
    tiebreak: sql`n.rowid`,
    key: 'n.id',
    read: (keys, order) => order.reduce((q, [e, d]) => q.orderBy(e, d), db.selectFrom('nomenclature as n').select(['n.id', 'n.name']).where('n.id', 'in', keys)).execute(),
    groups: { key: KEYS.expr, out: (_f, v) => (v == null ? null : String(v)), order: { kind: KINDS }, naming: { tables: {} } },
  });
}

describe('the grid machinery on a table of its own', () => {
  it('pages, counts and groups another table through its own column description', async () => {
    const g = grid();
    const byName = [...made].sort((a, b) => a.name.localeCompare(b.name));
    expect(await g.count({ filters: {} })).toBe(made.length);
    expect((await g.page({ filters: {} }, { sort: 'name', desc: false }, 5, 4)).map((r) => r.id)).toEqual(byName.slice(5, 9).map((m) => m.id));
    expect((await g.page({ filters: { kind: 'zone' } }, { sort: 'name', desc: true }, 0, 50)).map((r) => r.id)).toEqual(byName.filter((m) => m.kind === 'zone').reverse().map((m) => m.id));
    // Kinds in the grid's own order, not alphabetical; months ascending.
    const levels: GridLevel<Field>[] = [{ field: 'kind' }, { field: 'created', bucket: 'month' }];
    expect(await g.groups({ filters: {}, groupBy: levels })).toEqual(KINDS.map((k) => ({ key: k, label: null, count: made.filter((m) => m.kind === k).length })));
    const vehicles = made.filter((m) => m.kind === 'vehicle');
    const months = [...new Set(vehicles.map((m) => m.month))].sort();
    expect(await g.groups({ filters: {}, groupBy: levels, groupPath: ['vehicle'] })).toEqual(months.map((key) => ({ key, label: null, count: vehicles.filter((m) => m.month === key).length })));
    expect(await g.count({ filters: {}, groupBy: levels, groupPath: ['vehicle', months[0]!] })).toBe(vehicles.filter((m) => m.month === months[0]).length);
    expect(await g.groups({ filters: {}, groupBy: levels, groupPath: ['vehicle', months[0]!] })).toEqual([]);
  });

  it('walks a snapshot page by page with progress, every row once, giving way between slices', async () => {
    const g = grid();
    const snap = await g.snapshot({ filters: {} }, { sort: 'name', desc: false });
    const seen: string[] = [];
    const progress: number[] = [];
    let between = 0;
    // Other work waiting on the event loop: it runs only when the walk gives way (here after every row).
    let otherRan = false;
    const otherRanBy: boolean[] = [];
    setImmediate(() => void (otherRan = true));
    const done = await walkSnapshot(snap, {
      pageSize: 5,
      sliceMs: 0,
      row: (r) => {
        seen.push(r.id);
        otherRanBy.push(otherRan);
      },
      betweenPages: async () => void between++,
      progress: (p) => void progress.push(p.done),
    });
    expect(done).toBe(made.length);
    expect(seen).toEqual([...made].sort((a, b) => a.name.localeCompare(b.name)).map((m) => m.id));
    expect(progress).toEqual([0, 5, 10, 15, 20, 23]);
    expect(between).toBe(4);
    // Within the first page already, not only between pages.
    expect(otherRanBy.slice(0, 3)).toEqual([false, true, true]);
  });
});
