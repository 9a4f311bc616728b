/**
 * Time on tasks as pure rules (issue 12): how long a session lasts, which manual entries are refused and why, which
 * of an employee's other sessions one would overlap, and the totals a task and its work act show. The clock is passed
 * in (`now`, an ISO instant), so the service, the screen's live clock and the tests share one answer.
 */

/** A manual entry may cover at most one day's work: anything longer is a typing mistake (a wrong date), not a shift. */
export const MAX_ENTRY_SECONDS = 24 * 3600;

/** An instant (UTC ISO) as epoch milliseconds. */
const ms = (iso: string): number => Date.parse(iso);

/** Whole seconds from start to end: what a stopped session keeps, so sums never drift from rounding each session. */
export function sessionSeconds(startedAt: string, endedAt: string): number {
  return Math.max(0, Math.floor((ms(endedAt) - ms(startedAt)) / 1000));
}

/** A session's seconds as of `now`: a running timer counts up to now. */
export function secondsOf(s: { startedAt: string; endedAt: string | null; seconds?: number | null }, now: string): number {
  if (s.endedAt) return s.seconds ?? sessionSeconds(s.startedAt, s.endedAt);
  return sessionSeconds(s.startedAt, now);
}

export type EntryRefusal = 'time_end_before_start' | 'time_in_future' | 'time_too_long';

/** Null when a manual entry's bounds are acceptable: it ends after it starts, not in the future, within 24 hours. */
export function entryRefusal(e: { startedAt: string; endedAt: string }, now: string): EntryRefusal | null {
  if (ms(e.endedAt) <= ms(e.startedAt)) return 'time_end_before_start';
  if (ms(e.endedAt) > ms(now)) return 'time_in_future';
  if (ms(e.endedAt) - ms(e.startedAt) > MAX_ENTRY_SECONDS * 1000) return 'time_too_long';
  return null;
}

/** Another session of the same employee, as the overlap check needs it; `endedAt` null: the timer still runs. */
export interface OtherSession {
  id: string;
  taskNumber: string | null;
  startedAt: string;
  endedAt: string | null;
}

/**
 * The first of the employee's other sessions that shares any moment with [start, end), or null. A running timer
 * covers everything from its start up to now, since that is what it will have counted when stopped. Touching ends
 * (one stops at 10:00, the next starts at 10:00) are no overlap.
 */
export function overlapping(entry: { id?: string | null; startedAt: string; endedAt: string | null }, others: readonly OtherSession[], now: string): OtherSession | null {
  const start = ms(entry.startedAt);
  const end = ms(entry.endedAt ?? now);
  const sorted = [...others].sort((a, b) => ms(a.startedAt) - ms(b.startedAt));
  for (const o of sorted) {
    if (o.id === entry.id) continue;
    const oEnd = ms(o.endedAt ?? now);
    if (ms(o.startedAt) < end && start < oEnd) return o;
  }
  return null;
}

/** Whether a new timer may start: null when none runs, else the running one (the screen offers "stop and start here"). */
export function startRefusal<T extends { taskId: string }>(running: T | null, taskId: string): { key: 'time_timer_running' | 'time_timer_here'; running: T } | null {
  if (!running) return null;
  return { key: running.taskId === taskId ? 'time_timer_here' : 'time_timer_running', running };
}

export interface TotalOf {
  employeeId: string;
  seconds: number;
  billableSeconds: number;
}

/** Each employee's seconds (all, and billable), biggest first, and the task's whole. */
export function totals(entries: readonly { employeeId: string; startedAt: string; endedAt: string | null; seconds?: number | null; billable: boolean }[], now: string): { perEmployee: TotalOf[]; seconds: number; billableSeconds: number } {
  const by = new Map<string, TotalOf>();
  for (const e of entries) {
    const s = secondsOf(e, now);
    const t = by.get(e.employeeId) ?? { employeeId: e.employeeId, seconds: 0, billableSeconds: 0 };
    t.seconds += s;
    if (e.billable) t.billableSeconds += s;
    by.set(e.employeeId, t);
  }
  const perEmployee = [...by.values()].sort((a, b) => b.seconds - a.seconds || a.employeeId.localeCompare(b.employeeId));
  return { perEmployee, seconds: perEmployee.reduce((n, t) => n + t.seconds, 0), billableSeconds: perEmployee.reduce((n, t) => n + t.billableSeconds, 0) };
}

/** `H:MM:SS` for a live clock, `H:MM` for lists and paper (seconds would only be noise there). */
export function formatDuration(seconds: number, withSeconds = false): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const mm = String(m).padStart(2, '0');
  return withSeconds ? `${h}:${mm}:${String(s % 60).padStart(2, '0')}` : `${h}:${mm}`;
}
