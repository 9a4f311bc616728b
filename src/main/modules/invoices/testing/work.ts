import { inJob } from '../../../api/jobCtx';
import { syncedRows } from '../../../api/funnel';
import type { Core } from '../../../core';
import type { TestApp } from '../../../testing/harness';

/**
 * The work an invoice bills, written as the time module and the rates' screens will write it: through the write
 * funnel, at the clock's time. Only the tests use it; the time entries' own procedures belong to the time module.
 */
const timeRows = syncedRows({ table: 'task_time_entry', module: 'tasks', entity: 'task_time_entry' });
const typeRates = syncedRows({ table: 'task_type', module: 'tasks', entity: 'task_type' });
const userRates = syncedRows({ table: 'app_user', module: 'users', entity: 'app_user' });

function deps(core: Core) {
  return { db: core.db, clock: core.clock, config: core.config, services: core.services, publish: () => undefined, log: () => undefined };
}

async function orgOf(core: Core): Promise<string> {
  return (await core.db.selectFrom('org').select('id').executeTakeFirstOrThrow()).id;
}

export async function setRate(core: Core, table: 'task_type' | 'app_user', id: string, hourlyRateMinor: number | null): Promise<void> {
  const orgId = await orgOf(core);
  await inJob(deps(core), orgId, async (ctx) => {
    const row = await ctx.db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (table === 'task_type') await typeRates.in(ctx).update(row as never, { hourly_rate_minor: hourlyRateMinor });
    else await userRates.in(ctx).update(row as never, { hourly_rate_minor: hourlyRateMinor });
  });
}

export async function addTime(core: Core, e: { taskId: string; employeeId: string; seconds: number; startedAt: string; billable?: boolean }): Promise<void> {
  const orgId = await orgOf(core);
  await inJob(deps(core), orgId, async (ctx) => {
    const task = await ctx.db.selectFrom('task').select('branch_id').where('id', '=', e.taskId).executeTakeFirstOrThrow();
    const ended = new Date(Date.parse(e.startedAt) + e.seconds * 1000).toISOString();
    await timeRows.in(ctx).insert({
      org_id: orgId,
      branch_id: task.branch_id,
      task_id: e.taskId,
      employee_id: e.employeeId,
      started_at: e.startedAt,
      ended_at: ended,
      seconds: e.seconds,
      day: e.startedAt.slice(0, 10),
      source: 'manual',
      note: null,
      billable: e.billable === false ? 0 : 1,
    });
  });
}

/** A task of the client taken to done by the owner at `doneAt` (the clock is moved there and left there). */
export async function doneTask(app: TestApp, owner: string, t: { branchId: string; clientId: string; assigneeId: string; typeId?: string | null; subject?: string; doneAt: string }): Promise<string> {
  app.clock.set(t.doneAt);
  let task = await app.call(owner, 'tasks.create', { branchId: t.branchId, clientId: t.clientId, priority: 'medium', description: t.subject ?? 'Work', subject: t.subject ?? null, typeId: t.typeId ?? null, assigneeId: t.assigneeId });
  task = await app.call(owner, 'tasks.move', { id: task.id, version: task.version, status: 'in_progress' });
  task = await app.call(owner, 'tasks.move', { id: task.id, version: task.version, status: 'done' });
  return task.id;
}
