import { sql, type Kysely } from 'kysely';

/**
 * Employee notices of assigned tasks (issue 12): how each employee wants to hear of a task per priority, the record of
 * each notice (channel, link, acknowledgement, escalation), and the field actions taken from the phone page that this
 * installation has applied. Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // email | sms | both | none, per priority; on the person's row, so it travels with them to every branch.
  for (const p of ['urgent', 'medium', 'not_urgent']) {
    await db.schema.alterTable('app_user').addColumn(`notice_${p}`, 'text', (c) => c.notNull().defaultTo('email')).execute();
  }
  // The mobile number text notices go to (E.164); logins have no phone of their own.
  await db.schema.alterTable('app_user').addColumn('notice_phone', 'text').execute();

  // This installation's record of a notice it sent (not synced: the desktop that assigned the task sends and escalates).
  await db.schema
    .createTable('task_notice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    // email | sms | both | none
    .addColumn('channel', 'text', (c) => c.notNull())
    // The employee's language when the notice was made: the phone page speaks it too.
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // When the e-mail/SMS went into the outbox; null while the phone link is still being asked of the hub.
    .addColumn('sent_at', 'text')
    // The hub's link for the phone page (id only: the token is in the message and nowhere else).
    .addColumn('link_id', 'text')
    .addColumn('link_expires_at', 'text')
    // Asked for at the desk; told to the hub by the notices job (a revocation waits there while the hub is away).
    .addColumn('link_revoked_at', 'text')
    .addColumn('link_revoke_sent_at', 'text')
    .addColumn('acknowledged_at', 'text')
    // phone | email | desktop
    .addColumn('acknowledged_via', 'text')
    .addColumn('escalated_at', 'text')
    .execute();
  await db.schema.createIndex('task_notice_task').on('task_notice').columns(['task_id', 'created_at']).execute();
  // The escalation job's question: sent, not acknowledged, not escalated.
  await sql`create index task_notice_open on task_notice (org_id, created_at) where acknowledged_at is null and escalated_at is null`.execute(db);

  // Field actions from the hub applied here, by the id the phone gave them: a pull repeated after a crash applies none twice.
  await db.schema
    .createTable('task_field_action')
    .addColumn('action_id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // applied | refused (with the reason's key): either way, done with.
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  // How far this installation has pulled the hub's field actions, per organization.
  await db.schema
    .createTable('task_field_cursor')
    .addColumn('org_id', 'text', (c) => c.primaryKey())
    .addColumn('cursor', 'integer', (c) => c.notNull())
    .execute();
}
