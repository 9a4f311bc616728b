import { sql, type Kysely } from 'kysely';

/**
 * A task made from a website chat (issue 13): linked to the conversation on the hub and to the client's request it
 * continues (an intervention or another task). The hub's chat actions applied here, by their id, and how far this
 * installation has pulled them. Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('task').addColumn('chat_conversation_id', 'text').execute();
  // intervention | task
  await db.schema.alterTable('task').addColumn('request_kind', 'text').execute();
  await db.schema.alterTable('task').addColumn('request_id', 'text').execute();
  await sql`create index task_chat_conversation on task (chat_conversation_id) where chat_conversation_id is not null`.execute(db);
  await db.schema
    .createTable('task_chat_action')
    .addColumn('action_id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text')
    // applied | refused:<reason> | unknown: either way, done with.
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('task_chat_cursor')
    .addColumn('org_id', 'text', (c) => c.primaryKey())
    .addColumn('cursor', 'integer', (c) => c.notNull())
    .execute();
}
