import { sql, type Kysely } from 'kysely';

/**
 * A month's invoices read the branch's tasks done in that month: without this index that read walks every done task
 * the branch ever had, which grows with the years of history an office keeps. Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index task_done_month on task (branch_id, done_at) where status = 'done' and deleted_at is null`.execute(db);
}
