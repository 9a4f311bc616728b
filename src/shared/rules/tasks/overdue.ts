import type { TaskStatus } from './status';

/** Done and cancelled tasks are history: they are never late, whatever their due date said. */
export const CLOSED_STATUSES: readonly TaskStatus[] = ['done', 'cancelled'];

/**
 * A task is overdue when it is still open and its due date (a day on its branch's calendar) is before the branch's
 * today: due today is not late yet.
 */
export function isOverdue(status: TaskStatus, dueDate: string | null, branchToday: string): boolean {
  return dueDate != null && !CLOSED_STATUSES.includes(status) && dueDate < branchToday;
}
