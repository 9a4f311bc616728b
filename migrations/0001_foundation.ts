import { type Kysely, sql } from 'kysely';

/** Columns every synced table carries (README: Data), so branches can sync rows later. */
function synced<T extends { addColumn: (...a: any[]) => T }>(t: T): T {
  return t
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1));
}

export async function up(db: Kysely<any>): Promise<void> {
  await synced(
    db.schema
      .createTable('org')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('languages', 'text', (c) => c.notNull()),
  ).execute();

  await synced(
    db.schema
      .createTable('branch')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('org.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address', 'text')
      .addColumn('phone', 'text')
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('manager_id', 'text'),
  ).execute();
  await db.schema.createIndex('branch_org').on('branch').columns(['org_id', 'name']).execute();

  await synced(
    db.schema
      .createTable('app_user')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('org.id'))
      .addColumn('login', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  // Logins are unique across the file, case-insensitively, so the login screen needs no organization picker.
  await sql`create unique index app_user_login on app_user (lower(login))`.execute(db);
  await db.schema.createIndex('app_user_org').on('app_user').columns(['org_id', 'name']).execute();

  await synced(
    db.schema
      .createTable('user_branch')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('branch_id', 'text', (c) => c.notNull().references('branch.id')),
  ).execute();
  await db.schema.createIndex('user_branch_user').on('user_branch').columns(['user_id', 'branch_id']).unique().execute();

  // Sessions are local to this installation: never synced.
  await db.schema
    .createTable('session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_expires').on('session').column('expires_at').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('branch_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('diff', 'text')
    .execute();
  await db.schema.createIndex('audit_org_at').on('audit_log').columns(['org_id', 'at']).execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity_id', 'at']).execute();
  await db.schema.createIndex('audit_user_at').on('audit_log').columns(['user_id', 'at']).execute();

  await synced(
    db.schema
      .createTable('module_setting')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('module', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('module_setting_key').on('module_setting').columns(['org_id', 'module', 'key']).unique().execute();

  await synced(
    db.schema
      .createTable('work_period')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_at', 'text')
      .addColumn('locked_by', 'text'),
  ).execute();
  await db.schema.createIndex('work_period_month').on('work_period').columns(['org_id', 'month']).unique().execute();

  await synced(
    db.schema
      .createTable('doc_series')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull().references('branch.id'))
      .addColumn('doc_type', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('padding', 'integer', (c) => c.notNull())
      .addColumn('next_number', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await db.schema.createIndex('doc_series_type').on('doc_series').columns(['org_id', 'doc_type', 'branch_id']).execute();
  await db.schema.createIndex('doc_series_prefix').on('doc_series').columns(['org_id', 'doc_type', 'prefix']).unique().execute();

  // Failed logins, for lockout after repeated wrong passwords.
  await db.schema
    .createTable('login_attempt')
    .addColumn('login', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();
}
