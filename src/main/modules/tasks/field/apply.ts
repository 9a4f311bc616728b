import { inJob, type JobDeps } from '../../../api/jobCtx';
import type { Ctx } from '../../../api/context';
import type { FieldActionApplier } from '../../../sync';
import type { FieldAction } from '../../../../shared/sync/field';
import { periodOf } from '../../../../shared/rules/periods';
import { decideFieldAction } from '../../../../shared/rules/tasks/fieldActions';
import { stampsFor, type TaskStatus } from '../../../../shared/rules/tasks/status';
import { isLocked } from '../../periods';
import { tellClient } from '../notify';
import { taskNoteRows, taskRows } from '../tables';

const at = (ms: number) => new Date(ms).toISOString();

/** One action inside the page's transaction; the decision and its outcome are remembered by the action's id. */
async function applyOne(ctx: Ctx, orgId: string, a: FieldAction): Promise<void> {
  const seen = await ctx.db.selectFrom('task_field_action').select('action_id').where('action_id', '=', a.id).executeTakeFirst();
  if (seen) return;
  const task = await ctx.db.selectFrom('task').selectAll().where('id', '=', a.taskId).where('org_id', '=', orgId).where('deleted_at', 'is', null).executeTakeFirst();
  const decision = decideFieldAction({
    kind: a.kind,
    employeeId: a.employeeId,
    text: a.text,
    task: task ? { status: task.status as TaskStatus, assigneeId: task.assignee_id } : null,
    periodLocked: task ? await isLocked(ctx, orgId, periodOf(task.doc_date)) : false,
  });
  // The phone's time, not the pull's: the employee acknowledged when they tapped, however late the office heard it.
  const when = at(a.at);
  if (task && decision.do === 'acknowledge') {
    const after = await taskRows.in(ctx).update(task, { status: 'acknowledged', ...stampsFor('assigned', 'acknowledged', when) }, { audit: { action: 'status' } });
    await taskNoteRows.in(ctx).insert(
      { org_id: orgId, branch_id: task.branch_id, task_id: task.id, at: when, person_id: a.employeeId, kind: 'change', text: JSON.stringify({ status: 'acknowledged', via: 'phone' }), mail_from: null, mail_subject: null, message_id: null },
      { audit: false },
    );
    await tellClient(ctx, task, after);
  }
  if (task && decision.do === 'note') {
    // The note takes the action's id: the phone page sees its note arrive in the hub's cells under that id.
    await taskNoteRows.in(ctx).insert({ id: a.id, org_id: orgId, branch_id: task.branch_id, task_id: task.id, at: when, person_id: a.employeeId, kind: 'note', text: a.text!.trim(), mail_from: null, mail_subject: null, message_id: null });
  }
  if (task && (decision.do === 'acknowledge' || decision.do === 'nothing') && a.kind === 'acknowledge') {
    await ctx.db
      .updateTable('task_notice')
      .set({ acknowledged_at: when, acknowledged_via: 'phone' })
      .where('task_id', '=', task.id)
      .where('employee_id', '=', a.employeeId)
      .where('acknowledged_at', 'is', null)
      .execute();
  }
  const outcome = decision.do === 'refuse' ? `refused:${decision.reason}` : decision.do === 'unknown' ? 'unknown' : 'applied';
  await ctx.db.insertInto('task_field_action').values({ action_id: a.id, org_id: orgId, task_id: a.taskId, kind: a.kind, outcome, applied_at: at(ctx.clock.now()) }).execute();
}

/** The tasks module's side of the sync round's field step. */
export function fieldActionApplier(deps: JobDeps): FieldActionApplier {
  return {
    async cursor(orgId) {
      return (await deps.db.selectFrom('task_field_cursor').select('cursor').where('org_id', '=', orgId).executeTakeFirst())?.cursor ?? 0;
    },
    async apply(orgId, actions, cursor) {
      await inJob(deps, orgId, async (ctx) => {
        for (const a of actions) await applyOne(ctx, orgId, a);
        await ctx.db
          .insertInto('task_field_cursor')
          .values({ org_id: orgId, cursor })
          .onConflict((oc) => oc.column('org_id').doUpdateSet({ cursor }))
          .execute();
      });
    },
  };
}
