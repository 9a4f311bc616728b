import type { Ctx } from '../../../api/context';
import { isoNow } from '../../../clock';
import { stampsFor } from '../../../../shared/rules/tasks/status';
import type { TaskDbRow } from '../register';
import { taskNoteRows, taskRows } from '../tables';

/**
 * Without a hub the notice asks for a reply: the intake threads it onto the task (by the number in its subject), and a
 * reply from the assignee's own address to a task still waiting for them acknowledges it — as them, "by e-mail".
 */
export async function acknowledgeByReply(ctx: Ctx, task: TaskDbRow, fromAddress: string): Promise<void> {
  if (task.status !== 'assigned' || !task.assignee_id) return;
  const assignee = await ctx.db.selectFrom('app_user').select(['id', 'email']).where('id', '=', task.assignee_id).executeTakeFirst();
  if (!assignee?.email || assignee.email.toLowerCase() !== fromAddress.toLowerCase()) return;
  const now = isoNow(ctx.clock);
  await taskRows.in(ctx).update(task, { status: 'acknowledged', ...stampsFor('assigned', 'acknowledged', now) }, { audit: { action: 'status' } });
  await taskNoteRows.in(ctx).insert(
    { org_id: task.org_id, branch_id: task.branch_id, task_id: task.id, at: now, person_id: assignee.id, kind: 'change', text: JSON.stringify({ status: 'acknowledged', via: 'email' }), mail_from: null, mail_subject: null, message_id: null },
    { audit: false },
  );
  await ctx.db.updateTable('task_notice').set({ acknowledged_at: now, acknowledged_via: 'email' }).where('task_id', '=', task.id).where('employee_id', '=', assignee.id).where('acknowledged_at', 'is', null).execute();
}
