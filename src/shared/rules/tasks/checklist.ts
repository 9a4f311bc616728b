import type { TaskStatus } from './status';

/**
 * A task's checklist ("klausimynas", issue 12) as pure rules: when a type's template is copied onto a task, when items
 * may be ticked, how far the list is, and what stops a submission. The status moves themselves stay in `status.ts`.
 */
export interface CheckItemFacts {
  text: string;
  required: boolean;
  checkedAt: string | null;
}

/** "3/5" on the panel and the board: ticked items of all of them. */
export function progressOf(items: readonly Pick<CheckItemFacts, 'checkedAt'>[]): { done: number; total: number } {
  return { done: items.filter((i) => i.checkedAt !== null).length, total: items.length };
}

/** The first required item still open, in list order: the one a refused submission names. */
export function firstOpenRequired(items: readonly CheckItemFacts[]): string | null {
  return items.find((i) => i.required && i.checkedAt === null)?.text ?? null;
}

/** Before anyone has started: until then a type set or changed brings its list; afterwards the list is the work's record. */
const BEFORE_WORK: readonly TaskStatus[] = ['new', 'assigned', 'acknowledged'];

/**
 * Whether a task's checklist is (re)made from its type's template: at registration, or when the type changes before
 * work starts. Once work is under way a change of type keeps the list the employee has been ticking.
 */
export function takesTemplate(status: TaskStatus, typeBefore: string | null | undefined, typeAfter: string | null): boolean {
  if (typeBefore === typeAfter) return false;
  return BEFORE_WORK.includes(status);
}

export type TickRefusal = 'task_checklist_submitted' | 'task_final';

/**
 * Items are ticked while the task is open and not under review: a submitted list is what the manager checks, so it
 * stays as submitted until approved or sent back.
 */
export function tickRefusal(status: TaskStatus): TickRefusal | null {
  if (status === 'done' || status === 'cancelled') return 'task_final';
  if (status === 'awaiting_approval') return 'task_checklist_submitted';
  return null;
}

/** What ticking or unticking writes: who and when, or neither. */
export function tickStamps(checked: boolean, personId: string, now: string): { checked_by: string | null; checked_at: string | null } {
  return checked ? { checked_by: personId, checked_at: now } : { checked_by: null, checked_at: null };
}
