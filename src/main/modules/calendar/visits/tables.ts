import type { Ctx } from '../../../api/context';
import { syncedRows } from '../../../api/funnel';

/** Every write of a visit, its lines or payments tells open calendars which visit changed, in which branches. */
function announce(ctx: Ctx, visitId: string, branchIds: string[]): void {
  const branches = [...new Set(branchIds)];
  ctx.emit('visits.changed', { ids: [visitId], branchIds: branches }, { branchIds: branches });
}

export const visitRows = syncedRows({
  table: 'visit',
  module: 'calendar',
  summary: (v) => `${v.kind} ${v.starts_at}–${v.ends_at}: ${v.status}`,
  announce: (ctx, w) => announce(ctx, w.after.id, [w.after.branch_id, w.before?.branch_id ?? w.after.branch_id]),
});

/** Lines and payments are part of their visit's story: the visit's entry and event tell of them. */
export const lineRows = syncedRows({
  table: 'visit_line',
  module: 'calendar',
  summary: (l) => `${l.name} × ${l.quantity}`,
  announce: (ctx, w) => announce(ctx, w.after.visit_id, [w.after.branch_id]),
});

export const paymentRows = syncedRows({
  table: 'visit_payment',
  module: 'calendar',
  summary: (p) => `${p.method} ${p.amount_minor}`,
  announce: (ctx, w) => announce(ctx, w.after.visit_id, [w.after.branch_id]),
});
