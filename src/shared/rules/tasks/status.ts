/**
 * A task's workflow as pure rules (issue 12): which moves are allowed, what each one stamps, and who a new request
 * reaches. The clock is passed in (`now`, an ISO instant), so the board, the form and the intake share one answer.
 */
export const TASK_STATUSES = ['new', 'assigned', 'acknowledged', 'in_progress', 'awaiting_approval', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_PRIORITIES = ['urgent', 'medium', 'not_urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const TASK_SOURCES = ['manual', 'email', 'web', 'chat'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

/** Urgent first: the grid, the board's columns and the intake all order by this rank. */
export const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 0, medium: 1, not_urgent: 2 };

/**
 * Where a task may go from each status. Backwards steps are the dispatcher's corrections (unassign, reject back to
 * work); done and cancelled are final, so what the client was told stays true.
 */
const NEXT: Record<TaskStatus, readonly TaskStatus[]> = {
  new: ['assigned', 'cancelled'],
  assigned: ['new', 'acknowledged', 'in_progress', 'cancelled'],
  acknowledged: ['assigned', 'in_progress', 'cancelled'],
  in_progress: ['acknowledged', 'awaiting_approval', 'done', 'cancelled'],
  awaiting_approval: ['in_progress', 'done', 'cancelled'],
  done: [],
  cancelled: [],
};

export type MoveRefusal =
  | 'task_final'
  | 'task_move_not_allowed'
  | 'task_needs_assignee'
  | 'task_cancel_reason'
  | 'task_approval_right'
  | 'task_needs_approval'
  | 'task_checklist_open'
  | 'task_reject_reason';

export interface MoveFacts {
  from: TaskStatus;
  to: TaskStatus;
  /** The assignee the task will have after the move. */
  assigneeId: string | null;
  cancelReason?: string | null;
  /** Whether the caller may approve in the tasks module (managers and up): finishing a submitted task is theirs. */
  mayApprove: boolean;
  /**
   * Set when the task carries a checklist: then it is finished only by a manager's approval of a submitted list,
   * submitted only with every required item ticked (`openRequired` names the first still open), and sent back only
   * with a reason. Absent: today's rules, unchanged.
   */
  checklist?: { openRequired: string | null } | null;
  /** The manager's reason for sending a submitted task back to work. */
  rejectReason?: string | null;
}

/** Null when the move is allowed, else why not (an i18n key under `errors.`). */
export function moveRefusal(f: MoveFacts): MoveRefusal | null {
  if (f.from === f.to) return null;
  if (NEXT[f.from].length === 0) return 'task_final';
  if (!NEXT[f.from].includes(f.to)) return 'task_move_not_allowed';
  if (f.to !== 'new' && f.to !== 'cancelled' && !f.assigneeId) return 'task_needs_assignee';
  if (f.to === 'cancelled' && !f.cancelReason?.trim()) return 'task_cancel_reason';
  if (f.from === 'awaiting_approval' && f.to === 'done' && !f.mayApprove) return 'task_approval_right';
  if (f.checklist) {
    if (f.to === 'done' && f.from !== 'awaiting_approval') return 'task_needs_approval';
    if (f.to === 'awaiting_approval' && f.checklist.openRequired !== null) return 'task_checklist_open';
    if (f.from === 'awaiting_approval' && f.to === 'in_progress') {
      if (!f.mayApprove) return 'task_approval_right';
      if (!f.rejectReason?.trim()) return 'task_reject_reason';
    }
  }
  return null;
}

export function allowedMoves(from: TaskStatus): readonly TaskStatus[] {
  return NEXT[from];
}

export interface TaskStamps {
  assigned_at?: string | null;
  acknowledged_at?: string | null;
  started_at?: string | null;
  submitted_at?: string | null;
  done_at?: string | null;
  cancelled_at?: string | null;
  cancel_reason?: string | null;
}

/**
 * What a move writes beside the status. A step back clears the stamps of the steps undone (so "acknowledged at"
 * never outlives an unassignment); a step forward keeps the earlier ones.
 */
export function stampsFor(from: TaskStatus, to: TaskStatus, now: string, cancelReason?: string | null): TaskStamps {
  if (from === to) return {};
  const order = TASK_STATUSES.indexOf(to);
  const out: TaskStamps = {};
  if (to === 'cancelled') return { cancelled_at: now, cancel_reason: cancelReason?.trim() ?? null };
  const stampOf: Partial<Record<TaskStatus, keyof TaskStamps>> = {
    assigned: 'assigned_at',
    acknowledged: 'acknowledged_at',
    in_progress: 'started_at',
    awaiting_approval: 'submitted_at',
    done: 'done_at',
  };
  for (const s of TASK_STATUSES.slice(1, 6)) {
    const col = stampOf[s]!;
    const i = TASK_STATUSES.indexOf(s);
    if (i > order) out[col] = null;
    else if (s === to) out[col] = now;
  }
  return out;
}

/** The status a task starts in: assigned when it already has someone to do it (the client chose them), else new. */
export function initialStatus(assigneeId: string | null): TaskStatus {
  return assigneeId ? 'assigned' : 'new';
}

export interface Candidate {
  id: string;
  role: string;
  name: string;
}

/**
 * Who a new request reaches: the branch's dispatcher (the first by name when there are several), else its manager,
 * else nobody (the owners see unrouted tasks on the board).
 */
export function responsibleOf(candidates: readonly Candidate[], branchManagerId: string | null): string | null {
  const dispatchers = candidates.filter((c) => c.role === 'dispatcher').sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return dispatchers[0]?.id ?? branchManagerId ?? null;
}

/** Open tasks still count on the board and the assignee's list; done and cancelled ones are history. */
export function isOpen(status: TaskStatus): boolean {
  return status !== 'done' && status !== 'cancelled';
}
