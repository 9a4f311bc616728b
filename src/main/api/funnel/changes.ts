import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { cellColumns } from '../../sync/replica/columns';
import { nextStamp } from '../../sync/replica/clock';

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

/**
 * How a change is stamped: a local write takes the next HLC of this file's clock (`owner`: the core's config, which
 * holds it; `now`: the call's clock) and records it as each changed cell's stamp; a change pulled from the hub carries its own stamp and
 * its cells' stamps are the replica's to record.
 */
export type ChangeStamp = { owner: object | undefined; now: number } | { hlc: string; origin: 'remote' };

export async function appendChange(db: Kysely<DB>, c: Omit<ChangeRecord, 'seq'>, stamp: ChangeStamp): Promise<void> {
  const local = 'now' in stamp ? await nextStamp(db, stamp.owner, stamp.now) : null;
  const { seq } = await db
    .insertInto('change_log')
    .values({
      org_id: c.orgId,
      branch_id: c.branchId,
      table_name: c.table,
      row_id: c.rowId,
      op: c.op,
      columns: JSON.stringify(c.columns),
      version: c.version,
      user_id: c.userId,
      at: c.at,
      hlc: local ? local.hlc : (stamp as { hlc: string }).hlc,
      origin: local ? null : 'remote',
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  if (!local) return;
  const cells = cellColumns(c.columns);
  if (cells.length === 0) return;
  // One statement for every changed cell: what a pulled cell of the same column is compared with.
  await sql`insert into sync_cell (table_name, row_id, column_name, hlc, node, seq)
    select ${c.table}, ${c.rowId}, j.value, ${local.hlc}, ${local.node}, ${seq} from json_each(${JSON.stringify(cells)}) j where true
    on conflict (table_name, row_id, column_name) do update set hlc = excluded.hlc, node = excluded.node, seq = excluded.seq`.execute(db);
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
