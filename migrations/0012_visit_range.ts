import { sql, type Kysely } from 'kysely';

/**
 * A branch's week read from one index. The calendar asks a whole branch's week (~2,400 events) on every view change;
 * through visit_branch_start each event cost a lookup of its table row. This index holds every visit column the range
 * reads, so the week comes from the index alone (the names are joined by primary key).
 * Additive only: visit_branch_start stays for the versions that still use it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('visit_branch_range')
    .on('visit')
    // deleted_at is always null here, but named so SQLite sees the index covers the query's own `deleted_at is null`.
    .columns(['org_id', 'branch_id', 'starts_at', 'ends_at', 'status', 'user_id', 'kind', 'client_id', 'service_id', 'first_consultation', 'asap', 'reminder', 'total_minor', 'paid_minor', 'version', 'id', 'deleted_at'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
}
