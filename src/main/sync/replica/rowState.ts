import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SyncedTable } from '../../api/funnel';
import { formatHlc } from '../../../shared/sync/hlc';
import { ID_SLICE } from './outbound';

/** What an apply reads and writes of the rows it touches, apart from the merge itself. */

export interface Stamp {
  hlc: string;
  node: string;
  seq: number | null;
}

export async function stampsOf(db: Kysely<DB>, table: string, ids: readonly string[]): Promise<Map<string, Map<string, Stamp>>> {
  const out = new Map<string, Map<string, Stamp>>();
  for (let i = 0; i < ids.length; i += ID_SLICE) {
    const rows = await db.selectFrom('sync_cell').select(['row_id', 'column_name', 'hlc', 'node', 'seq']).where('table_name', '=', table).where('row_id', 'in', ids.slice(i, i + ID_SLICE)).execute();
    for (const r of rows) {
      let m = out.get(r.row_id);
      if (!m) out.set(r.row_id, (m = new Map()));
      m.set(r.column_name, { hlc: r.hlc, node: r.node, seq: r.seq });
    }
  }
  return out;
}

/**
 * The stamp of each row's first change (its insert, or its bulk load): what its unchanged columns are as old as. A row
 * made here from pulled cells has none: a column it was not given then (the insert's rest on a later pull page) holds
 * a stand-in, and the first cell that arrives for it wins.
 */
export async function insertStamps(db: Kysely<DB>, table: string, rows: readonly Record<string, unknown>[], me: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const r of rows) out.set(r.id as string, formatHlc({ millis: Date.parse(r.created_at as string), counter: 0, node: me }));
  const ids = rows.map((r) => r.id as string);
  for (let i = 0; i < ids.length; i += ID_SLICE) {
    // SQLite gives the other columns of the row that holds the min().
    const first = await sql<{ row_id: string; hlc: string | null; origin: string | null }>`
      select row_id, hlc, origin, min(seq) from change_log where table_name = ${table} and row_id in (${sql.join(ids.slice(i, i + ID_SLICE))}) group by row_id`.execute(db);
    for (const f of first.rows) {
      if (f.origin === 'remote') out.delete(f.row_id);
      else if (f.hlc) out.set(f.row_id, f.hlc);
    }
  }
  return out;
}

/** Inserts a pulled row; false when a unique key of the table is already held by another row (nothing written). */
export async function insertUnlessTaken(db: Kysely<DB>, table: string, values: Record<string, unknown>): Promise<boolean> {
  try {
    await db.insertInto(table as SyncedTable).values(values as never).execute();
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
    throw e;
  }
}
