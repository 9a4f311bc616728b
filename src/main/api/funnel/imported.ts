import type { Sqlite } from '../../db/connection';
import { BRANCH_COLUMN } from '../scope';
import { forgetClocks } from '../../sync/replica/clock';
import { syncedTableNames } from './coverage';
import type { SyncedTable } from './rows';

/**
 * Rows loaded in bulk around the services (an import from another system, a volume generator) enter the change
 * record as inserts, in one statement: a sync then carries them like rows written one by one. Rows already recorded
 * are left alone, so it may run after every batch. Each is stamped as of its `updated_at` by this installation
 * (counter 0: rows differ, so their cells never tie), and the clock is read again before the next local stamp.
 */
export function recordImported(sqlite: Sqlite, table: SyncedTable): number {
  const branch = (BRANCH_COLUMN as Partial<Record<SyncedTable, string>>)[table];
  const columns = JSON.stringify((sqlite.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[]).filter((c) => !['created_at', 'updated_at', 'deleted_at', 'version'].includes(c)));
  const org = table === 'org' ? 't.id' : 't.org_id';
  const node = (sqlite.prepare('select installation_id from sync_device where id = 1').pluck().get() as string).replace(/-/g, '');
  const info = sqlite
    .prepare(
      `insert into change_log (org_id, branch_id, table_name, row_id, op, columns, version, user_id, at, hlc)
       select ${org}, ${branch ? `t."${branch}"` : 'null'}, ?, t.id, 'insert', ?, t.version, null, t.updated_at,
              strftime('%Y-%m-%dT%H:%M:%fZ', t.updated_at) || ?
       from "${table}" t
       where not exists (select 1 from change_log c where c.table_name = ? and c.row_id = t.id)`,
    )
    .run(table, columns, `-0000-${node}`, table);
  if (info.changes) forgetClocks();
  return info.changes;
}

/** Every synced table's bulk-loaded rows, after a generator or an import has filled a file. */
export function recordAllImported(sqlite: Sqlite): number {
  return syncedTableNames(sqlite).reduce((n, t) => n + recordImported(sqlite, t as SyncedTable), 0);
}
