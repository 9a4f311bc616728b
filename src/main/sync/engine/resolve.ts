import type { Ctx } from '../../api/context';
import { me } from '../../api/context';
import type { Selectable } from 'kysely';
import type { SyncConflictTable } from '../../db/schema';
import { isoNow } from '../../clock';
import { orgConflictCount } from './conflicts';

/**
 * A person decided a conflict. "Keep this": the merged version stays as every replica already holds it. "Put the other
 * back": the other version's values are written again as a new local change, so it syncs and wins everywhere. Either
 * way the conflict closes here; the event makes every window recount.
 */
export async function resolveConflict(ctx: Ctx, conflict: Selectable<SyncConflictTable>, keep: 'kept' | 'other'): Promise<void> {
  const user = me(ctx);
  if (keep === 'other') await putOtherBack(ctx, conflict);
  await ctx.db.updateTable('sync_conflict').set({ resolved_at: isoNow(ctx.clock), resolved_by: user.id }).where('id', '=', conflict.id).execute();
  const conflicts = await orgConflictCount(ctx.db, user.orgId);
  const state = 'idle';
  ctx.emit('sync.changed', { state, conflicts });
}

async function putOtherBack(_ctx: Ctx, _conflict: Selectable<SyncConflictTable>): Promise<void> {
  throw new Error('not yet');
}
