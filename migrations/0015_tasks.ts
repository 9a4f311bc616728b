import { sql, type Kysely, type SqlBool } from 'kysely';

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
 * Tasks (issue 12): requests from clients taken by hand or from a mailbox, routed to the branch's dispatcher (or the
 * employee the client chose), worked through new → assigned → acknowledged → in progress → awaiting approval → done.
 * Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await synced(db.schema.createTable('task_type'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('task_type_name').on('task_type').columns(['org_id', 'name_key']).execute();

  await synced(db.schema.createTable('task'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('series_id', 'text')
    // From the branch's `task` series when registered; null only where the branch has no series yet.
    .addColumn('number', 'text')
    // The day it was registered on the branch's clock: what a locked month looks at.
    .addColumn('doc_date', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    // The client as of the task, so the grid sorts and filters without joins.
    .addColumn('client_name', 'text', (c) => c.notNull())
    .addColumn('client_name_key', 'text', (c) => c.notNull())
    .addColumn('client_email', 'text')
    .addColumn('client_phone', 'text')
    // Set when the client was created from an unknown sender's e-mail and nobody has looked at it yet.
    .addColumn('client_review', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('address', 'text')
    .addColumn('address_key', 'text')
    // urgent | medium | not_urgent; the rank (0, 1, 2) puts urgent ones on top with one index.
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('priority_rank', 'integer', (c) => c.notNull())
    .addColumn('type_id', 'text')
    .addColumn('subject', 'text')
    .addColumn('description', 'text')
    .addColumn('due_date', 'text')
    // Who the request reached (the branch's dispatcher), and who does the work.
    .addColumn('responsible_id', 'text')
    .addColumn('assignee_id', 'text')
    // The employee the client asked for, kept even when the dispatcher gives it to someone else.
    .addColumn('requested_assignee_id', 'text')
    // new | assigned | acknowledged | in_progress | awaiting_approval | done | cancelled
    .addColumn('status', 'text', (c) => c.notNull())
    // manual | email | web
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('started_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('done_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancel_reason', 'text')
    .execute();
  const ix = (name: string, cols: string[]) => db.schema.createIndex(name).on('task').columns(cols).where(sql.ref('deleted_at'), 'is', null).execute();
  await ix('task_board', ['org_id', 'branch_id', 'status', 'priority_rank', 'due_date']);
  await ix('task_rank', ['org_id', 'priority_rank', 'doc_date', 'id']);
  await ix('task_number', ['org_id', 'number']);
  await ix('task_client', ['org_id', 'client_id', 'doc_date']);
  await ix('task_assignee', ['org_id', 'assignee_id', 'status']);
  await ix('task_client_name', ['org_id', 'client_name_key', 'id']);
  await ix('task_updated', ['org_id', 'updated_at']);

  // The task's timeline: notes, e-mails in and out, and changes (status, assignee), newest last.
  await synced(db.schema.createTable('task_note'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    // note | email_in | email_out | change
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('mail_from', 'text')
    .addColumn('mail_subject', 'text')
    .addColumn('message_id', 'text')
    .execute();
  await db.schema.createIndex('task_note_task').on('task_note').columns(['task_id', 'at']).execute();
  // Threading a reply by In-Reply-To / References: the Message-IDs the task's e-mails carried.
  await db.schema.createIndex('task_note_message').on('task_note').columns(['org_id', 'message_id']).where(sql<SqlBool>`message_id is not null`).execute();

  await synced(db.schema.createTable('task_attachment'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('note_id', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    // An inline image of an HTML mail (referenced as cid:) rather than a file the sender attached.
    .addColumn('content_id', 'text')
    .addColumn('data', 'blob', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_attachment_task').on('task_attachment').columns(['task_id']).execute();

  // A mailbox whose messages become tasks of a branch; several per organization.
  await synced(db.schema.createTable('task_mailbox'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('tls', 'integer', (c) => c.notNull())
    .addColumn('login', 'text', (c) => c.notNull())
    // Sealed with the data folder's secrets key; never leaves main.
    .addColumn('password', 'text')
    .addColumn('folder', 'text', (c) => c.notNull())
    // Where a taken message goes; null: it stays, flagged \Seen and $PlanoraTask.
    .addColumn('done_folder', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('poll_sec', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();

  // Each message taken from a mailbox, written in the same transaction as its task (or its reply, or the decision to
  // ignore it), so a message read twice — after a crash before it was flagged, or by a second poll — is known.
  await synced(db.schema.createTable('task_mail'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('mailbox_id', 'text', (c) => c.notNull())
    // The Message-ID, or "<uidvalidity>:<uid>" for a message without one.
    .addColumn('message_key', 'text', (c) => c.notNull())
    .addColumn('uid_validity', 'text', (c) => c.notNull())
    .addColumn('uid', 'integer', (c) => c.notNull())
    .addColumn('task_id', 'text')
    // task | reply | auto_reply | bounce
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index task_mail_message on task_mail (mailbox_id, message_key)`.execute(db);
  await sql`create index task_mail_uid on task_mail (mailbox_id, uid_validity, uid)`.execute(db);
}
