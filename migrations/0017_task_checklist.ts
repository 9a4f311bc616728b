import { sql, type Kysely } from 'kysely';

function synced<T extends { addColumn: (...a: any[]) => T }>(t: T): T {
  return t
    .addColumn('id', 'text', (c: any) => c.primaryKey())
    .addColumn('org_id', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1));
}

/**
 * Checklists on tasks (issue 12, the seed's "klausimynas"): a template per task type, copied onto a task when it gets
 * that type before work starts, so editing the template later never changes what an employee already ticked.
 * Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await synced(db.schema.createTable('task_type_check_item'))
    .addColumn('type_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('task_type_check_item_type').on('task_type_check_item').columns(['type_id', 'position']).where(sql.ref('deleted_at'), 'is', null).execute();

  await synced(db.schema.createTable('task_check_item'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    // Who ticked it and when (UTC ISO); both null while it is open.
    .addColumn('checked_by', 'text')
    .addColumn('checked_at', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('task_check_item_task').on('task_check_item').columns(['task_id', 'position']).where(sql.ref('deleted_at'), 'is', null).execute();
}
