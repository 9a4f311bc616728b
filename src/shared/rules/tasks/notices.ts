import type { TaskPriority, TaskStatus } from './status';

/** How an employee hears of a task of one priority. */
export const NOTICE_CHANNELS = ['email', 'sms', 'both', 'none'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/** Minutes an urgent task may wait for its acknowledgement before the dispatcher is told (an organization setting). */
export const DEFAULT_ESCALATE_MINUTES = 15;

/** How long a phone link works: long enough for a task planned next week, short enough that an old mail opens nothing. */
export const LINK_DAYS = 14;
/** While the hub is away, the notice waits this long for its link, then goes without one (reply to acknowledge). */
export const LINK_WAIT_MS = 2 * 60_000;

export const emailOf = (c: NoticeChannel) => c === 'email' || c === 'both';
export const smsOf = (c: NoticeChannel) => c === 'sms' || c === 'both';

export interface OpenNotice {
  priority: TaskPriority;
  employeeId: string;
  /** ISO instants. */
  createdAt: string;
  acknowledgedAt: string | null;
  escalatedAt: string | null;
}

/**
 * The escalation job's question for one notice, now: `escalate` (an urgent task still assigned to the employee and
 * not acknowledged after `minutes`), `settled` (the task moved on — acknowledged at the desk or by reply, given to
 * someone else, cancelled — nothing more to watch), or `wait`.
 */
export function escalation(n: OpenNotice, task: { status: TaskStatus; assigneeId: string | null } | null, minutes: number, now: number): 'escalate' | 'settled' | 'wait' {
  if (n.acknowledgedAt || n.escalatedAt || n.priority !== 'urgent') return 'settled';
  if (!task || task.status !== 'assigned' || task.assigneeId !== n.employeeId) return 'settled';
  return now - Date.parse(n.createdAt) >= minutes * 60_000 ? 'escalate' : 'wait';
}
