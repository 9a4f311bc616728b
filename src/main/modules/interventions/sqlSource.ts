import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../../../shared/api/auth';
import type { GridScope, GroupLevel, Status } from '../../../shared/api/interventions';
import { nameGroups } from '../../grid/groups';
import { levelBelow, type GridGroup } from '../../grid/scope';
import { STATUS_ORDER } from './memory/columns';
import { GROUP_NAMING, groupKeyExpr, keyOut, scopedQuery } from './grid';
import { sqlPage, type RowOptions } from './listing';
import type { InterventionGrid } from './gridSource';

async function sqlCount(db: Kysely<DB>, user: SessionUser, scope: GridScope): Promise<number> {
  const r = await scopedQuery(db, user, scope)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function sqlGroups(db: Kysely<DB>, user: SessionUser, scope: GridScope, level: GroupLevel): Promise<GridGroup[]> {
  const keyExpr = groupKeyExpr(level);
  let q = scopedQuery(db, user, scope).select([keyExpr.as('k'), sql<number>`count(*)`.as('n')]);
  if (level.field === 'client') q = q.select(sql<string>`max(i.client_name)`.as('label'));
  const rows = (await q.groupBy(keyExpr as never).orderBy(sql`1`).execute()) as unknown as { k: string | number | null; n: number; label?: string }[];
  const out = rows.map((r) => ({ key: keyOut(level.field, r.k), label: r.label ?? null, count: Number(r.n) }));
  if (level.field === 'status') out.sort((a, b) => STATUS_ORDER.indexOf(a.key as Status) - STATUS_ORDER.indexOf(b.key as Status));
  return out;
}

/**
 * The grid from SQL alone: filters and sorts on its indexes, GROUP BY for groups. What answers until the memory index
 * is ready (the first seconds after start on a large file), and the plain SQL the bench compares the index against.
 */
export function sqlGridSource(db: Kysely<DB>, user: SessionUser, rows: RowOptions): InterventionGrid {
  return {
    kind: 'sql',
    page: (scope, order, offset, limit) => sqlPage(db, user, scope, order, offset, limit, rows),
    count: (scope) => sqlCount(db, user, scope),
    async groups(scope) {
      const level = levelBelow(scope);
      return level ? nameGroups(db, GROUP_NAMING, level.field, await sqlGroups(db, user, scope, level)) : [];
    },
    async snapshot(scope, order) {
      // The call's own snapshot: no save moves these pages, so offsets are safe.
      return { total: await sqlCount(db, user, scope), read: (offset, limit) => sqlPage(db, user, scope, order, offset, limit, rows) };
    },
  };
}
