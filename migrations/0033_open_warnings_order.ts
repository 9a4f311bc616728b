import { sql, type Kysely } from 'kysely';

/**
 * The interventions screen's warnings badge and list, read on every visit: the newest open warnings of an
 * organization in index order (not 25,000 sorted), and the count of those whose document still lives, checked
 * against the few deleted documents (a small partial index) instead of looking each of them up among a million.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index intervention_warning_open_org on intervention_warning (org_id, raised_at) where resolved_at is null`.execute(db);
  await sql`create index intervention_deleted on intervention (id) where deleted_at is not null`.execute(db);
}
