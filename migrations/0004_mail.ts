import { type Kysely, sql } from 'kysely';

/** Outgoing mail settings (one SMTP account per organization) and the indexes the outbox screen lists by. Additive only. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_setting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    // 1: TLS from the first byte (port 465); 0: plain, upgraded with STARTTLS when the server offers it.
    .addColumn('secure', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('user', 'text')
    // Sealed with the data folder's secrets key (src/main/secrets.ts), never stored in clear.
    .addColumn('password_enc', 'text')
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create unique index mail_setting_org on mail_setting (org_id) where deleted_at is null`.execute(db);

  // The admin's outbox list: newest first, optionally by status.
  await db.schema.createIndex('outbox_org_created').on('outbox').columns(['org_id', 'created_at']).execute();
  await db.schema.createIndex('outbox_org_status').on('outbox').columns(['org_id', 'status', 'created_at']).execute();
  // "Was this client already told about this intervention?"
  await db.schema.createIndex('outbox_ref').on('outbox').columns(['ref_id', 'recipient']).execute();
}
