import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';

/** The columns a favorite's insert sets, as its change record names them (the write funnel's shape). */
const FAVORITE_COLUMNS = JSON.stringify(['user_id', 'kind', 'target', 'id', 'org_id']);

/**
 * Favorites per person: a screen or a saved view that one user starred for their own page and navigation. A star
 * used to be a column of the view itself, so starring a shared view starred it for everyone; the column stays
 * (migrations only add) but nothing reads it after this. Each star found there is carried over to the view's owner:
 * its own user for a personal view; for a shared one, whoever last set the star (the change record), else whoever
 * made it (change record, then audit log). A star nobody can be found for is left behind rather than guessed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('favorite')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    // screen | view
    .addColumn('kind', 'text', (c) => c.notNull())
    // A screen's address (`clients`) or a saved view's id.
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // One row per person and target: unstarring leaves a tombstone, starring again brings the same row back.
  await db.schema.createIndex('favorite_user_target').on('favorite').columns(['user_id', 'kind', 'target']).unique().execute();
  // "Created by me" is the change record's insert by that person (the home page's own interventions).
  await db.schema.createIndex('change_log_user').on('change_log').columns(['user_id', 'table_name', 'op']).execute();

  const stars = await sql<{ id: string; org_id: string; updated_at: string; owner: string | null }>`
    select v.id, v.org_id, v.updated_at, coalesce(
      v.user_id,
      (select c.user_id from change_log c where c.table_name = 'saved_view' and c.row_id = v.id and c.user_id is not null and c.columns like '%"favorite"%' order by c.seq desc limit 1),
      (select a.user_id from audit_log a where a.entity_id = v.id and a.action = 'create' and a.user_id is not null order by a.at limit 1)
    ) as owner
    from saved_view v where v.favorite = 1 and v.deleted_at is null order by v.id`.execute(db);
  for (const s of stars.rows) {
    if (!s.owner) continue;
    const id = uuidv7();
    await db.insertInto('favorite').values({ id, org_id: s.org_id, user_id: s.owner, kind: 'view', target: s.id, created_at: s.updated_at, updated_at: s.updated_at, deleted_at: null, version: 1 }).execute();
    // Written as the funnel writes a row, so a sync carries the star and the funnel's check finds its history.
    await db
      .insertInto('change_log')
      .values({ org_id: s.org_id, branch_id: null, table_name: 'favorite', row_id: id, op: 'insert', columns: FAVORITE_COLUMNS, version: 1, user_id: s.owner, at: s.updated_at })
      .execute();
  }
}
