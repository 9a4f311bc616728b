import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { CellMessage } from '../../../shared/sync/protocol';
import { formatHlc, nodeOf } from '../../../shared/sync/hlc';
import { latestCells, type CellValue } from '../../../shared/sync/merge';
import { DELETED, LOCAL_COLUMNS } from './columns';
import type { TableShape } from './tables';

/** Rows are read by id in slices this size (SQLite's bound parameters stay well under its limit). */
export const ID_SLICE = 500;

interface LocalChange {
  seq: number;
  table_name: string;
  row_id: string;
  op: string;
  columns: string;
  branch_id: string | null;
  at: string;
  hlc: string | null;
}

/** A stored value as a cell's: booleans stay 1/0 as stored; a blob travels as base64 text. */
export function cellValueOf(value: unknown): CellValue {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  return value as CellValue;
}

/** Rows of one table by id, in slices: one query per slice, never one per cell. */
export async function rowsById(db: Kysely<DB>, table: string, ids: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < ids.length; i += ID_SLICE) {
    const slice = ids.slice(i, i + ID_SLICE);
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} where id in (${sql.join(slice)})`.execute(db)).rows;
    for (const r of rows) out.set(r.id as string, r);
  }
  return out;
}

/** The nodes that last wrote these rows' cells: a cell someone else has since overwritten is not ours to send. */
async function cellWriters(db: Kysely<DB>, table: string, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += ID_SLICE) {
    const slice = ids.slice(i, i + ID_SLICE);
    const rows = await db.selectFrom('sync_cell').select(['row_id', 'column_name', 'node']).where('table_name', '=', table).where('row_id', 'in', slice).execute();
    for (const r of rows) out.set(`${r.row_id}\u0000${r.column_name}`, r.node);
  }
  return out;
}

/**
 * This installation's changes after `afterSeq` as cells, oldest first, at most `limit` cells (whole changes). Each changed column is sent with the row's
 * current value and the change's stamp (a later change of the same column sends it again with its own, later one);
 * a delete is `_deleted: true`, a restore `_deleted: false`; an insert also carries `created_at`. `lastSeq` covers
 * every change examined, pulled ones included, so the next push starts after them.
 */
export async function outboundCells(
  db: Kysely<DB>,
  shapes: ReadonlyMap<string, TableShape>,
  orgId: string,
  afterSeq: number,
  limit: number,
): Promise<{ cells: CellMessage[]; lastSeq: number }> {
  return db.transaction().execute(async (trx) => {
    const changes = (await trx
      .selectFrom('change_log')
      .select(['seq', 'table_name', 'row_id', 'op', 'columns', 'branch_id', 'at', 'hlc'])
      .where('org_id', '=', orgId)
      .where('seq', '>', afterSeq)
      .where('origin', 'is', null)
      .orderBy('seq')
      .limit(limit)
      .execute()) as LocalChange[];
    const device = await trx.selectFrom('sync_device').select('installation_id').where('id', '=', 1).executeTakeFirstOrThrow();
    const me = nodeOf(device.installation_id);

    const byTable = new Map<string, string[]>();
    for (const c of changes) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.row_id]);
    const rows = new Map<string, Map<string, Record<string, unknown>>>();
    const writers = new Map<string, Map<string, string>>();
    for (const [table, ids] of byTable) {
      const unique = [...new Set(ids)];
      rows.set(table, await rowsById(trx, table, unique));
      writers.set(table, await cellWriters(trx, table, unique));
    }

    const cells: CellMessage[] = [];
    let lastSeq = afterSeq;
    let cut = false;
    for (const c of changes) {
      const shape = shapes.get(c.table_name);
      const row = rows.get(c.table_name)?.get(c.row_id);
      const mark = cells.length;
      if (shape && row) addCells(c, shape, row);
      // The batch ends at a whole change: the next one starts with the change that did not fit.
      if (cells.length > limit && mark > 0) {
        cells.length = mark;
        cut = true;
        break;
      }
      lastSeq = c.seq;
    }
    if (!cut && changes.length < limit) {
      // Every local change is in hand: the pulled ones after it need no second look.
      const top = await trx.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('m')).where('org_id', '=', orgId).executeTakeFirst();
      lastSeq = Math.max(lastSeq, Number(top?.m ?? 0));
    }
    return { cells: latestCells(cells), lastSeq };

    function addCells(c: LocalChange, shape: TableShape, row: Record<string, unknown>): void {
      // Changes recorded before this installation stamped them: their own time, this node.
      const hlc = c.hlc ?? formatHlc({ millis: Date.parse(c.at), counter: 0, node: me });
      const written = writers.get(c.table_name)!;
      const cell = (column: string, value: CellValue) => cells.push({ table: c.table_name, rowId: c.row_id, column, value, hlc, branchId: c.branch_id });
      for (const column of JSON.parse(c.columns) as string[]) {
        if (column === 'deleted_at') {
          cell(DELETED, c.op === 'delete');
          continue;
        }
        if (LOCAL_COLUMNS.has(column) || !shape.columns.has(column)) continue;
        const writer = written.get(`${c.row_id}\u0000${column}`);
        if (writer !== undefined && writer !== me) continue;
        cell(column, cellValueOf(row[column]));
      }
      if (c.op === 'insert') cell('created_at', row.created_at as string);
    }
  });
}

/** How many of this installation's changes after `afterSeq` wait to be pushed. */
export async function pendingChanges(db: Kysely<DB>, orgId: string, afterSeq: number): Promise<number> {
  const r = await db
    .selectFrom('change_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('seq', '>', afterSeq)
    .where('origin', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
