import type { Selectable } from 'kysely';
import type { TaskTable } from '../../db/schema';
import { syncedRows } from '../../api/funnel';
import type { Ctx } from '../../api/context';
import { taskIndexOf } from './grid/gridIndex';
import { noteConfirmedNumber } from './numberConfirmed';

/** What the audit log compares of a task: its fields, without stamps and derived search keys. */
function taskSnapshot(r: Selectable<TaskTable>): Record<string, unknown> {
  const { created_at: _c, updated_at: _u, version: _v, client_name_key: _k, address_key: _a, deleted_at: _d, priority_rank: _p, ...rest } = r;
  return rest;
}

/** How the module's rows are written (the write funnel): each with its audit entry, change record and event. */
export const taskRows = syncedRows({
  table: 'task',
  module: 'tasks',
  summary: (r) => `${r.number ?? r.doc_date} ${r.client_name}: ${r.status}`,
  snapshot: taskSnapshot,
  // Readers of the branch a task left hear of it too (it leaves their board).
  announce: (ctx, w) => {
    ctx.emit('tasks.changed', { ids: [w.after.id] }, { branchIds: [...new Set([w.after.branch_id, w.before?.branch_id ?? w.after.branch_id])] });
    followInGridIndex(ctx, w.after);
  },
  pulled: async (ctx, row, before) => {
    followInGridIndex(ctx, row);
    await noteConfirmedNumber(ctx, before ?? null, row, taskNoteRows);
  },
});

/** The grid's memory index takes the task as committed (a rolled-back write never reaches it). */
function followInGridIndex(ctx: Ctx, row: Selectable<TaskTable>): void {
  const index = taskIndexOf(ctx);
  if (index) ctx.afterCommit(() => index.applyCommitted(row));
}

export const taskNoteRows = syncedRows({
  table: 'task_note',
  module: 'tasks',
  summary: (n) => `${n.kind}: ${n.text.slice(0, 120)}`,
  announce: (ctx, w) => ctx.emit('tasks.changed', { ids: [w.after.task_id] }, { branchIds: [w.after.branch_id] }),
});

export const taskAttachmentRows = syncedRows({
  table: 'task_attachment',
  module: 'tasks',
  summary: (a) => `${a.file_name} (${a.size} B)`,
  // The audit keeps what was attached, not the file itself.
  snapshot: (a) => ({ task_id: a.task_id, file_name: a.file_name, mime: a.mime, size: a.size }),
});

export const taskTypeRows = syncedRows({ table: 'task_type', module: 'tasks', entity: 'task_type', summary: (t) => t.name });

export const mailboxRows = syncedRows({
  table: 'task_mailbox',
  module: 'tasks',
  entity: 'task_mailbox',
  summary: (m) => `${m.name} ${m.login}@${m.host}:${m.port}`,
  // Never the sealed password, not even in the audit.
  snapshot: ({ password, created_at: _c, updated_at: _u, version: _v, ...rest }) => ({ ...rest, password: password ? 'set' : null }),
});

/** The intake's record of a message: its task, note or the decision to ignore it is the audit entry that tells it. */
export const mailRows = syncedRows({ table: 'task_mail', module: 'tasks', entity: 'task_mail' });

/**
 * The web intake's record of a submission: which task it became (the audit entry tells it). Its reference finds the
 * task in the grid's quick search, so the memory index follows it (the replica announces pulled rows too).
 */
export const webIntakeRows = syncedRows({
  table: 'task_web_intake',
  module: 'tasks',
  entity: 'task_web_intake',
  announce: (ctx, w) => {
    const index = taskIndexOf(ctx);
    if (index) ctx.afterCommit(() => index.applyIntake(w.after));
  },
});

/** What became of each phone action, under the action's id: the hub's page tells the employee by it. */
export const fieldOutcomeRows = syncedRows({
  table: 'task_field_outcome',
  module: 'tasks',
  entity: 'task_field_outcome',
  summary: (o) => `${o.kind}: ${o.outcome}${o.reason ? ` ${o.reason}` : ''}`,
});
