import type { Selectable } from 'kysely';
import type { Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import type { TaskTable } from '../../db/schema';
import { isoNow } from '../../clock';
import { periodOf } from '../../../shared/rules/periods';
import { foldKey } from '../../../shared/rules/text';
import { todayIn } from '../../../shared/rules/zonedTime';
import { initialStatus, PRIORITY_RANK, responsibleOf, type TaskPriority, type TaskSource, type TaskStatus } from '../../../shared/rules/tasks/status';
import { isLocked } from '../periods';
import { defaultSeriesId, takeNumbering } from '../series';
import { tellClient } from './notify';
import { applyTemplate } from './checklist';
import { taskNoteRows, taskRows } from './tables';

export type TaskDbRow = Selectable<TaskTable>;

/** A task as every intake gives it: by hand (after the caller's checks), from a mailbox or, later, the web form. */
export interface NewTask {
  orgId: string;
  branchId: string;
  clientId: string;
  priority: TaskPriority;
  typeId: string | null;
  subject: string | null;
  description: string | null;
  dueDate: string | null;
  address: string | null;
  assigneeId: string | null;
  requestedAssigneeId: string | null;
  source: TaskSource;
  clientReview: boolean;
  /** A task made for an action that may be applied on two desktops takes that action's id: both write one row. */
  id?: string;
  /** Made from a website chat: the conversation, and the client's request it continues. */
  chat?: { conversationId: string; requestKind: 'intervention' | 'task'; requestId: string };
}

/** The client's columns a task keeps, read by organization (the intake has no session). */
export async function clientColumns(ctx: Ctx, orgId: string, clientId: string, field = 'clientId') {
  const c = await ctx.db.selectFrom('client').select(['id', 'name']).where('id', '=', clientId).where('org_id', '=', orgId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!c) throw fail.notFound('client_not_found', field);
  const email = await ctx.db.selectFrom('client_email').select('address').where('client_id', '=', clientId).where('deleted_at', 'is', null).orderBy('position').executeTakeFirst();
  const phone = await ctx.db.selectFrom('client_phone').select('number').where('client_id', '=', clientId).where('deleted_at', 'is', null).orderBy('position').executeTakeFirst();
  const address = await ctx.db.selectFrom('client_address').select(['street', 'locality']).where('client_id', '=', clientId).where('deleted_at', 'is', null).orderBy('position').executeTakeFirst();
  return {
    client_id: c.id,
    client_name: c.name,
    client_name_key: foldKey(c.name),
    client_email: email?.address ?? null,
    client_phone: phone?.number ?? null,
    defaultAddress: address ? [address.street, address.locality].filter(Boolean).join(', ') : null,
  };
}

/** Who a new request reaches in the branch: its dispatcher, else its manager. */
async function responsibleFor(ctx: Ctx, orgId: string, branchId: string, managerId: string | null): Promise<string | null> {
  const people = await ctx.db
    .selectFrom('user_branch as ub')
    .innerJoin('app_user as u', 'u.id', 'ub.user_id')
    .select(['u.id', 'u.role', 'u.name'])
    .where('ub.branch_id', '=', branchId)
    .where('ub.deleted_at', 'is', null)
    .where('u.org_id', '=', orgId)
    .where('u.active', '=', 1)
    .where('u.deleted_at', 'is', null)
    .execute();
  return responsibleOf(people, managerId);
}

/** A change on the task's timeline; the renderer words it in the reader's language. */
export async function changeNote(ctx: Ctx, task: TaskDbRow, change: { status?: TaskStatus; assigneeId?: string | null; reason?: string | null; verdict?: 'approved' | 'rejected' }): Promise<void> {
  await taskNoteRows.in(ctx).insert(
    { org_id: task.org_id, branch_id: task.branch_id, task_id: task.id, at: isoNow(ctx.clock), person_id: ctx.user?.id ?? null, kind: 'change', text: JSON.stringify(change), mail_from: null, mail_subject: null, message_id: null },
    { audit: false },
  );
}

/**
 * Registers a task inside the caller's transaction: the day on the branch's clock (a locked month refuses it), the
 * number from the branch's task series, the person it reaches, and the first line of its timeline.
 */
export async function registerTask(ctx: Ctx, t: NewTask): Promise<TaskDbRow> {
  const branch = await ctx.db.selectFrom('branch').select(['id', 'time_zone', 'manager_id']).where('id', '=', t.branchId).where('org_id', '=', t.orgId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!branch) throw fail.notFound('branch_not_found', 'branchId');
  const docDate = todayIn(branch.time_zone, ctx.clock.now());
  if (await isLocked(ctx, t.orgId, periodOf(docDate))) throw fail.lockedPeriod('period_locked', 'branchId', { month: periodOf(docDate) });
  const { defaultAddress, ...client } = await clientColumns(ctx, t.orgId, t.clientId);
  const seriesId = await defaultSeriesId(ctx, t.orgId, branch.id, 'task');
  const { number, provisional_number } = seriesId ? await takeNumbering(ctx, seriesId, t.orgId) : { number: null, provisional_number: null };
  const assignee = t.assigneeId ?? t.requestedAssigneeId;
  const status = initialStatus(assignee);
  const now = isoNow(ctx.clock);
  const address = t.address ?? defaultAddress;
  const row = await taskRows.in(ctx).insert({
    ...(t.id ? { id: t.id } : {}),
    ...(t.chat ? { chat_conversation_id: t.chat.conversationId, request_kind: t.chat.requestKind, request_id: t.chat.requestId } : {}),
    org_id: t.orgId,
    branch_id: branch.id,
    series_id: seriesId ?? null,
    number,
    provisional_number,
    doc_date: docDate,
    ...client,
    client_review: t.clientReview ? 1 : 0,
    address,
    address_key: address ? foldKey(address) : null,
    priority: t.priority,
    priority_rank: PRIORITY_RANK[t.priority],
    type_id: t.typeId,
    subject: t.subject,
    description: t.description,
    due_date: t.dueDate,
    responsible_id: await responsibleFor(ctx, t.orgId, branch.id, branch.manager_id),
    assignee_id: assignee,
    requested_assignee_id: t.requestedAssigneeId,
    status,
    source: t.source,
    assigned_at: assignee ? now : null,
    acknowledged_at: null,
    started_at: null,
    submitted_at: null,
    done_at: null,
    cancelled_at: null,
    cancel_reason: null,
  });
  await changeNote(ctx, row, { status, assigneeId: assignee });
  if (row.type_id) await applyTemplate(ctx, row);
  await tellClient(ctx, null, row);
  return row;
}
