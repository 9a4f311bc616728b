import type { HubDb } from '../db/open';

/** A row as the hub's current cells hold it: column → value (null when the row was deleted or never pushed). */
export async function rowOf(db: HubDb, orgId: string, table: string, rowId: string): Promise<Record<string, unknown> | null> {
  const cells = await db.selectFrom('hub_cell').select(['column_name', 'value']).where('org_id', '=', orgId).where('table_name', '=', table).where('row_id', '=', rowId).execute();
  if (!cells.length) return null;
  const row: Record<string, unknown> = { id: rowId };
  for (const c of cells) row[c.column_name] = JSON.parse(c.value);
  return row._deleted === true ? null : row;
}

export interface PhoneTask {
  task: Record<string, unknown>;
  /** The task's live time sessions and checklist items, as their rows' cells (columns by name). */
  time: Record<string, unknown>[];
  checklist: Record<string, unknown>[];
  /** Notes of the timeline, oldest first, with their writer's name. */
  notes: { id: string; at: string; text: string; person: string | null }[];
  /** The branch's clock, for the times shown. */
  zone: string | null;
}

/** The most notes a phone page shows (the newest). */
const NOTES_SHOWN = 30;

/**
 * What the phone page shows of a task, read from the hub's current cells (the branch's desktop is the writer; this is
 * its last pushed state). Notes are found by their `task_id` cell.
 */
export async function phoneTask(db: HubDb, orgId: string, taskId: string): Promise<PhoneTask | null> {
  const task = await rowOf(db, orgId, 'task', taskId);
  if (!task) return null;
  const rows = (await rowsOfTask(db, orgId, 'task_note', taskId)).filter((r) => r.kind === 'note');
  rows.sort((a, b) => String(a.at).localeCompare(String(b.at)));
  const shown = rows.slice(-NOTES_SHOWN);
  const people = new Map<string, string | null>();
  for (const r of shown) {
    const pid = typeof r.person_id === 'string' ? r.person_id : null;
    if (pid && !people.has(pid)) people.set(pid, ((await rowOf(db, orgId, 'app_user', pid))?.name as string | undefined) ?? null);
  }
  const branch = typeof task.branch_id === 'string' ? await rowOf(db, orgId, 'branch', task.branch_id) : null;
  const checklist = await rowsOfTask(db, orgId, 'task_check_item', taskId);
  checklist.sort((a, b) => Number(a.position ?? 0) - Number(b.position ?? 0) || String(a.id).localeCompare(String(b.id)));
  return {
    task,
    time: await rowsOfTask(db, orgId, 'task_time_entry', taskId),
    checklist,
    notes: shown.map((r) => ({ id: String(r.id), at: String(r.at), text: String(r.text ?? ''), person: typeof r.person_id === 'string' ? (people.get(r.person_id) ?? null) : null })),
    zone: typeof branch?.time_zone === 'string' ? branch.time_zone : null,
  };
}

/** Whether the task's notes (in the hub's cells) hold a note of this id: the desktop applied the phone's note. */
export async function hasRow(db: HubDb, orgId: string, table: string, rowId: string): Promise<boolean> {
  return (await rowOf(db, orgId, table, rowId)) !== null;
}

/** A task's live rows of one table (found by their `task_id` cell). */
export async function rowsOfTask(db: HubDb, orgId: string, table: string, taskId: string): Promise<Record<string, unknown>[]> {
  const ids = await db
    .selectFrom('hub_cell')
    .select('row_id')
    .where('org_id', '=', orgId)
    .where('table_name', '=', table)
    .where('column_name', '=', 'task_id')
    .where('value', '=', JSON.stringify(taskId))
    .execute();
  const rows = await Promise.all(ids.map((n) => rowOf(db, orgId, table, n.row_id)));
  return rows.filter((r): r is Record<string, unknown> => r !== null && (r.deleted_at === undefined || r.deleted_at === null));
}
