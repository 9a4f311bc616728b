import type { HandlersFor } from '../api/context';
import { me } from '../api/context';
import { fail } from '../api/errors';
import { can } from '../../shared/permissions';
import { listConflicts, loadOpenConflict, moduleOfTable } from './engine/conflicts';
import { SYNC_DESK } from './engine/desk';
import { statusFor } from './engine/status';
import { resolveConflict } from './engine/resolve';

type SyncProc = 'sync.status' | 'sync.now' | 'sync.register' | 'sync.join' | 'sync.setInterval' | 'sync.conflicts' | 'sync.resolveConflict';

export const syncHandlers: HandlersFor<SyncProc> = {
  async 'sync.status'(_input, ctx) {
    const desk = ctx.services.get(SYNC_DESK);
    return statusFor(ctx.db, desk.replica, desk.engine.view(), me(ctx));
  },
  async 'sync.now'(_input, ctx) {
    const desk = ctx.services.get(SYNC_DESK);
    // Answers when the round has ended, whatever it met: the status says how it went.
    await desk.engine.syncNow();
    return statusFor(ctx.db, desk.replica, desk.engine.view(), me(ctx));
  },
  async 'sync.register'(input, ctx) {
    const desk = ctx.services.get(SYNC_DESK);
    const user = me(ctx);
    await desk.register(input, user.orgId);
    return statusFor(ctx.db, desk.replica, desk.engine.view(), user);
  },
  async 'sync.join'(input, ctx) {
    const desk = ctx.services.get(SYNC_DESK);
    // Only an installation with nothing yet: one that holds an organization registers from its settings instead.
    const joined = await ctx.db.selectFrom('sync_device').select('device_key_enc').where('id', '=', 1).executeTakeFirst();
    if (joined?.device_key_enc || (await ctx.db.selectFrom('org').select('id').limit(1).executeTakeFirst())) throw fail.conflict('already_set_up');
    await desk.register(input, null);
    return statusFor(ctx.db, desk.replica, desk.engine.view(), null);
  },
  async 'sync.setInterval'(input, ctx) {
    const desk = ctx.services.get(SYNC_DESK);
    await ctx.db.updateTable('sync_device').set({ interval_seconds: input.seconds }).where('id', '=', 1).execute();
    ctx.afterCommit(() => desk.engine.reschedule());
    return statusFor(ctx.db, desk.replica, desk.engine.view(), me(ctx));
  },
  async 'sync.conflicts'(_input, ctx) {
    return listConflicts(ctx.db, me(ctx));
  },
  async 'sync.resolveConflict'(input, ctx) {
    const user = me(ctx);
    const conflict = await loadOpenConflict(ctx.db, user, input.id);
    if (!conflict) throw fail.notFound('sync_conflict_not_found', 'id');
    // Every decision is a write of the row's module (keeping a version writes it again, so the decision travels;
    // putting one back or cancelling one of two bookings changes it): the right a person needs to do it by hand.
    if (!can(user.role, moduleOfTable(conflict.table_name), 'write')) throw fail.forbidden('forbidden');
    await resolveConflict(ctx, conflict, input.keep);
    return { ok: true as const };
  },
};
