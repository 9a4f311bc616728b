import { sql, type Kysely } from 'kysely';

/**
 * The hub's web form (issue 12): which employees a client may ask for by name on the organization's website, and the
 * record of each submission this installation turned into a task. Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // 1: listed (by name only) on the web form's "employee you would like"; 0 for everyone until someone says so.
  await db.schema.alterTable('app_user').addColumn('public_on_web', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('task_web_intake')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    // The hub's id of the submission: a submission pulled twice (an ack lost, a crash before it) is one task.
    .addColumn('submission_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    // The reference the visitor was shown on the confirmation page.
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index task_web_intake_submission on task_web_intake (org_id, submission_id)`.execute(db);
}
