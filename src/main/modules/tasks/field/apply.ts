import { sql } from 'kysely';
import { inJob, type JobDeps } from '../../../api/jobCtx';
import type { Ctx } from '../../../api/context';
import { AppError } from '../../../api/errors';
import { loadSessionUser } from '../../../auth/sessions';
import type { Clock } from '../../../clock';
import type { FieldActionApplier, FieldPhoto } from '../../../sync';
import type { FieldAction } from '../../../../shared/sync/field';
import { periodOf } from '../../../../shared/rules/periods';
import { decideFieldAction, type FieldDecision } from '../../../../shared/rules/tasks/fieldActions';
import { stampsFor, type TaskStatus } from '../../../../shared/rules/tasks/status';
import { isLocked } from '../../periods';
import { tickItem } from '../checklist';
import { tellClient } from '../notify';
import { fieldOutcomeRows, taskAttachmentRows, taskNoteRows, taskRows } from '../tables';
import { startFromPhone, stopFromPhone } from '../time/phone';
import type { TaskDbRow } from '../register';

const at = (ms: number) => new Date(ms).toISOString();

/** What the phone page says of a refusal the desk's rules did not word themselves. */
const REASON_KEY: Record<Extract<FieldDecision, { do: 'refuse' }>['reason'], string> = {
  not_assignee: 'taskField.refusedNotYours',
  task_gone: 'errors.task_not_found',
  task_final: 'errors.task_final',
  period_locked: 'taskField.refusedLocked',
  empty: 'taskField.badRequest',
};

interface Outcome {
  outcome: 'applied' | 'nothing' | 'refused' | 'unknown';
  reason?: string;
  params?: Record<string, string | number>;
}

/**
 * The timer, checklist and photo kinds run the desk's own rules as the employee, with the clock at the phone's time.
 * Each runs inside a savepoint: a refusal undoes what it began and the page of actions goes on.
 */
async function asEmployee(ctx: Ctx, a: FieldAction, task: TaskDbRow, decision: FieldDecision, photo: FieldPhoto | undefined, realNow: number): Promise<Outcome> {
  const user = await loadSessionUser(ctx.db, a.employeeId);
  if (!user) return { outcome: 'refused', reason: REASON_KEY.not_assignee };
  const phoneClock: Clock = { now: () => a.at };
  const as: Ctx = { ...ctx, user, clock: phoneClock };
  await sql`savepoint field_action`.execute(ctx.db);
  try {
    let outcome: Outcome = { outcome: 'applied' };
    if (decision.do === 'timer_start') await startFromPhone(as, task.id, a.id, at(realNow));
    if (decision.do === 'timer_stop') outcome = { outcome: await stopFromPhone(as, task.id) };
    if (decision.do === 'check') await tickItem(as, { taskId: task.id, itemId: decision.itemId, checked: decision.checked });
    if (decision.do === 'photo') {
      if (!photo) return { outcome: 'refused', reason: 'taskField.photoMissing' };
      // The attachment takes the action's id: the page sees its photo arrive in the hub's cells under that id.
      await taskAttachmentRows.in(as).insert({ id: a.id, org_id: task.org_id, branch_id: task.branch_id, task_id: task.id, note_id: null, file_name: photo.name, mime: photo.mime, size: photo.data.length, content_id: null, data: photo.data });
    }
    await sql`release field_action`.execute(ctx.db);
    return outcome;
  } catch (e) {
    await sql`rollback to field_action`.execute(ctx.db);
    await sql`release field_action`.execute(ctx.db);
    if (e instanceof AppError) return { outcome: 'refused', reason: e.error.key, params: e.error.params };
    throw e;
  }
}

/** One action inside the page's transaction; the decision and its outcome are remembered by the action's id. */
async function applyOne(ctx: Ctx, orgId: string, a: FieldAction, photos: ReadonlyMap<string, FieldPhoto>, realNow: number): Promise<void> {
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
  let result: Outcome =
    decision.do === 'refuse' ? { outcome: 'refused', reason: REASON_KEY[decision.reason] } : decision.do === 'unknown' ? { outcome: 'unknown' } : decision.do === 'nothing' ? { outcome: 'nothing' } : { outcome: 'applied' };
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
  if (task && (decision.do === 'timer_start' || decision.do === 'timer_stop' || decision.do === 'check' || decision.do === 'photo')) {
    result = await asEmployee(ctx, a, task, decision, photos.get(a.id), realNow);
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
  const outcome = result.outcome === 'refused' ? `refused:${decision.do === 'refuse' ? decision.reason : (result.reason ?? '').replace(/^errors\./, '')}` : result.outcome === 'nothing' ? 'applied' : result.outcome;
  await ctx.db.insertInto('task_field_action').values({ action_id: a.id, org_id: orgId, task_id: a.taskId, kind: a.kind, outcome, applied_at: at(realNow) }).execute();
  await fieldOutcomeRows.in(ctx).insert(
    {
      id: a.id,
      org_id: orgId,
      branch_id: task?.branch_id ?? a.branchId,
      task_id: a.taskId,
      employee_id: a.employeeId,
      kind: a.kind,
      outcome: result.outcome,
      reason: result.reason ?? null,
      params: result.params ? JSON.stringify(result.params) : null,
      acted_at: when,
    },
    { audit: false },
  );
}

/** The tasks module's side of the sync round's field step. */
export function fieldActionApplier(deps: JobDeps): FieldActionApplier {
  return {
    async cursor(orgId) {
      return (await deps.db.selectFrom('task_field_cursor').select('cursor').where('org_id', '=', orgId).executeTakeFirst())?.cursor ?? 0;
    },
    async apply(orgId, actions, cursor, photos = new Map()) {
      await inJob(deps, orgId, async (ctx) => {
        for (const a of actions) await applyOne(ctx, orgId, a, photos, deps.clock.now());
        await ctx.db
          .insertInto('task_field_cursor')
          .values({ org_id: orgId, cursor })
          .onConflict((oc) => oc.column('org_id').doUpdateSet({ cursor }))
          .execute();
      });
    },
  };
}
