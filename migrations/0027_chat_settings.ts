import type { Kysely } from 'kysely';

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
 * The website chat's settings (issue 13): how the organization routes conversations and what the widget asks, and
 * each employee's experience, cost and wish for a text message. Both synced, so the hub routes by them. Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One row per organization, its id the organization's: two computers saving it first write one row, cell by cell.
  await synced(db.schema.createTable('chat_setting'))
    .addColumn('strategy', 'text', (c) => c.notNull().defaultTo('experienced_first'))
    .addColumn('escalate_after_minutes', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('max_chats_each', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('questionnaire', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('topics', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('greetings', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();

  // One row per employee who answers chats, its id the employee's (same reason).
  await synced(db.schema.createTable('chat_operator'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('experience_level', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('cost_level', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('sms_on_start', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('chat_operator_user').unique().on('chat_operator').columns(['org_id', 'user_id']).execute();
}
