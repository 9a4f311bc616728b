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
 * Reminder calls (issue 10): the organization's policy with optional per-branch overrides and its SIP trunk, the
 * reminders each visit carries, every call attempt, the organization's own recordings of the message's phrases, and
 * a flag on a client's phone that does not exist. Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One row with branch_id null: the organization's policy and trunk. One row per branch that overrides some of it:
  // there a null column means "as the organization". The trunk and the daily cap are the organization's alone.
  await synced(db.schema.createTable('reminder_policy'))
    .addColumn('branch_id', 'text')
    .addColumn('enabled', 'integer')
    // Branch wall clock, "23:00" → "09:00".
    .addColumn('quiet_start', 'text')
    .addColumn('quiet_end', 'text')
    // Calls a day in the organization's zone; raised only by the owner role.
    .addColumn('daily_cap', 'integer')
    .addColumn('retry_long_min', 'integer')
    .addColumn('retry_short_min', 'integer')
    .addColumn('max_retries', 'integer')
    // JSON array of offsets before the visit: "1d" (same wall-clock time a calendar day earlier), "2h", "90m".
    .addColumn('offsets', 'text')
    // voice | sms | voice_then_sms
    .addColumn('channel', 'text')
    // An extra reminder for visits at high no-show risk: its offset, and the score from which it is added (0…100).
    .addColumn('risk_offset', 'text')
    .addColumn('risk_threshold', 'integer')
    .addColumn('trunk_enabled', 'integer')
    .addColumn('trunk_host', 'text')
    .addColumn('trunk_port', 'integer')
    // udp | tcp | tls
    .addColumn('trunk_transport', 'text')
    .addColumn('trunk_domain', 'text')
    .addColumn('trunk_user', 'text')
    // Sealed with the data folder's secrets key; never leaves main.
    .addColumn('trunk_password', 'text')
    .addColumn('trunk_register', 'integer')
    // from | pai: how the caller ID is presented (From user, or P-Asserted-Identity).
    .addColumn('caller_id_mode', 'text')
    .addColumn('trunk_channels', 'integer')
    .addColumn('ring_timeout_sec', 'integer')
    .addColumn('max_call_sec', 'integer')
    // What the settings screen shows beside the trunk (the demo's "points nowhere").
    .addColumn('trunk_note', 'text')
    .execute();
  await sql`create unique index reminder_policy_scope on reminder_policy (org_id, coalesce(branch_id, '')) where deleted_at is null`.execute(db);

  // A reminder of a visit: when it is next due, or why none will be made.
  await synced(db.schema.createTable('reminder'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text', (c) => c.notNull())
    .addColumn('offset', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    // planned | calling | confirmed | declined | no_answer | not_found | sms | not_made | cancelled
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('next_due_at', 'text')
    // Why no (further) attempt: quiet_hours | visit_started | retries_exhausted | daily_cap | no_phone | disabled | …
    .addColumn('none_reason', 'text')
    // Added by the no-show risk policy rather than the visit's own offsets.
    .addColumn('extra', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('reminder_visit').on('reminder').columns(['visit_id']).where(sql.ref('deleted_at'), 'is', null).execute();
  // The tick's question: what is due now. Only reminders waiting for an attempt are in it.
  await db.schema.createIndex('reminder_due').on('reminder').columns(['next_due_at']).where(sql<SqlBool>`next_due_at is not null and deleted_at is null`).execute();

  // One call attempt, written before the INVITE leaves: started_at set, ended_at null while in flight.
  await synced(db.schema.createTable('reminder_attempt'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    // Null for a test call from the settings screen.
    .addColumn('reminder_id', 'text')
    .addColumn('visit_id', 'text')
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('lang', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    // confirmed | declined | answered | busy | no_answer | rejected | not_found | failed | unknown (closed at restart)
    .addColumn('outcome', 'text')
    .addColumn('key', 'text')
    .addColumn('sip_code', 'integer')
    // Seconds from answer to hang-up; 0 when never answered.
    .addColumn('seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('billable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('test', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The daily cap's count and the monthly usage: an organization's attempts by start.
  await db.schema.createIndex('reminder_attempt_started').on('reminder_attempt').columns(['org_id', 'started_at']).execute();
  await db.schema.createIndex('reminder_attempt_reminder').on('reminder_attempt').columns(['reminder_id']).execute();
  await db.schema.createIndex('reminder_attempt_visit').on('reminder_attempt').columns(['visit_id']).execute();
  // At start, what a crash left in flight.
  await db.schema.createIndex('reminder_attempt_open').on('reminder_attempt').columns(['org_id']).where(sql<SqlBool>`ended_at is null`).execute();

  // The day an organization reached its cap: its admins were told once (this machine's record, like the outbox).
  await db.schema
    .createTable('reminder_cap_notice')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('notified_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_cap_notice_pk', ['org_id', 'day'])
    .execute();

  // The organization's own recording of one phrase in one language, converted to what the telephone plays: a WAV of
  // 8 kHz mono 16-bit PCM.
  await synced(db.schema.createTable('prompt_recording'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('phrase', 'text', (c) => c.notNull())
    .addColumn('wav', 'blob', (c) => c.notNull())
    .addColumn('samples', 'integer', (c) => c.notNull())
    .addColumn('source_name', 'text')
    .execute();
  await db.schema.createIndex('prompt_recording_key').unique().on('prompt_recording').columns(['org_id', 'lang', 'phrase']).where(sql.ref('deleted_at'), 'is', null).execute();

  // A number the network said does not exist (404/604): not dialled again until someone edits it.
  await db.schema.alterTable('client_phone').addColumn('not_found_at', 'text').execute();
}
