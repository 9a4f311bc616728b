import { sql, type Expression, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/schema';
import { nameGroups, type GroupNaming } from './groups';
import { levelBelow, type GridGroup, type GridLevel, type GridScopeOf } from './scope';
import type { GridSource } from './source';

/** A grid query of any table: the fields of a grid's own description say what it selects. */
export type GridQuery = SelectQueryBuilder<any, any, any>;

export type SqlOrder = [Expression<unknown>, 'asc' | 'desc'][];

/** What a grid's SQL needs to know of its table: the rest (pages, counts, groups, the export's snapshot) is the same for every grid. */
export interface SqlGrid<Scope extends GridScopeOf<unknown, G>, Sort extends string, G extends string, Row> {
  /** Every query starts here: the caller's rows (organization, branches, live ones), the filters and the group path. */
  scoped(scope: Scope): GridQuery;
  /** What a sort orders by (a composite order as several keys); rows that tie are ordered by `tiebreak`, in the same direction. */
  sortKey(sort: Sort): Expression<unknown> | readonly Expression<unknown>[];
  tiebreak: Expression<unknown>;
  /** The column a page's rows are picked by (on the indexes alone) before `read` joins what they show. */
  key: string;
  /** The rows whose keys `keys` selects, in this order, as the grid shows them. */
  read(keys: GridQuery, order: SqlOrder): Promise<Row[]>;
  groups: {
    /** The group key's expression at a level (a date cut to its bucket). */
    key(level: GridLevel<G>): Expression<unknown>;
    /** A stored key as the API gives it. */
    out(field: G, value: string | number | null): string | null;
    /** Fields whose label comes from their own rows (a client's name on its documents). */
    label?: Partial<Record<G, Expression<string>>>;
    /** Fields listed in their own order (statuses in workflow order) rather than by key. */
    order?: Partial<Record<G, readonly (string | null)[]>>;
    naming: GroupNaming<G>;
  };
}

/** A grid answered by SQL alone: filters and sorts on the table's indexes, GROUP BY for groups. */
export function sqlGridSource<Scope extends GridScopeOf<unknown, G>, Sort extends string, G extends string, Row>(
  db: Kysely<DB>,
  grid: SqlGrid<Scope, Sort, G, Row>,
): GridSource<Scope, Sort, Row> {
  const count = async (scope: Scope) => Number((await grid.scoped(scope).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const page = (scope: Scope, o: { sort: Sort; desc: boolean }, offset: number, limit: number) => {
    const dir = o.desc ? 'desc' : 'asc';
    const order: SqlOrder = [...[grid.sortKey(o.sort)].flat().map((e): SqlOrder[number] => [e, dir]), [grid.tiebreak, dir]];
    // The page's keys are picked on the indexes alone and only their rows are then joined: an offset that also
    // computed the joins and read whole rows took seconds at depth 500,000.
    const keys = order.reduce((q, [e, d]) => q.orderBy(e, d), grid.scoped(scope).select(grid.key)).limit(limit).offset(offset);
    return grid.read(keys, order);
  };
  const groupsAt = async (scope: Scope, level: GridLevel<G>): Promise<GridGroup[]> => {
    const key = grid.groups.key(level);
    const label = grid.groups.label?.[level.field];
    let q = grid.scoped(scope).select([sql`${key}`.as('k'), sql<number>`count(*)`.as('n')]);
    if (label) q = q.select(sql`${label}`.as('label'));
    const rows = (await q.groupBy(sql`${key}`).orderBy(sql`1`).execute()) as { k: string | number | null; n: number; label?: string }[];
    const out = rows.map((r) => ({ key: grid.groups.out(level.field, r.k), label: r.label ?? null, count: Number(r.n) }));
    const own = grid.groups.order?.[level.field];
    if (own) out.sort((a, b) => own.indexOf(a.key) - own.indexOf(b.key));
    return out;
  };
  return {
    kind: 'sql',
    page,
    count: (scope) => count(scope),
    async groups(scope) {
      const level = levelBelow(scope);
      return level ? nameGroups(db, grid.groups.naming, level.field, await groupsAt(scope, level)) : [];
    },
    async snapshot(scope, order) {
      // The call's own snapshot: no save moves these pages, so offsets are safe.
      return { total: await count(scope), read: (offset, limit) => page(scope, order, offset, limit) };
    },
  };
}
