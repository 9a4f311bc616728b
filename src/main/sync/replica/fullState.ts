import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { CellMessage } from '../../../shared/sync/protocol';
import { formatHlc, nodeOf } from '../../../shared/sync/hlc';
import { DELETED, LOCAL_COLUMNS } from './columns';
import { cellValueOf, ID_SLICE } from './outbound';
import { stampsOf } from './rowState';
import type { TableShape } from './tables';

/** Where a walk over every synced row stopped: the next page starts after this table and row. */
export type FullStateMark = readonly [table: string, rowId: string] | null;

interface FirstChange {
  row_id: string;
  hlc: string | null;
  origin: string | null;
  columns: string;
  op: string;
}

/**
 * Everything this file holds of its organization as cells, for a hub that lost its own (rebuilt from the devices):
 * each row's columns that were ever written — those its first change set and those stamped since — with their
 * current values and the stamps the merge gave them here, so the hub's merge of every device's walk gives back the
 * greatest stamp per column it had. A column not written since the row's insert is as old as the insert; `created_at`
 * carries the insert's stamp (a pulled row: its oldest cell's, which the insert's cells were). Rows whose first change
 * is not recorded (loaded before the change record existed) are stamped at their creation, as their push was.
 * Whole rows per page, `limit` rows at most; `next` null at the end.
 */
export async function fullStateCells(
  db: Kysely<DB>,
  shapes: ReadonlyMap<string, TableShape>,
  orgId: string,
  after: FullStateMark,
  limit: number,
): Promise<{ cells: CellMessage[]; next: FullStateMark }> {
  const device = await db.selectFrom('sync_device').select('installation_id').where('id', '=', 1).executeTakeFirstOrThrow();
  const me = nodeOf(device.installation_id);
  const tables = [...shapes.keys()].sort().filter((t) => !after || t >= after[0]);
  const cells: CellMessage[] = [];
  let rowsTaken = 0;
  for (const table of tables) {
    const shape = shapes.get(table)!;
    const from = after && after[0] === table ? after[1] : '';
    const rows = (
      await sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${sql.ref(shape.orgColumn)} = ${orgId} and id > ${from} order by id limit ${limit - rowsTaken}`.execute(db)
    ).rows;
    if (rows.length === 0) continue;
    const ids = rows.map((r) => r.id as string);
    const stamps = await stampsOf(db, table, ids);
    const firsts = new Map<string, FirstChange>();
    const branches = new Map<string, string | null>();
    for (let i = 0; i < ids.length; i += ID_SLICE) {
      const slice = ids.slice(i, i + ID_SLICE);
      const first = await sql<FirstChange>`
        select c.row_id, c.hlc, c.origin, c.columns, c.op from change_log c
         where c.table_name = ${table} and c.seq = (select min(seq) from change_log f where f.table_name = c.table_name and f.row_id = c.row_id)
           and c.row_id in (${sql.join(slice)})`.execute(db);
      for (const f of first.rows) firsts.set(f.row_id, f);
      const last = await sql<{ row_id: string; branch_id: string | null }>`
        select c.row_id, c.branch_id from change_log c
         where c.table_name = ${table} and c.seq = (select max(seq) from change_log f where f.table_name = c.table_name and f.row_id = c.row_id)
           and c.row_id in (${sql.join(slice)})`.execute(db);
      for (const l of last.rows) branches.set(l.row_id, l.branch_id);
    }
    for (const row of rows) {
      const id = row.id as string;
      const held = stamps.get(id) ?? new Map();
      const first = firsts.get(id);
      const created = formatHlc({ millis: Date.parse(row.created_at as string), counter: 0, node: me });
      const insertHlc = first?.hlc ?? created;
      const branchId = (branches.get(id) ?? (typeof row.branch_id === 'string' ? row.branch_id : null)) as string | null;
      const cell = (column: string, value: CellMessage['value'], hlc: string) => cells.push({ table, rowId: id, column, value, hlc, branchId });
      const written = new Set<string>(first ? (JSON.parse(first.columns) as string[]) : [...shape.columns]);
      for (const column of held.keys()) written.add(column);
      for (const column of [...written].sort()) {
        if (column === DELETED || column === 'deleted_at' || LOCAL_COLUMNS.has(column) || !shape.columns.has(column)) continue;
        cell(column, cellValueOf(row[column]), held.get(column)?.hlc ?? insertHlc);
      }
      const tomb = held.get(DELETED);
      if (tomb) cell(DELETED, row.deleted_at != null, tomb.hlc);
      else if (row.deleted_at != null) cell(DELETED, true, formatHlc({ millis: Date.parse(row.updated_at as string), counter: 0, node: me }));
      const local = !first || first.origin === null;
      const oldest = [...held.values()].map((s) => s.hlc as string).sort()[0];
      cell('created_at', row.created_at as string, local ? insertHlc : (oldest ?? insertHlc));
    }
    rowsTaken += rows.length;
    if (rowsTaken >= limit) return { cells, next: [table, rows[rows.length - 1]!.id as string] };
  }
  return { cells, next: null };
}
