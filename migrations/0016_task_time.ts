import { sql, type Kysely } from 'kysely';

/**
 * Time spent on tasks (issue 12): timer sessions and manual entries, several per task and per employee, and the hourly
 * rates the month's invoices multiply them by. Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('task_time_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.notNull())
    // Instants (UTC ISO); ended_at is null while the timer runs.
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    // Whole seconds once ended, so sums never drift from rounding each session.
    .addColumn('seconds', 'integer')
    // The day it started on the branch's clock: what a locked month and a work act's period look at.
    .addColumn('day', 'text', (c) => c.notNull())
    // timer | manual
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    // 0: shown on the work act but left off the invoice (travel the client does not pay for, say).
    .addColumn('billable', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  const live = sql.ref('deleted_at');
  await db.schema.createIndex('task_time_task').on('task_time_entry').columns(['task_id', 'started_at']).where(live, 'is', null).execute();
  await db.schema.createIndex('task_time_employee').on('task_time_entry').columns(['org_id', 'employee_id', 'started_at']).where(live, 'is', null).execute();
  await db.schema.createIndex('task_time_day').on('task_time_entry').columns(['org_id', 'day', 'task_id']).where(live, 'is', null).execute();
  // One running timer per employee, whatever screen or phone started it.
  await sql`create unique index task_time_running on task_time_entry (employee_id) where ended_at is null and deleted_at is null`.execute(db);

  // Minor units per hour; null: not set (the invoice falls back from the task type's rate to the employee's).
  await db.schema.alterTable('task_type').addColumn('hourly_rate_minor', 'integer').execute();
  await db.schema.alterTable('app_user').addColumn('hourly_rate_minor', 'integer').execute();
}
