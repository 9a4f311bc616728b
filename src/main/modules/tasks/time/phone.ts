import { me, type Ctx } from '../../../api/context';
import { fail } from '../../../api/errors';
import { isoNow } from '../../../clock';
import { taskRows } from '../tables';
import { runningOf } from './repo';
import { assertNoOverlap, startTimer, stopTimer, zoneOf } from './service';

/*
 * The phone page's timer, applied later by the desktop: `ctx` acts as the employee with its clock at the moment they
 * tapped, so the desk's rules (one timer at a time, no overlaps, open months) judge it as if it were done at the desk
 * then. What the desk learned since (a manual entry typed meanwhile) is checked too.
 */

/** Starts the employee's timer at the phone's time; the entry takes the action's id. */
export async function startFromPhone(ctx: Ctx, taskId: string, entryId: string, realNow: string): Promise<void> {
  const employeeId = me(ctx).id;
  if (!(await runningOf(ctx, employeeId))) {
    const task = await taskRows.in(ctx).load(taskId, { key: 'task_not_found', field: 'taskId' });
    // Running since the tap means covering everything up to the desk's own now.
    const startedAt = isoNow(ctx.clock);
    await assertNoOverlap(ctx, await zoneOf(ctx, task.branch_id), employeeId, { startedAt, endedAt: realNow > startedAt ? realNow : startedAt });
  }
  await startTimer(ctx, taskId, false, entryId);
}

/** Stops the employee's timer on this task at the phone's time; 'nothing' when none runs here (stopped at the desk). */
export async function stopFromPhone(ctx: Ctx, taskId: string): Promise<'applied' | 'nothing'> {
  const running = await runningOf(ctx, me(ctx).id);
  if (!running || running.task_id !== taskId) return 'nothing';
  const endedAt = isoNow(ctx.clock);
  if (endedAt <= running.started_at) throw fail.validation('time_end_before_start', 'endedAt');
  await assertNoOverlap(ctx, await zoneOf(ctx, running.branch_id), running.employee_id, { id: running.id, startedAt: running.started_at, endedAt });
  await stopTimer(ctx, running.id);
  return 'applied';
}
