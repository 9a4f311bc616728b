import { syncedRows } from '../../../api/funnel';

/** Each session written with its audit entry and change record; the task's readers hear of it (its form, its totals). */
export const timeRows = syncedRows({
  table: 'task_time_entry',
  module: 'tasks',
  entity: 'task_time',
  summary: (r) => `${r.source} ${r.started_at}–${r.ended_at ?? '…'}${r.seconds !== null ? ` (${r.seconds} s)` : ''}`,
  announce: (ctx, w) => ctx.emit('tasks.changed', { ids: [w.after.task_id] }, { branchIds: [w.after.branch_id] }),
});
