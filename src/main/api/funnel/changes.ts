import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { nextStamp } from '../../sync/replica/clock';
import { stampCells } from '../../sync/replica/cells';

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
 * holds it; `now`: the call's clock) and stamps the cells an edit or delete changed; a change pulled from the hub
 * carries its own stamp, and its cells' stamps are the replica's to record.
 */
export type ChangeStamp = { owner: object | undefined; now: number } | { hlc: string; origin: 'remote' };

export async function appendChange(db: Kysely<DB>, c: Omit<ChangeRecord, 'seq'>, stamp: ChangeStamp): Promise<void> {
  const local = 'now' in stamp ? await nextStamp(db, stamp.owner, stamp.now) : null;
  const hlc = local ? local.hlc : (stamp as { hlc: string }).hlc;
  const { insertId } = await db
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
      hlc,
      origin: local ? null : 'remote',
    })
    .executeTakeFirstOrThrow();
  if (local && c.op !== 'insert') await stampCells(db, (stamp as { owner: object | undefined }).owner, c, hlc, local.node, Number(insertId));
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
