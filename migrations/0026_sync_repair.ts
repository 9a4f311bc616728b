import type { Kysely } from 'kysely';

/**
 * Repair of a device's sync (issue 11): `full_push` — this installation holds data and registered anew (the hub may be
 * a rebuilt one): its next round pushes everything it holds, not only its changes; `reset_requested_at` — the hub
 * asked it to rebuild its file from the hub (at that hub time); `reset_done_at` — rebuilt for that request, told to the
 * hub with the next round. Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_device').addColumn('full_push', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('sync_device').addColumn('reset_requested_at', 'integer').execute();
  await db.schema.alterTable('sync_device').addColumn('reset_done_at', 'integer').execute();
}
