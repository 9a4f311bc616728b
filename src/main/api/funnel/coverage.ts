import type { Sqlite } from '../../db/connection';

/** A synced row whose history in the change record does not add up to the row: a write went around the funnel. */
export interface FunnelGap {
  table: string;
  rowId: string;
  version: number;
  recorded: number;
  lastRecordedVersion: number | null;
}

/** The tables the funnel owns: those with an id, a version, stamps and tombstones. */
export function syncedTableNames(sqlite: Sqlite): string[] {
  const tables = sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).pluck().all() as string[];
  return tables.filter((t) => {
    const cols = new Set((sqlite.prepare(`select name from pragma_table_info(?)`).pluck().all(t) as string[]));
    return ['id', 'version', 'updated_at', 'deleted_at'].every((c) => cols.has(c));
  });
}

/**
 * Every synced row must have one change record per version, the last one its own, stamped when the row was: a write
 * that skipped the funnel (no record), bumped the version twice, or touched `updated_at` alone shows up here.
 */
export function funnelGaps(sqlite: Sqlite): FunnelGap[] {
  const gaps: FunnelGap[] = [];
  for (const table of syncedTableNames(sqlite)) {
    const rows = sqlite
      .prepare(
        `select t.id, t.version, t.updated_at,
                (select count(*) from change_log c where c.table_name = ? and c.row_id = t.id) as recorded,
                (select max(c.version) from change_log c where c.table_name = ? and c.row_id = t.id) as last_version,
                (select c.at from change_log c where c.table_name = ? and c.row_id = t.id order by c.seq desc limit 1) as last_at
         from "${table}" t`,
      )
      .all(table, table, table) as { id: string; version: number; updated_at: string; recorded: number; last_version: number | null; last_at: string | null }[];
    for (const r of rows) {
      if (r.recorded !== r.version || r.last_version !== r.version || r.last_at !== r.updated_at) {
        gaps.push({ table, rowId: r.id, version: r.version, recorded: r.recorded, lastRecordedVersion: r.last_version });
      }
    }
  }
  return gaps;
}
