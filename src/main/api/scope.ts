import { sql, type Expression, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { DB } from '../db/schema';
import { ROLES, seesAllBranches, type Role } from '../../shared/permissions';
import { fail } from './errors';
import { seesBranch, visibleBranchIds, type ScopeUser } from './visibility';

export { seesBranch, visibleBranchIds, type ScopeUser };

/**
 * Branch isolation in one place. Every query of branch-scoped rows filters through `inScope`, every load of a
 * named row goes through `loadInScope`, and every write that puts a person on a row checks `assertAssignable`.
 * Handlers never compare branch lists themselves, so a new module cannot forget a branch check by writing its own.
 */

function inList(ref: string, ids: readonly string[]): Expression<SqlBool> {
  // `in ()` is not SQL: a user without branches sees no branch at all.
  return ids.length ? sql<SqlBool>`${sql.ref(ref)} in (${sql.join(ids.map((id) => sql.val(id)))})` : sql<SqlBool>`0`;
}

export interface ScopeColumns {
  /** The row's organization column, e.g. `i.org_id`. */
  org: string;
  /** The row's branch column, e.g. `i.branch_id` (for a branch itself, its `id`). Omitted: an organization-wide table. */
  branch?: string;
  /**
   * When the branch column may be null (an organization-wide row in a branch-scoped table, like an audit entry of a
   * client): the condition under which such a row is shown to someone who does not see every branch. Default: shown.
   */
  unbranched?: Expression<SqlBool>;
}

/** The one filter of every read: rows of the caller's organization, in branches the caller sees. */
export function inScope(user: ScopeUser, cols: ScopeColumns): Expression<SqlBool> {
  const org = sql<SqlBool>`${sql.ref(cols.org)} = ${user.orgId}`;
  const mine = visibleBranchIds(user);
  if (!cols.branch || mine === null) return org;
  const branch = sql.ref(cols.branch);
  const unbranched = cols.unbranched ?? sql<SqlBool>`1`;
  return sql<SqlBool>`(${org} and (${inList(cols.branch, mine)} or (${branch} is null and ${unbranched})))`;
}

/** People the user works with: those sharing one of their branches (everyone, for owners and admins). */
export function colleaguesOf(user: ScopeUser, userRef: string): Expression<SqlBool> {
  const mine = visibleBranchIds(user);
  if (mine === null) return sql<SqlBool>`1`;
  const ref = sql.ref(userRef);
  return sql<SqlBool>`(${ref} = ${user.id} or ${ref} in (select ub.user_id from user_branch ub where ub.deleted_at is null and ${inList('ub.branch_id', mine)}))`;
}

/**
 * The tables whose rows belong to one branch, and the column that says which. A write funnel, a sync or a new
 * query helper reads this map; the contract-wide isolation test seeds a row of each in another branch.
 */
export const BRANCH_COLUMN = {
  branch: 'id',
  intervention: 'branch_id',
  approval: 'branch_id',
  doc_series: 'branch_id',
  audit_log: 'branch_id',
  intervention_warning: 'branch_id',
  work_schedule: 'branch_id',
  work_exception: 'branch_id',
  service: 'branch_id',
  visit: 'branch_id',
  visit_line: 'branch_id',
  visit_payment: 'branch_id',
  reminder: 'branch_id',
  reminder_attempt: 'branch_id',
  task: 'branch_id',
  task_note: 'branch_id',
  task_attachment: 'branch_id',
  task_mailbox: 'branch_id',
  task_mail: 'branch_id',
  task_time_entry: 'branch_id',
  task_check_item: 'branch_id',
  task_material: 'branch_id',
  invoice: 'branch_id',
  invoice_line: 'branch_id',
  task_field_outcome: 'branch_id',
} as const satisfies Partial<Record<keyof DB, string>>;
export type BranchScopedTable = keyof typeof BRANCH_COLUMN;

/**
 * A live row the caller may see, or a refusal as if it did not exist: another branch's rows are not there for them.
 * Every write that names a branch-scoped row loads it here first.
 */
export async function loadInScope<T extends Exclude<BranchScopedTable, 'audit_log'>>(
  db: Kysely<DB>,
  user: ScopeUser,
  table: T,
  id: string,
  refusal: { key: string; field: string },
): Promise<Selectable<DB[T]>> {
  // One body for every scoped table; the table name comes from BRANCH_COLUMN, never from input.
  const row = await (db as unknown as Kysely<Record<string, { id: string; deleted_at: string | null }>>)
    .selectFrom(table as string)
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .where(inScope(user, { org: `${table}.org_id`, branch: `${table}.${BRANCH_COLUMN[table]}` }))
    .executeTakeFirst();
  if (!row) throw fail.notFound(refusal.key, refusal.field);
  return row as unknown as Selectable<DB[T]>;
}

/** The branches a person sees, read from the database (not from a session): null for owners and admins. */
export async function branchesOfPerson(db: Kysely<DB>, orgId: string, personId: string): Promise<{ active: boolean; branches: readonly string[] | null } | null> {
  const person = await db.selectFrom('app_user').select(['role', 'active']).where('id', '=', personId).where('org_id', '=', orgId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!person) return null;
  if (seesAllBranches(person.role as Role)) return { active: person.active === 1, branches: null };
  const rows = await db
    .selectFrom('user_branch as ub')
    .innerJoin('branch as b', 'b.id', 'ub.branch_id')
    .select('ub.branch_id')
    .where('ub.user_id', '=', personId)
    .where('ub.deleted_at', 'is', null)
    .where('b.deleted_at', 'is', null)
    .execute();
  return { active: person.active === 1, branches: rows.map((r) => r.branch_id) };
}

/**
 * The one check of every assignment: a person is put only on rows of a branch they see, or they would be handed
 * work they cannot open. The caller must see the person too (a colleague, or anyone for owners and admins).
 */
export async function assertAssignable(db: Kysely<DB>, caller: ScopeUser, personId: string, branchId: string, field: string): Promise<void> {
  const person = await branchesOfPerson(db, caller.orgId, personId);
  const callerSees = person && (visibleBranchIds(caller) === null || person.branches === null || person.branches.some((b) => seesBranch(caller, b)) || personId === caller.id);
  if (!person || !callerSees) throw fail.notFound('user_not_found', field);
  if (!person.active) throw fail.validation('user_inactive', field);
  if (person.branches !== null && !person.branches.includes(branchId)) throw fail.validation('assignee_not_in_branch', field);
}

/** The columns that put a person on a branch-scoped row: each such person must see the row's branch. */
export const ASSIGNEE_COLUMNS = {
  intervention: ['taken_by_id', 'responsible_id'],
  visit: ['user_id'],
  task: ['assignee_id', 'responsible_id'],
} as const satisfies Partial<Record<BranchScopedTable, readonly string[]>>;

/**
 * Rows whose assigned person does not see the row's branch: always none, since every write checks
 * `assertAssignable`. Kept as a query so a test (or a future integrity check) can prove it over a whole file.
 */
export async function crossedAssignments(db: Kysely<DB>): Promise<{ table: string; id: string; column: string; personId: string }[]> {
  const out: { table: string; id: string; column: string; personId: string }[] = [];
  for (const [table, columns] of Object.entries(ASSIGNEE_COLUMNS) as [keyof typeof ASSIGNEE_COLUMNS, readonly string[]][]) {
    const branch = BRANCH_COLUMN[table];
    for (const column of columns) {
      const rows = await sql<{ id: string; person_id: string }>`
        select r.id, r.${sql.ref(column)} as person_id from ${sql.table(table)} r
        join app_user u on u.id = r.${sql.ref(column)}
        where r.deleted_at is null and u.role not in (${sql.join(ROLES.filter(seesAllBranches).map((r) => sql.val(r)))})
          and not exists (select 1 from user_branch ub join branch b on b.id = ub.branch_id and b.deleted_at is null
                          where ub.user_id = u.id and ub.deleted_at is null and ub.branch_id = r.${sql.ref(branch)})`.execute(db);
      for (const r of rows.rows) out.push({ table, id: r.id, column, personId: r.person_id });
    }
  }
  return out;
}
