import type { Ctx } from '../../../api/context';
import { inJob, type JobDeps } from '../../../api/jobCtx';
import type { IntakeItem } from '../../../../shared/sync/intake';
import { toE164 } from '../../../../shared/rules/phone';
import { orgCountry } from '../../../rules/phone';
import { registerTask } from '../register';
import { requesterClient } from '../requester';
import { taskAttachmentRows, webIntakeRows } from '../tables';

/** The grid shows a subject: the request's first line, cut where a line in a grid ends anyway. */
const SUBJECT_CHARS = 120;

/** The employee the visitor asked for, if they still may be asked for: active, public on the web, in the branch. */
async function requestedEmployee(ctx: Ctx, orgId: string, branchId: string, id: string | null): Promise<string | null> {
  if (!id) return null;
  const row = await ctx.db
    .selectFrom('app_user as u')
    .innerJoin('user_branch as ub', 'ub.user_id', 'u.id')
    .select('u.id')
    .where('u.id', '=', id)
    .where('u.org_id', '=', orgId)
    .where('u.active', '=', 1)
    .where('u.public_on_web', '=', 1)
    .where('u.deleted_at', 'is', null)
    .where('ub.branch_id', '=', branchId)
    .where('ub.deleted_at', 'is', null)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * One web form submission as a task, in one transaction with its record: the client found by e-mail or phone (or
 * new, marked for review), the task registered through the tasks' one registration (the client's "registered" e-mail
 * goes to the outbox with it), the files attached. A submission whose record exists (pulled again because its
 * acknowledgement was lost) changes nothing.
 */
export async function takeSubmission(deps: JobDeps, orgId: string, item: IntakeItem): Promise<{ taskId: string; seen: boolean }> {
  const f = item.fields;
  return inJob(deps, orgId, async (ctx) => {
    const seen = await ctx.db.selectFrom('task_web_intake').select('task_id').where('org_id', '=', orgId).where('submission_id', '=', item.id).executeTakeFirst();
    if (seen) return { taskId: seen.task_id, seen: true };
    // A number that does not read as one is still kept as typed on a new client; only a real one finds a known client.
    const phone = f.phone ? (toE164(f.phone, await orgCountry(ctx.db, orgId)) ?? f.phone) : null;
    const client = await requesterClient(ctx, orgId, { name: f.name, email: f.email ? f.email.toLowerCase() : null, phone, via: 'web form', language: f.language });
    const task = await registerTask(ctx, {
      orgId,
      branchId: item.branchId,
      clientId: client.id,
      priority: f.priority,
      typeId: null,
      subject: f.description.split('\n')[0]!.trim().slice(0, SUBJECT_CHARS) || null,
      description: f.description,
      dueDate: null,
      address: f.address || null,
      assigneeId: null,
      requestedAssigneeId: await requestedEmployee(ctx, orgId, item.branchId, f.employeeId),
      source: 'web',
      clientReview: client.isNew,
    });
    for (const a of item.attachments) {
      const data = Buffer.from(a.data, 'base64');
      await taskAttachmentRows.in(ctx).insert({ org_id: orgId, branch_id: task.branch_id, task_id: task.id, note_id: null, file_name: a.name, mime: a.type, size: data.length, content_id: null, data });
    }
    await webIntakeRows.in(ctx).insert({ org_id: orgId, branch_id: task.branch_id, submission_id: item.id, task_id: task.id, reference: item.reference, received_at: new Date(item.receivedAt).toISOString() });
    return { taskId: task.id, seen: false };
  });
}
