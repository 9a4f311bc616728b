import { type Kysely } from 'kysely';

/**
 * Provisional document numbers (issue 11). A numbered document keeps the provisional number it was validated under
 * (synced, so every branch still finds a paper printed with it), and this installation keeps its own counter per
 * series for them (not synced: the device's mark already tells devices apart). Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['intervention', 'task', 'invoice']) await db.schema.alterTable(table).addColumn('provisional_number', 'text').execute();
  await db.schema
    .createTable('series_provisional')
    .addColumn('series_id', 'text', (c) => c.primaryKey())
    .addColumn('last_counter', 'integer', (c) => c.notNull())
    .execute();
}
