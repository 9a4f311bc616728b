import { sql, type Kysely } from 'kysely';

/**
 * How many live clients each organization has, kept by triggers in the same transaction as every write that adds,
 * removes, deletes (tombstones) or restores a client — from the app, an import or a pulled sync change alike — so
 * the clients list's total is read, not counted over 100,000 rows on every page. Each computer's own: not synced.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('client_count')
    .addColumn('org_id', 'text', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`insert into client_count (org_id, n) select org_id, count(*) from client where deleted_at is null group by org_id`.execute(db);

  // The select's where skips tombstones, and an upsert from a select needs one: without it SQLite reads "on conflict" as a join.
  const add = (row: 'new' | 'old', delta: 1 | -1) =>
    sql.raw(`insert into client_count (org_id, n) select ${row}.org_id, ${delta} where ${row}.deleted_at is null on conflict (org_id) do update set n = n + excluded.n;`);
  await sql`create trigger client_count_ai after insert on client begin ${add('new', 1)} end`.execute(db);
  await sql`create trigger client_count_ad after delete on client begin ${add('old', -1)} end`.execute(db);
  await sql`create trigger client_count_au after update of deleted_at, org_id on client begin ${add('old', -1)} ${add('new', 1)} end`.execute(db);
}
