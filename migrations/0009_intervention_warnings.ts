import { sql, type Kysely } from 'kysely';

/**
 * Warnings that act: an intervention left unallocated, allocated but unconfirmed, or past its scheduled end raises
 * one warning per kind, kept as a synced row (one per intervention × kind, reopened if the condition comes back).
 * The scan that finds them reads only what became due since its last run (the two indexes below) and what the change
 * record says changed since, and keeps how far it got in `intervention_warning_scan` (this machine's state, like the
 * outbox). Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // When the document became allocated: the "not confirmed within N hours" clock starts here.
  await db.schema.alterTable('intervention').addColumn('allocated_at', 'text').execute();
  const ix = (name: string, cols: string[]) => db.schema.createIndex(name).on('intervention').columns(cols).where(sql.ref('deleted_at'), 'is', null).execute();
  // Received (allocated_at null) by creation, and allocated by allocation: both "due since" questions are one range.
  await ix('intervention_warn_since', ['org_id', 'status', 'allocated_at', 'created_at']);
  await ix('intervention_warn_end', ['org_id', 'end_at']);

  await db.schema
    .createTable('intervention_warning')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('intervention_id', 'text', (c) => c.notNull())
    // unallocated | unconfirmed | overdue
    .addColumn('kind', 'text', (c) => c.notNull())
    // When the condition passed its limit, and when the scan saw it (they differ when the app was closed).
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    // Null while open; set when the document was allocated, confirmed, finalized, cancelled or deleted.
    .addColumn('resolved_at', 'text')
    // How many times it was raised (a resolved warning whose condition comes back is raised again).
    .addColumn('times', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('intervention_warning_key').unique().on('intervention_warning').columns(['intervention_id', 'kind']).execute();
  await db.schema.createIndex('intervention_warning_open').on('intervention_warning').columns(['org_id', 'branch_id', 'raised_at']).where(sql.ref('resolved_at'), 'is', null).execute();

  await db.schema
    .createTable('intervention_warning_scan')
    .addColumn('org_id', 'text', (c) => c.primaryKey())
    // Everything due up to this instant has been looked at.
    .addColumn('scanned_to', 'text', (c) => c.notNull())
    // The limits it was scanned with: when they change, the next run looks at every open document once.
    .addColumn('limits', 'text', (c) => c.notNull())
    // The change record's last entry it had read: documents saved or deleted since are looked at again.
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
