import { sql, type Kysely } from 'kysely';

/**
 * What became of each action an employee sent from the phone page (applied, refused and why), as a synced row under
 * the action's own id: the hub learns it by ordinary sync and tells the employee on the page. Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('task_field_outcome')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // applied | nothing | refused | unknown
    .addColumn('outcome', 'text', (c) => c.notNull())
    // The refusal's translation key and its parameters (JSON), so the page says it in the employee's language.
    .addColumn('reason', 'text')
    .addColumn('params', 'text')
    // When the employee acted (the phone's time).
    .addColumn('acted_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index task_field_outcome_task on task_field_outcome (task_id)`.execute(db);
}
