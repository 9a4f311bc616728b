import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../../db/schema';
import { me, type Ctx } from '../../../api/context';
import { inScope, type ScopeUser } from '../../../api/scope';
import { sqlGridSource, type GridQuery, type SqlOrder } from '../../../grid/sqlSource';
import { withinGroups, type SqlGroupKeys } from '../../../grid/sql';
import type { GridOrder, GridLevel } from '../../../grid/scope';
import type { GridSource } from '../../../grid/source';
import type { TaskGridRow, TaskGridScope, TaskGroupField, TaskSortField } from '../../../../shared/api/taskGrid';
import { TASK_STATUSES, type TaskPriority, type TaskSource, type TaskStatus } from '../../../../shared/rules/tasks/status';
import { CLOSED_STATUSES, isOverdue } from '../../../../shared/rules/tasks/overdue';
import { dayOf } from '../../../../shared/rules/dayOf';
import { taskSearch } from '../repo';
import { taskIndexOf } from './gridIndex';
import { memoryTaskGrid } from './memorySource';
import { TASK_GROUP_NAMING, TASK_GROUP_ORDER } from './groupNaming';

export type TaskGrid = GridSource<TaskGridScope, TaskSortField, TaskGridRow>;

/** The dispatcher's order unless the caller names another: open work first, urgent on top, nearest due date. */
export function taskGridOrder(input: { sort?: TaskSortField; desc?: boolean }): GridOrder<TaskSortField> {
  return { sort: input.sort ?? 'rank', desc: input.desc ?? false };
}

const CLOSED = sql.join(CLOSED_STATUSES.map((s) => sql.lit(s)));
// Written as the task_grid_rank index writes it (migration 0021), so SQLite matches the two.
const isClosed = sql<number>`(t.status in (${CLOSED}))`;
/** Statuses in workflow order, not alphabetical. */
const statusRank = sql<number>`(case t.status ${sql.join(TASK_STATUSES.map((s, i) => sql`when ${sql.lit(s)} then ${sql.lit(i)}`), sql` `)} end)`;

/**
 * What each sort orders by. `rank` is one composite order, matched by the `task_grid_rank` index (migration 0021) so
 * its first and deep pages are read off the index; text columns sort by their folded keys, as every grid does.
 */
function sortExpr(sort: TaskSortField): Expression<unknown> | Expression<unknown>[] {
  switch (sort) {
    case 'rank':
      // The last three change nothing a dispatcher sees; they follow the index so its order needs no sorting.
      return [isClosed, sql.ref('t.priority_rank'), sql`coalesce(t.due_date, '9999-12-31')`, sql.ref('t.branch_id'), sql.ref('t.status'), sql.ref('t.due_date')];
    case 'number':
      return sql.ref('t.number');
    case 'docDate':
      return sql.ref('t.doc_date');
    case 'priority':
      return sql.ref('t.priority_rank');
    case 'status':
      return statusRank;
    case 'client':
      return sql.ref('t.client_name_key');
    case 'address':
      return sql.ref('t.address_key');
    case 'type':
      return sql`(select ty.name_key from task_type ty where ty.id = t.type_id)`;
    case 'assignee':
      return sql`(select sort_key(u.name) from app_user u where u.id = t.assignee_id)`;
    case 'dueDate':
      return sql.ref('t.due_date');
    case 'source':
      return sql.ref('t.source');
    case 'updatedAt':
      return sql.ref('t.updated_at');
    case 'subject':
      return sql`sort_key(t.subject)`;
  }
}

const COLUMN: Record<TaskGroupField, string> = { status: 't.status', assignee: 't.assignee_id', priority: 't.priority', type: 't.type_id', client: 't.client_id' };
export const TASK_GROUP_KEYS: SqlGroupKeys<TaskGroupField> = { expr: (level) => sql.ref(COLUMN[level.field]), value: (_field, key) => key };

/** Each branch the caller sees, with its today: "overdue" is on the branch's own calendar. */
export async function branchTodays(db: Kysely<DB>, user: ScopeUser, nowMs: number): Promise<Map<string, string>> {
  const rows = await db.selectFrom('branch').select(['id', 'time_zone']).where(inScope(user, { org: 'org_id', branch: 'id' })).execute();
  return new Map(rows.map((b) => [b.id, dayOf(b.time_zone, nowMs).date]));
}

function overdueWhere(todays: Map<string, string>): Expression<SqlBool> {
  if (!todays.size) return sql<SqlBool>`0`;
  const today = sql`(case t.branch_id ${sql.join([...todays].map(([id, d]) => sql`when ${id} then ${d}`), sql` `)} end)`;
  return sql<SqlBool>`(t.due_date is not null and t.status not in (${CLOSED}) and t.due_date < ${today})`;
}

/** The caller's tasks in a scope: organization, branches, live rows, the filters and the group path. */
function scoped(db: Kysely<DB>, user: ScopeUser, todays: Map<string, string>, scope: TaskGridScope): GridQuery {
  const f = scope.filters;
  let q = db.selectFrom('task as t').where('t.deleted_at', 'is', null).where(inScope(user, { org: 't.org_id', branch: 't.branch_id' }));
  if (f.branchId) q = q.where('t.branch_id', '=', f.branchId);
  if (f.statuses?.length) q = q.where('t.status', 'in', f.statuses);
  if (f.priorities?.length) q = q.where('t.priority', 'in', f.priorities);
  if (f.assigneeId) q = q.where('t.assignee_id', '=', f.assigneeId);
  if (f.typeId) q = q.where('t.type_id', '=', f.typeId);
  if (f.clientId) q = q.where('t.client_id', '=', f.clientId);
  if (f.dateFrom) q = q.where('t.doc_date', '>=', f.dateFrom);
  if (f.dateTo) q = q.where('t.doc_date', '<=', f.dateTo);
  if (f.overdue) q = q.where(overdueWhere(todays));
  const search = f.search?.trim();
  if (search) q = q.where(taskSearch(search));
  return withinGroups(q, scope, TASK_GROUP_KEYS);
}

/**
 * The rows a page's keys select, with the names behind their ids, in the page's order: keys as a query (SQL picked
 * them, ordered by `order`) or as rowids already in order (the memory index picked them).
 */
export async function readRows(db: Kysely<DB>, todays: ReadonlyMap<string, string>, keys: GridQuery | readonly number[], order: SqlOrder = []): Promise<TaskGridRow[]> {
  const picked = Array.isArray(keys);
  if (picked && !keys.length) return [];
  const q = order.reduce(
    (q, [e, d]) => q.orderBy(e, d),
    db
      .selectFrom('task as t')
      .leftJoin('app_user as a', 'a.id', 't.assignee_id')
      .leftJoin('task_type as ty', 'ty.id', 't.type_id')
      .select([
        't.id',
        't.version',
        't.branch_id',
        't.number',
        't.doc_date',
        't.priority',
        't.status',
        't.source',
        't.client_id',
        't.client_name',
        't.address',
        't.due_date',
        't.subject',
        't.description',
        't.updated_at',
        'a.name as assignee',
        'ty.name as type',
      ])
      .select(sql<number>`t.rowid`.as('rid'))
      .where(sql.ref('t.rowid'), 'in', picked ? [...(keys as readonly number[])] : (keys as GridQuery)),
  );
  let found = await q.execute();
  if (picked) {
    const at = new Map((keys as readonly number[]).map((k, i) => [k, i]));
    found = found.sort((a, b) => at.get(a.rid)! - at.get(b.rid)!);
  }
  return found.map((r) => ({
    id: r.id,
    version: r.version,
    number: r.number,
    docDate: r.doc_date,
    priority: r.priority as TaskPriority,
    status: r.status as TaskStatus,
    source: r.source as TaskSource,
    clientId: r.client_id,
    client: r.client_name,
    address: r.address,
    type: r.type ?? null,
    assignee: r.assignee ?? null,
    dueDate: r.due_date,
    // A task from a mailbox often has no subject of its own: its description's first line stands in.
    subject: r.subject ?? r.description?.split('\n', 1)[0]?.slice(0, 200) ?? null,
    updatedAt: r.updated_at,
    overdue: isOverdue(r.status as TaskStatus, r.due_date, todays.get(r.branch_id) ?? '0000-00-00'),
  }));
}

/** The tasks grid of a person at an instant, from SQL alone: filters and sorts on the task table's indexes. */
export async function taskGrid(db: Kysely<DB>, user: ScopeUser, nowMs: number): Promise<TaskGrid> {
  const todays = await branchTodays(db, user, nowMs);
  return sqlGridSource<TaskGridScope, TaskSortField, TaskGroupField, TaskGridRow>(db, {
    scoped: (scope) => scoped(db, user, todays, scope),
    sortKey: sortExpr,
    tiebreak: sql`t.rowid`,
    // Rowids: a page's keys come from the index alone, with no table row read for the rows an offset skips.
    key: 't.rowid',
    read: (keys, order) => readRows(db, todays, keys, order),
    groups: {
      key: (level: GridLevel<TaskGroupField>) => TASK_GROUP_KEYS.expr(level),
      out: (_field, v) => (v == null ? null : String(v)),
      label: { client: sql<string>`max(t.client_name)` },
      order: TASK_GROUP_ORDER,
      naming: TASK_GROUP_NAMING,
    },
  });
}

/** The caller's tasks grid for this call: the memory index once it is ready (and while it holds every change), else SQL. */
export async function taskGridOf(ctx: Ctx): Promise<TaskGrid> {
  const user = me(ctx);
  const now = ctx.clock.now();
  const index = taskIndexOf(ctx);
  if (!index?.ready) return taskGrid(ctx.db, user, now);
  return memoryTaskGrid(index, ctx.db, user, await branchTodays(ctx.db, user, now), () => taskGrid(ctx.db, user, now));
}
