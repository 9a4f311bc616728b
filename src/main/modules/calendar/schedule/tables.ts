import type { Ctx } from '../../../api/context';
import { syncedRows } from '../../../api/funnel';

/**
 * How working hours and services are written (the write funnel): audited under the calendar module, each write
 * announced as `schedule.changed` to the readers of its branch (their calendars grey out anew, their service lists reload).
 */
const announce = (ctx: Ctx, branchId: string) =>
  ctx.emit('schedule.changed', { branchIds: [branchId] }, { branchIds: [branchId] });

export const weekRows = syncedRows({
  table: 'work_schedule',
  module: 'calendar',
  entity: 'working_week',
  summary: (r) => r.week,
  announce: (ctx, w) => announce(ctx, w.after.branch_id),
});

export const exceptionRows = syncedRows({
  table: 'work_exception',
  module: 'calendar',
  entity: 'work_exception',
  summary: (r) => `${r.kind} ${r.day_from}…${r.day_to}`,
  announce: (ctx, w) => announce(ctx, w.after.branch_id),
});

export const serviceRows = syncedRows({
  table: 'service',
  module: 'calendar',
  summary: (r) => r.name,
  announce: (ctx, w) => announce(ctx, w.after.branch_id),
});
