import type { Kysely } from 'kysely';

/**
 * Text messages in the outbox: the gateway's own reference of a delivered message (Twilio's `SM…` sid, another
 * gateway's message id), so "was the client told?" can be followed up with the provider. Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('provider_ref', 'text').execute();
}
