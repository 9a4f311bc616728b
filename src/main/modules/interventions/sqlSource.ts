import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../../../shared/api/auth';
import type { GridScope, GroupField, GridRow, SortField } from '../../../shared/api/interventions';
import { sqlGridSource as sqlGrid } from '../../grid/sqlSource';
import { STATUS_ORDER } from './memory/columns';
import { GROUP_NAMING, groupKeyExpr, keyOut, scopedQuery, sortExpr } from './grid';
import { rowsWhere, type InterventionGrid } from './listing';

/**
 * The interventions grid from SQL alone: what answers until the memory index is ready (the first seconds after
 * start on a large file), and the plain SQL the bench compares the index against.
 */
export function sqlGridSource(db: Kysely<DB>, user: SessionUser): InterventionGrid {
  return sqlGrid<GridScope, SortField, GroupField, GridRow>(db, {
    scoped: (scope) => scopedQuery(db, user, scope),
    sortKey: sortExpr,
    tiebreak: sql`i.rowid`,
    key: 'i.id',
    read: (keys, order) => rowsWhere(db, keys, order),
    groups: { key: groupKeyExpr, out: keyOut, label: { client: sql<string>`max(i.client_name)` }, order: { status: STATUS_ORDER }, naming: GROUP_NAMING },
  });
}
