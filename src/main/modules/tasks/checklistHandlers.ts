import type { HandlersFor } from '../../api/context';
import { getChecklist, tickItem } from './checklist';
import { testMailbox } from './mailboxTest';
import { moveTask } from './service';
import { listTypeSettings, saveTypeSettings } from './typeSettings';

type Names = 'tasks.checklist.get' | 'tasks.checklist.tick' | 'tasks.checklist.submit' | 'tasks.checklist.approve' | 'tasks.checklist.reject' | 'tasks.types.list' | 'tasks.types.save' | 'tasks.mailboxes.test';

/** The checklist's moves are the workflow's own (`moveTask`), with the manager's words as the verdict. */
export const checklistHandlers: HandlersFor<Names> = {
  'tasks.checklist.get': (input, ctx) => getChecklist(ctx, input.taskId),
  'tasks.checklist.tick': (input, ctx) => tickItem(ctx, input),
  'tasks.checklist.submit': (input, ctx) => moveTask(ctx, { id: input.id, version: input.version, status: 'awaiting_approval' }),
  'tasks.checklist.approve': (input, ctx) => moveTask(ctx, { id: input.id, version: input.version, status: 'done', verdict: { kind: 'approved', comment: input.comment || null } }),
  'tasks.checklist.reject': (input, ctx) => moveTask(ctx, { id: input.id, version: input.version, status: 'in_progress', verdict: { kind: 'rejected', reason: input.reason } }),
  'tasks.types.list': (_input, ctx) => listTypeSettings(ctx),
  'tasks.types.save': (input, ctx) => saveTypeSettings(ctx, input),
  'tasks.mailboxes.test': (input, ctx) => testMailbox(ctx, input),
};
