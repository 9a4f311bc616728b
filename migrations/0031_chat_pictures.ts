import type { Kysely } from 'kysely';

/**
 * The pictures the website chat's widget shows a visitor: the organization's logo and each person's photo, as https
 * addresses the organization already publishes (its own site). Synced with their rows, so the hub reads them from its
 * cells. Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('chat_setting').addColumn('logo_url', 'text').execute();
  await db.schema.alterTable('chat_operator').addColumn('photo_url', 'text').execute();
}
