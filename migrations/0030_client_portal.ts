import type { Kysely } from 'kysely';

/**
 * The client portal (issue 13). A timeline entry of an intervention may be marked public (a synced column: the hub
 * shows public entries only); this installation remembers the portal links it asked the hub for (its own records, not
 * synced: the address is sealed, so a copy of the file opens no client's portal). Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('intervention_note').addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('portal_link')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('url_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoke_sent_at', 'text')
    .execute();
  await db.schema.createIndex('portal_link_client').on('portal_link').columns(['client_id', 'expires_at']).execute();
}
