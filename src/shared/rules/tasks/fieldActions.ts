import { FIELD_ACTION_KINDS, type KnownFieldAction } from '../../sync/field';
import { moveRefusal, type TaskStatus } from './status';

/** What the desktop does with one action from the phone page. */
export type FieldDecision =
  | { do: 'acknowledge' }
  | { do: 'note' }
  /** Handed to the time rules, as the employee at the phone's time: they refuse what they refuse at the desk. */
  | { do: 'timer_start' }
  | { do: 'timer_stop' }
  /** Handed to the checklist's rules, as the employee. */
  | { do: 'check'; itemId: string; checked: boolean }
  | { do: 'photo' }
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

const FINAL: readonly TaskStatus[] = ['done', 'cancelled'];

/**
 * The desktop's rule for a phone's action, against the task as it is now (the phone saw an older state): only the
 * task's assignee acts; an acknowledgement moves an assigned task on and is a no-op once it has moved past; a note
 * is added to any live task of theirs; the timer, the checklist and photos go on to their own rules, but never on a
 * finished task.
 */
export function decideFieldAction(f: FieldFacts): FieldDecision {
  if (!(FIELD_ACTION_KINDS as readonly string[]).includes(f.kind)) return { do: 'unknown' };
  const kind = f.kind as KnownFieldAction;
  if (!f.task) return { do: 'refuse', reason: 'task_gone' };
  if (f.task.assigneeId !== f.employeeId) return { do: 'refuse', reason: 'not_assignee' };
  if (f.periodLocked) return { do: 'refuse', reason: 'period_locked' };
  const text = f.text?.trim() ?? '';
  if (kind === 'note') return text ? { do: 'note' } : { do: 'refuse', reason: 'empty' };
  if (kind === 'timer_stop') return { do: 'timer_stop' };
  if (kind !== 'acknowledge' && FINAL.includes(f.task.status)) return { do: 'refuse', reason: 'task_final' };
  if (kind === 'timer_start') return { do: 'timer_start' };
  if (kind === 'check' || kind === 'uncheck') return text ? { do: 'check', itemId: text, checked: kind === 'check' } : { do: 'refuse', reason: 'empty' };
  if (kind === 'photo') return text ? { do: 'photo' } : { do: 'refuse', reason: 'empty' };
  if (f.task.status !== 'assigned') return f.task.status === 'cancelled' ? { do: 'refuse', reason: 'task_final' } : { do: 'nothing' };
  return moveRefusal({ from: 'assigned', to: 'acknowledged', assigneeId: f.task.assigneeId, mayApprove: false }) ? { do: 'refuse', reason: 'task_final' } : { do: 'acknowledge' };
}
