import type { Kysely } from 'kysely';

/**
 * The desktop's copy of the website chat (issue 13): conversations and messages as the hub's operator socket sent
 * them, keyed by the hub's ids, so the console and a client's card show history while the hub is unreachable and
 * after a restart. Not synced: the hub is the only writer; each desktop keeps what it was sent. Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chat_archive_conversation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    // JSON: the questionnaire's answers as the visitor gave them.
    .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('page', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('assignee_id', 'text')
    // A client the hub's routing recognised; else the card matches by the answers' phone or e-mail.
    .addColumn('client_id', 'text')
    // Instants in epoch ms, as the hub sends them.
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('last_message_at', 'integer')
    .addColumn('visitor_seen_at', 'integer')
    // Who wrote the last message that is not deleted: a visitor's means the conversation waits for an answer.
    .addColumn('last_author', 'text')
    .addColumn('rev', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('chat_archive_conversation_recent').on('chat_archive_conversation').columns(['org_id', 'status', 'last_message_at']).execute();
  await db.schema.createIndex('chat_archive_conversation_client').on('chat_archive_conversation').columns(['client_id']).execute();

  await db.schema
    .createTable('chat_archive_message')
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('quote_seq', 'integer')
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('deleted_at', 'integer')
    .addColumn('rev', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('chat_archive_message_pk', ['conversation_id', 'seq'])
    .execute();

  // How far this desktop has read the organization's chat: a restart resumes from here.
  await db.schema
    .createTable('chat_archive_cursor')
    .addColumn('org_id', 'text', (c) => c.primaryKey())
    .addColumn('rev', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
