import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export type ChangeOp = 'insert' | 'update' | 'delete';

/** One write of one synced row, as the coming sync reads it: the values themselves are read from the row. */
export interface ChangeRecord {
  seq: number;
  orgId: string;
  branchId: string | null;
  table: string;
  rowId: string;
  op: ChangeOp;
  columns: string[];
  version: number;
  userId: string | null;
  at: string;
}

export async function appendChange(db: Kysely<DB>, c: Omit<ChangeRecord, 'seq'>): Promise<void> {
  await db
    .insertInto('change_log')
    .values({ org_id: c.orgId, branch_id: c.branchId, table_name: c.table, row_id: c.rowId, op: c.op, columns: JSON.stringify(c.columns), version: c.version, user_id: c.userId, at: c.at })
    .execute();
}

/** An organization's changes after `afterSeq`, oldest first: where a sync picks up from its last position. */
export async function changesSince(db: Kysely<DB>, orgId: string, afterSeq: number, limit = 1000): Promise<ChangeRecord[]> {
  const rows = await db.selectFrom('change_log').selectAll().where('org_id', '=', orgId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({
    seq: r.seq,
    orgId: r.org_id,
    branchId: r.branch_id,
    table: r.table_name,
    rowId: r.row_id,
    op: r.op as ChangeOp,
    columns: JSON.parse(r.columns) as string[],
    version: r.version,
    userId: r.user_id,
    at: r.at,
  }));
}
