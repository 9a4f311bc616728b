import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';

/**
 * Branch sync (issue 11): this installation's registration with the hub, the hybrid-logical-clock stamp of every
 * cell's current value, the conflicts a person must decide, pulled cells waiting for the rest of their row, and the
 * change record's stamp and origin. Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One row (id 1): who this installation is and where its sync stands. The installation id is made once per data
  // file, before any registration: it is the HLC node of every change written here.
  await db.schema
    .createTable('sync_device')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('installation_id', 'text', (c) => c.notNull())
    // Given by the hub at registration (null: not registered).
    .addColumn('device_id', 'text')
    .addColumn('device_name', 'text')
    .addColumn('hub_url', 'text')
    // The Bearer key, sealed with the data folder's secrets key.
    .addColumn('device_key_enc', 'text')
    .addColumn('org_id', 'text')
    // The hub's sequence number of the last cell pulled.
    .addColumn('cursor', 'integer', (c) => c.notNull().defaultTo(0))
    // The last change_log seq the hub acknowledged: local changes after it are pending.
    .addColumn('pushed_seq', 'integer', (c) => c.notNull().defaultTo(0))
    // \`pushed_seq\` as of the last round whose pull reached the hub's end: a local edit after it may still cross
    // another device's edit of the same field on a page not pulled yet, so it counts as unsettled (a conflict).
    .addColumn('settled_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('interval_seconds', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('last_sync_at', 'text')
    // Why the last sync failed, as an i18n key and its params (JSON); null when it went through.
    .addColumn('problem_key', 'text')
    .addColumn('problem_params', 'text')
    .addColumn('registered_at', 'text')
    .execute();
  await db.insertInto('sync_device').values({ id: 1, installation_id: uuidv7(), cursor: 0, pushed_seq: 0, interval_seconds: 30 }).execute();

  // The HLC of each cell's current value (`_deleted` for the row's tombstone): what a pulled cell is compared with.
  await db.schema
    .createTable('sync_cell')
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    // The writer's node (32 hex digits): this installation's, or another device's for a pulled value.
    .addColumn('node', 'text', (c) => c.notNull())
    // The change_log seq that wrote the value here: a local value after sync_device.pushed_seq is not yet on the hub.
    .addColumn('seq', 'integer')
    .addPrimaryKeyConstraint('sync_cell_pk', ['table_name', 'row_id', 'column_name'])
    .execute();

  // A domain conflict the merge settled one way and a person must confirm: both versions kept.
  await db.schema
    .createTable('sync_conflict')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text')
    // field (both sides changed a conflict column) | slot_double_booked (two live visits of one person overlap)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('other_row_id', 'text')
    .addColumn('title', 'text')
    .addColumn('branch_id', 'text')
    .addColumn('detected_at', 'text', (c) => c.notNull())
    // JSON: the version the merge kept, and the other one.
    .addColumn('kept', 'text')
    .addColumn('other', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .execute();
  await db.schema.createIndex('sync_conflict_open').on('sync_conflict').columns(['org_id', 'resolved_at']).execute();
  await db.schema.createIndex('sync_conflict_row').on('sync_conflict').columns(['table_name', 'row_id']).execute();

  // Pulled cells of a row not yet here whose batch lacked a required column: retried after the next batch.
  await db.schema
    .createTable('sync_inbox')
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('branch_id', 'text')
    // JSON of the cell's value.
    .addColumn('value', 'text')
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_inbox_pk', ['table_name', 'row_id', 'column_name'])
    .execute();

  // The change's HLC stamp, and where it was written: null here, 'remote' when applied from the hub (never pushed back).
  await db.schema.alterTable('change_log').addColumn('hlc', 'text').execute();
  await db.schema.alterTable('change_log').addColumn('origin', 'text').execute();
  // The clock resumes after the greatest stamp at open.
  await db.schema.createIndex('change_log_hlc').on('change_log').column('hlc').execute();
}
