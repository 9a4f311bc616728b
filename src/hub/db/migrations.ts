import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export type Engine = 'pg' | 'sqlite';

/**
 * The hub's migrations, written once with the schema builder for both engines. Types are the portable few (text,
 * integer, bigint); the only engine-specific choice is the cell log's sequence (bigserial / integer autoincrement).
 * Text primary keys say `not null` explicitly: SQLite, unlike PostgreSQL, lets a null into one otherwise.
 * Names never change once released.
 */
export function hubMigrations(engine: Engine): Record<string, Migration> {
  return {
    '0001_hub': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('hub_organization')
          .addColumn('id', 'text', (c) => c.primaryKey().notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('last_push_at', 'bigint')
          .execute();
        await db.schema
          .createTable('hub_device')
          .addColumn('id', 'text', (c) => c.primaryKey().notNull())
          .addColumn('org_id', 'text', (c) => c.notNull().references('hub_organization.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('key_hash', 'text', (c) => c.notNull().unique())
          .addColumn('branch_ids', 'text')
          .addColumn('schema_version', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('last_seen_at', 'bigint')
          .addColumn('revoked_at', 'bigint')
          .execute();
        await db.schema.createIndex('hub_device_org').on('hub_device').column('org_id').execute();
        await db.schema
          .createTable('hub_code')
          .addColumn('code_hash', 'text', (c) => c.primaryKey().notNull())
          .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('new_org', 'join_org')`))
          .addColumn('org_id', 'text')
          .addColumn('org_name', 'text')
          .addColumn('branch_ids', 'text')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('used_at', 'bigint')
          .addColumn('used_by', 'text')
          .execute();
        await db.schema
          .createTable('hub_cell_log')
          .addColumn('seq', engine === 'pg' ? 'bigserial' : 'integer', (c) => (engine === 'pg' ? c.primaryKey() : c.primaryKey().notNull().autoIncrement()))
          .addColumn('org_id', 'text', (c) => c.notNull().references('hub_organization.id'))
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('table_name', 'text', (c) => c.notNull())
          .addColumn('row_id', 'text', (c) => c.notNull())
          .addColumn('column_name', 'text', (c) => c.notNull())
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('hlc', 'text', (c) => c.notNull())
          .addColumn('branch_id', 'text')
          .addUniqueConstraint('hub_cell_log_once', ['org_id', 'table_name', 'row_id', 'column_name', 'hlc'])
          .execute();
        await db.schema.createIndex('hub_cell_log_pull').on('hub_cell_log').columns(['org_id', 'seq']).execute();
        await db.schema
          .createTable('hub_cell')
          .addColumn('org_id', 'text', (c) => c.notNull())
          .addColumn('table_name', 'text', (c) => c.notNull())
          .addColumn('row_id', 'text', (c) => c.notNull())
          .addColumn('column_name', 'text', (c) => c.notNull())
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('hlc', 'text', (c) => c.notNull())
          .addColumn('branch_id', 'text')
          .addColumn('seq', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('hub_cell_pk', ['org_id', 'table_name', 'row_id', 'column_name'])
          .execute();
        await db.schema
          .createTable('hub_batch')
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('batch_id', 'text', (c) => c.notNull())
          .addColumn('accepted', 'integer', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('hub_batch_pk', ['device_id', 'batch_id'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const t of ['hub_batch', 'hub_cell', 'hub_cell_log', 'hub_code', 'hub_device', 'hub_organization']) await db.schema.dropTable(t).execute();
      },
    },
    // Field staff's phone page: signed links (the token only hashed) and the actions queued for the branch's desktop.
    '0002_links': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('hub_link')
          .addColumn('id', 'text', (c) => c.primaryKey().notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('org_id', 'text', (c) => c.notNull().references('hub_organization.id'))
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('branch_id', 'text', (c) => c.notNull())
          .addColumn('employee_id', 'text', (c) => c.notNull())
          .addColumn('task_id', 'text', (c) => c.notNull())
          .addColumn('language', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('revoked_at', 'bigint')
          .execute();
        await db.schema
          .createTable('hub_field_action')
          .addColumn('seq', engine === 'pg' ? 'bigserial' : 'integer', (c) => (engine === 'pg' ? c.primaryKey() : c.primaryKey().notNull().autoIncrement()))
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('org_id', 'text', (c) => c.notNull().references('hub_organization.id'))
          .addColumn('link_id', 'text', (c) => c.notNull())
          .addColumn('branch_id', 'text', (c) => c.notNull())
          .addColumn('task_id', 'text', (c) => c.notNull())
          .addColumn('employee_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('text', 'text')
          .addColumn('at', 'bigint', (c) => c.notNull())
          // A form sent twice (a double tap, a reload) is one action.
          .addUniqueConstraint('hub_field_action_once', ['org_id', 'id'])
          .execute();
        await db.schema.createIndex('hub_field_action_pull').on('hub_field_action').columns(['org_id', 'seq']).execute();
        await db.schema.createIndex('hub_field_action_link').on('hub_field_action').columns(['link_id', 'seq']).execute();
      },
      async down(db: Kysely<unknown>) {
        for (const t of ['hub_field_action', 'hub_link']) await db.schema.dropTable(t).execute();
      },
    },
    // The web form (issue 12): submissions waiting for their branch's device, challenges already spent, the form's key.
    '0003_intake': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('hub_intake')
          .addColumn('seq', engine === 'pg' ? 'bigserial' : 'integer', (c) => (engine === 'pg' ? c.primaryKey() : c.primaryKey().notNull().autoIncrement()))
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('org_id', 'text', (c) => c.notNull().references('hub_organization.id'))
          .addColumn('branch_id', 'text', (c) => c.notNull())
          .addColumn('reference', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('attachments', 'text', (c) => c.notNull())
          .addColumn('received_at', 'bigint', (c) => c.notNull())
          .addColumn('delivered_at', 'bigint')
          .execute();
        await db.schema.createIndex('hub_intake_pull').on('hub_intake').columns(['org_id', 'branch_id', 'seq']).execute();
        await db.schema
          .createTable('hub_challenge')
          .addColumn('challenge', 'text', (c) => c.primaryKey().notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('hub_challenge_expiry').on('hub_challenge').column('expires_at').execute();
        await db.schema
          .createTable('hub_secret')
          .addColumn('name', 'text', (c) => c.primaryKey().notNull())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const t of ['hub_secret', 'hub_challenge', 'hub_intake']) await db.schema.dropTable(t).execute();
      },
    },
    // Photos from the phone page: kept until the branch's device has pulled past their action, then dropped.
    '0004_field_photos': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('hub_field_photo')
          .addColumn('action_id', 'text', (c) => c.notNull())
          .addColumn('org_id', 'text', (c) => c.notNull().references('hub_organization.id'))
          .addColumn('link_id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('mime', 'text', (c) => c.notNull())
          .addColumn('size', 'integer', (c) => c.notNull())
          // base64: the portable text type on both engines, as the web form's files.
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('hub_field_photo_pk', ['org_id', 'action_id'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('hub_field_photo').execute();
      },
    },
    // Final document numbers (issue 11): one counter row per series, and the number each document was given.
    '0005_numbers': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('hub_series_counter')
          .addColumn('org_id', 'text', (c) => c.notNull().references('hub_organization.id'))
          .addColumn('series_id', 'text', (c) => c.notNull())
          .addColumn('last_final', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('hub_series_counter_pk', ['org_id', 'series_id'])
          .execute();
        await db.schema
          .createTable('hub_number')
          .addColumn('org_id', 'text', (c) => c.notNull().references('hub_organization.id'))
          .addColumn('table_name', 'text', (c) => c.notNull())
          .addColumn('row_id', 'text', (c) => c.notNull())
          .addColumn('series_id', 'text', (c) => c.notNull())
          .addColumn('final', 'bigint', (c) => c.notNull())
          .addColumn('number', 'text', (c) => c.notNull())
          .addColumn('provisional', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('hub_number_pk', ['org_id', 'table_name', 'row_id'])
          // The database itself refuses a final number given twice in a series.
          .addUniqueConstraint('hub_number_once', ['org_id', 'series_id', 'final'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const t of ['hub_number', 'hub_series_counter']) await db.schema.dropTable(t).execute();
      },
    },
    // Repair: an administrator asks a device to rebuild its file from the hub; the mark stays until the device says done.
    '0006_repair': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('hub_device').addColumn('reset_requested_at', 'bigint').execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('hub_device').dropColumn('reset_requested_at').execute();
      },
    },
    // The website chat: an organization's change counter and widget settings, its conversations, their messages and
    // the networks it blocks. `rev` orders every change of one organization (the sockets' cursor).
    '0007_chat': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('hub_chat_org')
          .addColumn('org_id', 'text', (c) => c.primaryKey().notNull().references('hub_organization.id'))
          .addColumn('rev', 'bigint', (c) => c.notNull())
          .addColumn('settings', 'text')
          .addColumn('operators_seen_at', 'bigint')
          .execute();
        await db.schema
          .createTable('hub_chat_conversation')
          .addColumn('id', 'text', (c) => c.primaryKey().notNull())
          .addColumn('org_id', 'text', (c) => c.notNull().references('hub_organization.id'))
          .addColumn('visitor_id', 'text', (c) => c.notNull())
          .addColumn('answers', 'text', (c) => c.notNull())
          .addColumn('ip', 'text', (c) => c.notNull())
          .addColumn('page', 'text', (c) => c.notNull())
          .addColumn('language', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
          .addColumn('assignee_id', 'text')
          .addColumn('started_at', 'bigint', (c) => c.notNull())
          .addColumn('last_message_at', 'bigint')
          .addColumn('visitor_seen_at', 'bigint')
          .addColumn('last_seq', 'integer', (c) => c.notNull())
          .addColumn('rev', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('hub_chat_conversation_rev').on('hub_chat_conversation').columns(['org_id', 'rev']).execute();
        await db.schema.createIndex('hub_chat_conversation_status').on('hub_chat_conversation').columns(['org_id', 'status']).execute();
        await db.schema
          .createTable('hub_chat_message')
          .addColumn('conversation_id', 'text', (c) => c.notNull().references('hub_chat_conversation.id'))
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('org_id', 'text', (c) => c.notNull())
          .addColumn('client_id', 'text', (c) => c.notNull())
          .addColumn('author', 'text', (c) => c.notNull().check(sql`author in ('visitor', 'operator')`))
          .addColumn('user_id', 'text')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('quote_seq', 'integer')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('deleted_at', 'bigint')
          .addColumn('rev', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('hub_chat_message_pk', ['conversation_id', 'seq'])
          // A frame sent again after a lost acknowledgement is one message.
          .addUniqueConstraint('hub_chat_message_once', ['conversation_id', 'client_id'])
          .execute();
        await db.schema.createIndex('hub_chat_message_org_rev').on('hub_chat_message').columns(['org_id', 'rev']).execute();
        await db.schema.createIndex('hub_chat_message_rev').on('hub_chat_message').columns(['conversation_id', 'rev']).execute();
        await db.schema
          .createTable('hub_chat_block')
          .addColumn('org_id', 'text', (c) => c.notNull().references('hub_organization.id'))
          .addColumn('cidr', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('hub_chat_block_pk', ['org_id', 'cidr'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const t of ['hub_chat_block', 'hub_chat_message', 'hub_chat_conversation', 'hub_chat_org']) await db.schema.dropTable(t).execute();
      },
    },
    // The chat's routing: who is connected per user (not only per organization), the client a conversation was matched
    // to and who already had it (escalation never goes back down), and the actions queued for the desktop (a task for
    // the client's responsible person, the text message), pulled after a cursor as the field actions are.
    '0008_chat_routing': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('hub_chat_presence')
          .addColumn('org_id', 'text', (c) => c.notNull().references('hub_organization.id'))
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('seen_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('hub_chat_presence_pk', ['org_id', 'user_id'])
          .execute();
        await db.schema.alterTable('hub_chat_conversation').addColumn('client_id', 'text').execute();
        await db.schema.alterTable('hub_chat_conversation').addColumn('had_by', 'text').execute();
        await db.schema.alterTable('hub_chat_conversation').addColumn('escalated_at', 'bigint').execute();
        await db.schema
          .createTable('hub_chat_action')
          .addColumn('seq', engine === 'pg' ? 'bigserial' : 'integer', (c) => (engine === 'pg' ? c.primaryKey() : c.primaryKey().notNull().autoIncrement()))
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('org_id', 'text', (c) => c.notNull().references('hub_organization.id'))
          .addColumn('branch_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('conversation_id', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addUniqueConstraint('hub_chat_action_once', ['org_id', 'id'])
          .execute();
        await db.schema.createIndex('hub_chat_action_pull').on('hub_chat_action').columns(['org_id', 'seq']).execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('hub_chat_action').execute();
        await db.schema.dropTable('hub_chat_presence').execute();
        await db.schema.alterTable('hub_chat_conversation').dropColumn('escalated_at').execute();
        await db.schema.alterTable('hub_chat_conversation').dropColumn('had_by').execute();
        await db.schema.alterTable('hub_chat_conversation').dropColumn('client_id').execute();
      },
    },
    // The client portal: a signed link per client, minted by an organization's desktop (only the token's hash kept).
    '0009_portal': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('hub_portal_link')
          .addColumn('id', 'text', (c) => c.primaryKey().notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('org_id', 'text', (c) => c.notNull().references('hub_organization.id'))
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('client_id', 'text', (c) => c.notNull())
          .addColumn('language', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('revoked_at', 'bigint')
          .execute();
        await db.schema.createIndex('hub_portal_link_client').on('hub_portal_link').columns(['org_id', 'client_id']).execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('hub_portal_link').execute();
      },
    },
  };
}
