import { sql } from 'kysely';
import type { Ctx } from '../../api/context';
import { deviceMarkOf } from '../../../shared/sync/provisional';

/**
 * This installation's provisional mark when it is registered with a hub (another branch may number in the same
 * series meanwhile, so only the hub can give final numbers), else null: a single office with no hub numbers finally
 * at once, as it always has.
 */
export async function provisionalMark(ctx: Ctx): Promise<string | null> {
  const device = await ctx.db.selectFrom('sync_device').select(['installation_id', 'registered_at']).where('id', '=', 1).executeTakeFirst();
  return device?.registered_at ? deviceMarkOf(device.installation_id) : null;
}

/** The next provisional counter of a series here, inside the caller's transaction (a rollback gives it back). */
export async function nextProvisionalCounter(ctx: Ctx, seriesId: string): Promise<number> {
  const row = await ctx.db
    .insertInto('series_provisional')
    .values({ series_id: seriesId, last_counter: 1 })
    .onConflict((oc) => oc.column('series_id').doUpdateSet({ last_counter: sql<number>`last_counter + 1` }))
    .returning('last_counter')
    .executeTakeFirstOrThrow();
  return row.last_counter;
}
