import { type Kysely } from 'kysely';

/**
 * The change record: one row per write of a synced row, appended in the transaction of the write. A branch's sync
 * reads it in `seq` order from where it last stopped (table, row, the columns that changed, the row's new version,
 * who, when); the values themselves are read from the row. Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('change_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('org_id', 'text', (c) => c.notNull())
    // The row's branch (null: an organization-wide row): a device syncs only its branches' rows.
    .addColumn('branch_id', 'text')
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    // insert | update | delete (a tombstone: the row stays, with deleted_at set)
    .addColumn('op', 'text', (c) => c.notNull())
    // JSON array of the column names the write changed (an insert names every column it set).
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('change_log_org_seq').on('change_log').columns(['org_id', 'seq']).execute();
  await db.schema.createIndex('change_log_row').on('change_log').columns(['table_name', 'row_id', 'version']).execute();
}
