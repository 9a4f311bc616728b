import type { Selectable } from 'kysely';
import { z } from 'zod';
import { me, type Ctx } from '../../../api/context';
import { inScope } from '../../../api/scope';
import { isoNow } from '../../../clock';
import type { TaskTimeEntryTable } from '../../../db/schema';
import type { runningTimer, taskTimeList, TimeEntry } from '../../../../shared/api/taskTime';
import { totals } from '../../../../shared/rules/tasks/time';

export type TimeDbRow = Selectable<TaskTimeEntryTable>;

export function toEntry(r: TimeDbRow, employeeName: string): TimeEntry {
  return {
    id: r.id,
    version: r.version,
    taskId: r.task_id,
    employeeId: r.employee_id,
    employeeName,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    seconds: r.seconds,
    day: r.day,
    source: r.source,
    note: r.note,
    billable: r.billable === 1,
  };
}

export async function entryOut(ctx: Ctx, r: TimeDbRow): Promise<TimeEntry> {
  const u = await ctx.db.selectFrom('app_user').select('name').where('id', '=', r.employee_id).executeTakeFirst();
  return toEntry(r, u?.name ?? '');
}

/** A task's sessions in time order, with each employee's total and the task's (running timers counted up to now). */
export async function listTime(ctx: Ctx, taskId: string): Promise<z.infer<typeof taskTimeList>> {
  const rows = await ctx.db
    .selectFrom('task_time_entry as e')
    .innerJoin('app_user as u', 'u.id', 'e.employee_id')
    .selectAll('e')
    .select('u.name as employee_name')
    .where('e.task_id', '=', taskId)
    .where('e.deleted_at', 'is', null)
    .where(inScope(me(ctx), { org: 'e.org_id', branch: 'e.branch_id' }))
    .orderBy('e.started_at')
    .orderBy('e.id')
    .execute();
  const entries = rows.map((r) => toEntry(r, r.employee_name));
  const at = isoNow(ctx.clock);
  const sum = totals(entries, at);
  const names = new Map(entries.map((e) => [e.employeeId, e.employeeName]));
  return { entries, perEmployee: sum.perEmployee.map((t) => ({ ...t, employeeName: names.get(t.employeeId) ?? '' })), seconds: sum.seconds, billableSeconds: sum.billableSeconds, at };
}

/** The running timer of one employee, with its task's number (what a refusal names and the shell shows). */
export async function runningOf(ctx: Ctx, employeeId: string): Promise<(TimeDbRow & { task_number: string | null; task_subject: string | null }) | null> {
  const r = await ctx.db
    .selectFrom('task_time_entry as e')
    .innerJoin('task as t', 't.id', 'e.task_id')
    .selectAll('e')
    .select(['t.number as task_number', 't.subject as task_subject'])
    .where('e.org_id', '=', me(ctx).orgId)
    .where('e.employee_id', '=', employeeId)
    .where('e.ended_at', 'is', null)
    .where('e.deleted_at', 'is', null)
    .executeTakeFirst();
  return r ?? null;
}

export async function myRunning(ctx: Ctx): Promise<z.infer<typeof runningTimer>> {
  const r = await runningOf(ctx, me(ctx).id);
  return r ? { entryId: r.id, version: r.version, taskId: r.task_id, taskNumber: r.task_number, subject: r.task_subject, startedAt: r.started_at } : null;
}

/** The employee's other live sessions that may touch [start, end): the rule decides; this only narrows the rows read. */
export async function sessionsAround(ctx: Ctx, employeeId: string, start: string, end: string) {
  return ctx.db
    .selectFrom('task_time_entry as e')
    .innerJoin('task as t', 't.id', 'e.task_id')
    .select(['e.id', 'e.started_at', 'e.ended_at', 't.number as task_number'])
    .where('e.org_id', '=', me(ctx).orgId)
    .where('e.employee_id', '=', employeeId)
    .where('e.deleted_at', 'is', null)
    .where('e.started_at', '<', end)
    .where((w) => w.or([w('e.ended_at', 'is', null), w('e.ended_at', '>', start)]))
    .execute();
}
