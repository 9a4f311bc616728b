import { type Kysely } from 'kysely';

/**
 * Annex form templates: an administrator's Liquid text that prints as a document's annex (an acceptance record, a
 * work report). One per name; a type narrows it to that intervention type's documents, none offers it for all.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('annex_template')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    // An intervention type (nomenclature row); null: offered on every document.
    .addColumn('type_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('annex_template_org').on('annex_template').columns(['org_id', 'type_id']).execute();
}
