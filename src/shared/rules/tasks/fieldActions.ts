import { FIELD_ACTION_KINDS, type KnownFieldAction } from '../../sync/field';
import { moveRefusal, type TaskStatus } from './status';

/** What the desktop does with one action from the phone page. */
export type FieldDecision =
  | { do: 'acknowledge' }
  | { do: 'note' }
  /** Nothing to change (acknowledged already, by phone or at the desk): done with, no error. */
  | { do: 'nothing' }
  | { do: 'refuse'; reason: 'not_assignee' | 'task_gone' | 'task_final' | 'period_locked' | 'empty' }
  /** A kind a newer phone page sends and this desktop does not know yet: kept, not applied. */
  | { do: 'unknown' };

export interface FieldFacts {
  kind: string;
  employeeId: string;
  text: string | null;
  task: { status: TaskStatus; assigneeId: string | null } | null;
  periodLocked: boolean;
}

/**
 * The desktop's rule for a phone's action, against the task as it is now (the phone saw an older state): only the
 * task's assignee acts; an acknowledgement moves an assigned task on and is a no-op once it has moved past; a note
 * is added to any live task of theirs.
 */
export function decideFieldAction(f: FieldFacts): FieldDecision {
  if (!(FIELD_ACTION_KINDS as readonly string[]).includes(f.kind)) return { do: 'unknown' };
  const kind = f.kind as KnownFieldAction;
  if (!f.task) return { do: 'refuse', reason: 'task_gone' };
  if (f.task.assigneeId !== f.employeeId) return { do: 'refuse', reason: 'not_assignee' };
  if (f.periodLocked) return { do: 'refuse', reason: 'period_locked' };
  if (kind === 'note') return f.text?.trim() ? { do: 'note' } : { do: 'refuse', reason: 'empty' };
  if (f.task.status !== 'assigned') return f.task.status === 'cancelled' ? { do: 'refuse', reason: 'task_final' } : { do: 'nothing' };
  return moveRefusal({ from: 'assigned', to: 'acknowledged', assigneeId: f.task.assigneeId, mayApprove: false }) ? { do: 'refuse', reason: 'task_final' } : { do: 'acknowledge' };
}
