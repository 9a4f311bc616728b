import { sql, type Kysely } from 'kysely';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db/connection';
import type { DB } from '../../db/schema';
import { DELETED, LOCAL_COLUMNS } from './columns';

/**
 * The stamp of each cell a local edit or delete changed, written beside its change record. The funnel is on every
 * write path, so this is one statement per change, prepared once on the core's one writer connection (the write's
 * transaction is open on it). An insert stamps no cell: a column not written since is as old as the insert's change.
 */
const UPSERT = `insert into sync_cell (table_name, row_id, column_name, hlc, node, seq)
  select ?, ?, j.value, ?, ?, ? from json_each(?) j where true
  on conflict (table_name, row_id, column_name) do update set hlc = excluded.hlc, node = excluded.node, seq = excluded.seq`;

const writers = new WeakMap<object, { sqlite: Sqlite; upsert: Statement | null }>();

/** The core's writer connection, for its config (the owner its writes are stamped for). */
export function bindWriter(owner: object, sqlite: Sqlite): void {
  writers.set(owner, { sqlite, upsert: null });
}

/** The cells these changed columns set (`deleted_at` as the tombstone); ids, version and the row's stamps are none. */
function cellsOf(columns: readonly string[]): string[] {
  return columns.flatMap((c) => (c === 'deleted_at' ? [DELETED] : LOCAL_COLUMNS.has(c) ? [] : [c]));
}

export async function stampCells(db: Kysely<DB>, owner: object | undefined, c: { table: string; rowId: string; columns: readonly string[] }, hlc: string, node: string, seq: number): Promise<void> {
  const cells = cellsOf(c.columns);
  if (cells.length === 0) return;
  const writer = owner ? writers.get(owner) : undefined;
  const args = [c.table, c.rowId, hlc, node, seq, JSON.stringify(cells)] as const;
  if (writer?.sqlite.inTransaction) {
    writer.upsert ??= writer.sqlite.prepare(UPSERT);
    writer.upsert.run(...args);
    return;
  }
  // A context without the core's writer (a tool's own connection): the same statement through Kysely.
  await sql`insert into sync_cell (table_name, row_id, column_name, hlc, node, seq)
    select ${args[0]}, ${args[1]}, j.value, ${args[2]}, ${args[3]}, ${args[4]} from json_each(${args[5]}) j where true
    on conflict (table_name, row_id, column_name) do update set hlc = excluded.hlc, node = excluded.node, seq = excluded.seq`.execute(db);
}
