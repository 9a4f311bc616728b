import { me, type Ctx } from '../../../api/context';
import { fail } from '../../../api/errors';
import { assertAssignable } from '../../../api/scope';
import { isoNow } from '../../../clock';
import type { TimeEntry } from '../../../../shared/api/taskTime';
import type { TaskStatus } from '../../../../shared/rules/tasks/status';
import { entryRefusal, overlapping, sessionSeconds, startRefusal } from '../../../../shared/rules/tasks/time';
import { wallClock } from '../../../../shared/rules/zonedTime';
import { assertPeriodOpen } from '../../periods';
import type { TaskDbRow } from '../register';
import { moveTask } from '../service';
import { taskRows } from '../tables';
import { entryOut, runningOf, sessionsAround, type TimeDbRow } from './repo';
import { timeRows } from './tables';

interface EntryFields {
  startedAt: string;
  endedAt: string;
  note?: string | null;
  billable: boolean;
}

/** Dispatchers, managers and up keep anyone's time in their branches; an employee only their own. */
const keepsOthersTime = (role: string) => role !== 'employee';

const iso = (s: string) => new Date(s).toISOString();

export async function zoneOf(ctx: Ctx, branchId: string): Promise<string> {
  const b = await ctx.db.selectFrom('branch').select('time_zone').where('id', '=', branchId).executeTakeFirst();
  return b?.time_zone ?? 'UTC';
}

/** A task the caller may track time on: an employee only on a task given to them. */
async function trackableTask(ctx: Ctx, taskId: string): Promise<TaskDbRow> {
  const user = me(ctx);
  const task = await taskRows.in(ctx).load(taskId, { key: 'task_not_found', field: 'taskId' });
  if (!keepsOthersTime(user.role) && task.assignee_id !== user.id) throw fail.forbidden('time_not_your_task', 'taskId');
  if (task.status === 'cancelled') throw fail.conflict('task_final', 'taskId');
  return task;
}

/** An entry the caller may change: their own, or anyone's of their branches for dispatchers and managers. */
async function changeableEntry(ctx: Ctx, id: string, version: number): Promise<TimeDbRow> {
  const user = me(ctx);
  const row = await timeRows.in(ctx).load(id, { key: 'time_entry_not_found', field: 'id' });
  if (!keepsOthersTime(user.role) && row.employee_id !== user.id) throw fail.notFound('time_entry_not_found', 'id');
  if (row.version !== version) throw fail.conflict('stale', 'version');
  await assertPeriodOpen(ctx, row.day, 'startedAt');
  return row;
}

/** Refuses a session that would share a moment with another of the same employee's, naming that task and its times. */
export async function assertNoOverlap(ctx: Ctx, zone: string, employeeId: string, e: { id?: string; startedAt: string; endedAt: string }): Promise<void> {
  const now = isoNow(ctx.clock);
  const around = await sessionsAround(ctx, employeeId, e.startedAt, e.endedAt);
  const other = overlapping(e, around.map((r) => ({ id: r.id, taskNumber: r.task_number, startedAt: r.started_at, endedAt: r.ended_at })), now);
  if (!other) return;
  const wall = (at: string) => wallClock(at, zone).replace('T', ' ');
  const params = { number: other.taskNumber ?? '—', start: wall(other.startedAt), end: other.endedAt ? wall(other.endedAt).slice(11) : '' };
  throw fail.conflict(other.endedAt ? 'time_overlap' : 'time_overlap_running', 'startedAt', params);
}

/** Bounds, locked month and overlap of a manual entry; answers the day it counts on (the branch's calendar). */
async function checkEntry(ctx: Ctx, task: TaskDbRow, employeeId: string, e: EntryFields & { id?: string }): Promise<string> {
  const refusal = entryRefusal(e, isoNow(ctx.clock));
  if (refusal) throw fail.validation(refusal, refusal === 'time_end_before_start' ? 'endedAt' : refusal === 'time_in_future' ? 'endedAt' : 'startedAt');
  const zone = await zoneOf(ctx, task.branch_id);
  const day = wallClock(e.startedAt, zone).slice(0, 10);
  await assertPeriodOpen(ctx, day, 'startedAt');
  await assertNoOverlap(ctx, zone, employeeId, e);
  return day;
}

/**
 * The caller's timer on a task. Another one running is refused, naming its task, unless `stopRunning` (the screen's
 * "stop and start here"). An assigned or acknowledged task moves to in progress: starting work is starting it.
 * `entryId`: a phone's start keeps its action's id, so the phone page knows its start arrived.
 */
export async function startTimer(ctx: Ctx, taskId: string, stopRunning = false, entryId?: string): Promise<TimeEntry> {
  const user = me(ctx);
  const task = await trackableTask(ctx, taskId);
  if (task.status === 'done') throw fail.conflict('task_final', 'taskId');
  const now = isoNow(ctx.clock);
  const zone = await zoneOf(ctx, task.branch_id);
  const day = wallClock(now, zone).slice(0, 10);
  await assertPeriodOpen(ctx, day, 'taskId');
  const running = await runningOf(ctx, user.id);
  const refusal = startRefusal(running ? { ...running, taskId: running.task_id } : null, task.id);
  if (refusal) {
    if (!stopRunning || refusal.key === 'time_timer_here') throw fail.conflict(refusal.key, 'taskId', { number: refusal.running.task_number ?? '—', start: wallClock(refusal.running.started_at, zone).replace('T', ' ') });
    await stopEntry(ctx, refusal.running);
  }
  const row = await timeRows.in(ctx).insert({ ...(entryId ? { id: entryId } : {}), org_id: task.org_id, branch_id: task.branch_id, task_id: task.id, employee_id: user.id, started_at: now, ended_at: null, seconds: null, day, source: 'timer', note: null, billable: 1 });
  if ((['assigned', 'acknowledged'] as TaskStatus[]).includes(task.status as TaskStatus)) await moveTask(ctx, { id: task.id, version: task.version, status: 'in_progress' });
  return entryOut(ctx, row);
}

async function stopEntry(ctx: Ctx, row: TimeDbRow): Promise<TimeDbRow> {
  const now = isoNow(ctx.clock);
  return timeRows.in(ctx).update(row, { ended_at: now, seconds: sessionSeconds(row.started_at, now) }, { audit: { action: 'update', summary: `stop ${row.started_at}–${now}` } });
}

/** Stops the caller's running timer; dispatchers and managers may stop one they name (someone left it running). */
export async function stopTimer(ctx: Ctx, entryId?: string | null): Promise<TimeEntry | null> {
  const user = me(ctx);
  let row: TimeDbRow | null;
  if (entryId) {
    row = await timeRows.in(ctx).load(entryId, { key: 'time_entry_not_found', field: 'entryId' });
    if (row.employee_id !== user.id && !keepsOthersTime(user.role)) throw fail.notFound('time_entry_not_found', 'entryId');
    if (row.ended_at) return entryOut(ctx, row);
  } else {
    row = await runningOf(ctx, user.id);
    if (!row) return null;
  }
  return entryOut(ctx, await stopEntry(ctx, row));
}

export async function addEntry(ctx: Ctx, input: EntryFields & { taskId: string; employeeId?: string | null }): Promise<TimeEntry> {
  const user = me(ctx);
  const task = await trackableTask(ctx, input.taskId);
  const employeeId = input.employeeId ?? user.id;
  if (employeeId !== user.id) {
    if (!keepsOthersTime(user.role)) throw fail.forbidden('time_not_your_entry', 'employeeId');
    await assertAssignable(ctx.db, user, employeeId, task.branch_id, 'employeeId');
  }
  const e = { ...input, startedAt: iso(input.startedAt), endedAt: iso(input.endedAt) };
  const day = await checkEntry(ctx, task, employeeId, e);
  const row = await timeRows.in(ctx).insert({
    org_id: task.org_id,
    branch_id: task.branch_id,
    task_id: task.id,
    employee_id: employeeId,
    started_at: e.startedAt,
    ended_at: e.endedAt,
    seconds: sessionSeconds(e.startedAt, e.endedAt),
    day,
    source: 'manual',
    note: input.note || null,
    billable: input.billable ? 1 : 0,
  });
  return entryOut(ctx, row);
}

/** An entry's times, note and billing; a timer's too (a forgotten stop is corrected here). */
export async function editEntry(ctx: Ctx, input: EntryFields & { id: string; version: number }): Promise<TimeEntry> {
  const before = await changeableEntry(ctx, input.id, input.version);
  const task = await taskRows.in(ctx).load(before.task_id, { key: 'task_not_found', field: 'id' });
  const e = { ...input, startedAt: iso(input.startedAt), endedAt: iso(input.endedAt) };
  const day = await checkEntry(ctx, task, before.employee_id, e);
  const after = await timeRows.in(ctx).update(before, { started_at: e.startedAt, ended_at: e.endedAt, seconds: sessionSeconds(e.startedAt, e.endedAt), day, note: input.note || null, billable: input.billable ? 1 : 0 });
  return entryOut(ctx, after);
}

export async function removeEntry(ctx: Ctx, id: string, version: number): Promise<void> {
  const before = await changeableEntry(ctx, id, version);
  await timeRows.in(ctx).remove(before);
}
