import type { HubDb } from '../db/open';

/** What the web form may show of an organization: its branches and the employees marked public, by name only. */
export interface FormDirectory {
  branches: { id: string; name: string }[];
  employees: { id: string; name: string; branchIds: string[] }[];
  /** Where a submission goes when the visitor chose no branch: the organization's first branch. */
  defaultBranchId: string | null;
}

type Rows = Map<string, Record<string, unknown>>;

/** The hub's current copy of some columns of a table (its cells), row by row; deleted rows left out. */
async function currentRows(db: HubDb, orgId: string, table: string, columns: string[]): Promise<Rows> {
  const cells = await db
    .selectFrom('hub_cell')
    .select(['row_id', 'column_name', 'value'])
    .where('org_id', '=', orgId)
    .where('table_name', '=', table)
    .where('column_name', 'in', [...columns, '_deleted'])
    .execute();
  const rows: Rows = new Map();
  for (const c of cells) {
    const row = rows.get(c.row_id) ?? {};
    row[c.column_name] = JSON.parse(c.value) as unknown;
    rows.set(c.row_id, row);
  }
  for (const [id, row] of rows) if (row._deleted === true) rows.delete(id);
  return rows;
}

/**
 * Read from the cells the organization's devices pushed (the hub's own replica): nothing to keep in step by hand. An
 * employee is listed only while active and marked public on the desktop; nothing else of them leaves the hub.
 */
export async function formDirectory(db: HubDb, orgId: string): Promise<FormDirectory> {
  const branchRows = await currentRows(db, orgId, 'branch', ['name', 'created_at']);
  const branches = [...branchRows]
    .filter(([, r]) => typeof r.name === 'string')
    .sort(([, a], [, b]) => String(a.created_at ?? '').localeCompare(String(b.created_at ?? '')))
    .map(([id, r]) => ({ id, name: String(r.name) }));
  const users = await currentRows(db, orgId, 'app_user', ['name', 'active', 'public_on_web']);
  const links = await currentRows(db, orgId, 'user_branch', ['user_id', 'branch_id']);
  const live = new Set(branches.map((b) => b.id));
  const employees = [...users]
    .filter(([, r]) => r.active === 1 && r.public_on_web === 1 && typeof r.name === 'string')
    .map(([id, r]) => ({
      id,
      name: String(r.name),
      branchIds: [...links.values()].filter((l) => l.user_id === id && live.has(String(l.branch_id))).map((l) => String(l.branch_id)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { branches, employees, defaultBranchId: branches[0]?.id ?? null };
}
