import { sql, type Kysely } from 'kysely';

/**
 * The web form's reference on the desktop's task: the task's card reads its submission's record by the task, and the
 * quick search asks which tasks carry a typed reference. Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index task_web_intake_task on task_web_intake (task_id) where deleted_at is null`.execute(db);
}
