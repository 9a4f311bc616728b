import type { Selectable } from 'kysely';
import type { Ctx } from '../../api/context';
import { me } from '../../api/context';
import { specsOf, syncedRows, type SyncedRows, type SyncedTable } from '../../api/funnel';
import type { SyncConflictTable } from '../../db/schema';
import { isoNow } from '../../clock';
import { cancelVisit, loadVisit } from '../../modules/calendar';
import { translate } from '../../reports';
import { conflictSide } from '../../../shared/api/sync';
import { moduleOfTable, orgConflictCount } from './conflicts';

type Conflict = Selectable<SyncConflictTable>;

/**
 * A person decided a conflict. A double booking: the booking they keep stays, the other is cancelled through the
 * calendar (its reminders and messages follow, as for any cancellation). A diverged field: "Keep this" writes the
 * merged value again, "Put the other back" writes the other value; either way as a new local change of every field
 * the two sides disagreed on, stamped after both, so it syncs and every other computer that listed the same crossing
 * edit closes it when the change arrives. The conflict closes here; the event makes every window recount.
 */
export async function resolveConflict(ctx: Ctx, conflict: Conflict, keep: 'kept' | 'other'): Promise<void> {
  const user = me(ctx);
  if (conflict.kind === 'slot_double_booked' || (conflict.kind === 'slot' && conflict.other_row_id)) await keepOneBooking(ctx, conflict, keep);
  else await writeDecision(ctx, conflict, keep);
  await ctx.db.updateTable('sync_conflict').set({ resolved_at: isoNow(ctx.clock), resolved_by: user.id }).where('id', '=', conflict.id).execute();
  ctx.emit('sync.changed', { state: 'idle', conflicts: await orgConflictCount(ctx.db, user.orgId) });
}

async function keepOneBooking(ctx: Ctx, c: Conflict, keep: 'kept' | 'other'): Promise<void> {
  const cancelId = keep === 'kept' ? c.other_row_id : c.row_id;
  if (!cancelId) return;
  const visit = await loadVisit(ctx, cancelId);
  if (visit.status === 'cancelled') return;
  await cancelVisit(ctx, { id: visit.id, version: visit.version, reason: translate(me(ctx).language, 'sync.doubleBookingReason') });
}

/** One writer per table, made once: each `syncedRows` is declared to the funnel, which lists it among the table's specs. */
const writers = new Map<string, SyncedRows<SyncedTable>>();

const valuesOf = (json: string | null): Record<string, unknown> => {
  const parsed = conflictSide.pick({ values: true }).safeParse(json ? JSON.parse(json) : null);
  return parsed.success ? parsed.data.values : {};
};

async function writeDecision(ctx: Ctx, c: Conflict, keep: 'kept' | 'other'): Promise<void> {
  const other = valuesOf(c.other);
  const columns = [...new Set([...Object.keys(valuesOf(c.kept)), ...Object.keys(other)])];
  if (!columns.length) return;
  const table = c.table_name as SyncedTable;
  // A row deleted since (here or pulled) has nothing left to decide: the conflict only closes.
  const live = await ctx.db.selectFrom(table).select('id').where('id', '=', c.row_id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!live) return;
  const modules = specsOf(table).filter((s) => s.announce);
  let writer = writers.get(table);
  // No announce of its own: the module's specs announce below, once, as their own writes would.
  if (!writer) writers.set(table, (writer = syncedRows({ table, module: modules[0]?.module ?? moduleOfTable(table) })));
  // Through the funnel like any edit: the version checked and bumped, the audit entry, the change record (stamped
  // with a fresh clock by the replica's hook, so it outranks both versions everywhere). The fields are recorded as
  // changed even where the value stays: "keep" changes no value, yet its cells must travel.
  const rows = writer.in(ctx);
  const before = await rows.load(c.row_id, { key: 'sync_conflict_not_found', field: 'id' });
  const after = await rows.update(before, (keep === 'other' ? other : {}) as never, { restamp: columns });
  for (const spec of modules) spec.announce!(ctx, { op: 'update', before, after, branchId: c.branch_id });
}
