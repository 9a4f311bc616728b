import { sql, type Kysely } from 'kysely';

/**
 * The tasks grid read off indexes alone (issue 12: the grid at 500,000 tasks). Each index starts with the
 * organization and `deleted_at` (an equality for `is null`, so the order after it is usable) and carries the branch,
 * so a dispatcher's branches are filtered inside the index and no table row is read to skip one.
 * - task_grid_rank: the dispatcher's order (open first, urgent on top, nearest due date) as the grid asks it, ending
 *   with the columns its expressions read, so a first or deep page is a walk of this index alone.
 * - one per group field (status, priority, assignee, type, client): counts and group counts walk it in key order,
 *   with no temporary B-tree.
 * Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index task_grid_rank on task (org_id, deleted_at, (status in ('done', 'cancelled')), priority_rank, coalesce(due_date, '9999-12-31'), branch_id, status, due_date) where deleted_at is null`.execute(db);
  for (const column of ['status', 'priority', 'assignee_id', 'type_id', 'client_id']) {
    await sql`create index ${sql.id(`task_grid_${column}`)} on task (org_id, deleted_at, ${sql.id(column)}, branch_id) where deleted_at is null`.execute(db);
  }
}
