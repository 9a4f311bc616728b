import { z } from 'zod';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { assertAssignable, loadInScope } from '../../api/scope';
import { isoNow } from '../../clock';
import { can } from '../../../shared/permissions';
import type { taskInput, TaskDetail } from '../../../shared/api/tasks';
import { foldKey } from '../../../shared/rules/text';
import { moveRefusal, PRIORITY_RANK, stampsFor, type TaskStatus } from '../../../shared/rules/tasks/status';
import { assertPeriodOpen } from '../periods';
import { clientColumns, changeNote, registerTask, type TaskDbRow } from './register';
import { taskDetail } from './repo';
import { tellClient } from './notify';
import { taskNoteRows, taskRows } from './tables';
import { applyTemplate, checklistFacts, tellRejected } from './checklist';
import { takesTemplate } from '../../../shared/rules/tasks/checklist';

type TaskInput = z.output<typeof taskInput>;

async function loadTask(ctx: Ctx, id: string, field = 'id'): Promise<TaskDbRow> {
  return taskRows.in(ctx).load(id, { key: 'task_not_found', field });
}

/** Every reference of a hand-made task, checked against the caller's organization and branches. */
async function checkRefs(ctx: Ctx, input: TaskInput): Promise<void> {
  const user = me(ctx);
  await loadInScope(ctx.db, user, 'branch', input.branchId, { key: 'branch_not_found', field: 'branchId' });
  await clientColumns(ctx, user.orgId, input.clientId);
  if (input.typeId) {
    const t = await ctx.db.selectFrom('task_type').select('id').where('id', '=', input.typeId).where('org_id', '=', user.orgId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!t) throw fail.validation('task_type_not_found', 'typeId');
  }
  for (const field of ['assigneeId', 'requestedAssigneeId'] as const) {
    const v = input[field];
    if (v) await assertAssignable(ctx.db, user, v, input.branchId, field);
  }
}

export async function createTask(ctx: Ctx, input: TaskInput): Promise<TaskDetail> {
  await checkRefs(ctx, input);
  const row = await registerTask(ctx, {
    orgId: me(ctx).orgId,
    branchId: input.branchId,
    clientId: input.clientId,
    priority: input.priority,
    typeId: input.typeId ?? null,
    subject: input.subject || null,
    description: input.description || null,
    dueDate: input.dueDate ?? null,
    address: input.address || null,
    assigneeId: input.assigneeId ?? null,
    requestedAssigneeId: input.requestedAssigneeId ?? null,
    source: 'manual',
    clientReview: false,
  });
  return taskDetail(ctx, row.id);
}

function assertOpenTask(row: TaskDbRow): void {
  if (row.status === 'done' || row.status === 'cancelled') throw fail.conflict('task_final', 'status');
}

/** The form's save: the task's fields. A change of assignee goes through the same rules as a move on the board. */
export async function updateTask(ctx: Ctx, id: string, version: number, input: TaskInput): Promise<TaskDetail> {
  const before = await loadTask(ctx, id);
  if (before.version !== version) throw fail.conflict('stale', 'version');
  assertOpenTask(before);
  await assertPeriodOpen(ctx, before.doc_date, 'docDate');
  if (input.branchId !== before.branch_id && before.number) throw fail.conflict('task_numbered_branch', 'branchId');
  await checkRefs(ctx, input);
  const { defaultAddress: _d, ...client } = await clientColumns(ctx, before.org_id, input.clientId);
  const assignee = input.assigneeId ?? null;
  let status = before.status as TaskStatus;
  // Taking the assignee away sends the task back to the dispatcher's column; giving one to a new task assigns it.
  if (!assignee && status !== 'new') status = 'new';
  if (assignee && status === 'new') status = 'assigned';
  const refusal = moveRefusal({ from: before.status as TaskStatus, to: status, assigneeId: assignee, mayApprove: true });
  if (refusal) throw fail.conflict(refusal, 'assigneeId');
  const address = input.address || null;
  const after = await taskRows.in(ctx).update(before, {
    branch_id: input.branchId,
    ...(client.client_id !== before.client_id ? { ...client, client_review: 0 } : {}),
    address,
    address_key: address ? foldKey(address) : null,
    priority: input.priority,
    priority_rank: PRIORITY_RANK[input.priority],
    type_id: input.typeId ?? null,
    subject: input.subject || null,
    description: input.description || null,
    due_date: input.dueDate ?? null,
    assignee_id: assignee,
    requested_assignee_id: input.requestedAssigneeId ?? null,
    status,
    ...stampsFor(before.status as TaskStatus, status, isoNow(ctx.clock)),
  });
  if (takesTemplate(before.status as TaskStatus, before.type_id, after.type_id)) await applyTemplate(ctx, after);
  if (status !== before.status || assignee !== before.assignee_id) await changeNote(ctx, after, { status, assigneeId: assignee });
  await tellClient(ctx, before, after);
  return taskDetail(ctx, id);
}

/** A move on the board or the form's status buttons: one rule for both (`moveRefusal`). */
export interface MoveInput {
  id: string;
  version: number;
  status: TaskStatus;
  assigneeId?: string | null;
  cancelReason?: string | null;
  /** A manager's verdict on a submitted checklist: the reason it goes back, or the comment it is approved with. */
  verdict?: { kind: 'rejected'; reason: string } | { kind: 'approved'; comment: string | null };
}

export async function moveTask(ctx: Ctx, input: MoveInput): Promise<TaskDetail> {
  const user = me(ctx);
  const before = await loadTask(ctx, input.id);
  if (before.version !== input.version) throw fail.conflict('stale', 'version');
  await assertPeriodOpen(ctx, before.doc_date, 'docDate');
  const assignee = input.assigneeId !== undefined ? input.assigneeId : before.assignee_id;
  if (assignee && assignee !== before.assignee_id) await assertAssignable(ctx.db, user, assignee, before.branch_id, 'assigneeId');
  const from = before.status as TaskStatus;
  const checklist = await checklistFacts(ctx, before.id);
  const rejectReason = input.verdict?.kind === 'rejected' ? input.verdict.reason : null;
  const refusal = moveRefusal({ from, to: input.status, assigneeId: assignee, cancelReason: input.cancelReason, mayApprove: can(user.role, 'tasks', 'approve'), checklist, rejectReason });
  if (refusal === 'task_checklist_open') throw fail.conflict(refusal, 'checklist', { item: checklist?.openRequired ?? '' });
  if (refusal) throw fail.conflict(refusal, refusal === 'task_cancel_reason' ? 'cancelReason' : refusal === 'task_needs_assignee' ? 'assigneeId' : refusal === 'task_reject_reason' ? 'reason' : 'status');
  // Back to "new" is the dispatcher taking the task back: nobody is on it any more.
  const nextAssignee = input.status === 'new' ? null : assignee;
  if (from === input.status && nextAssignee === before.assignee_id) return taskDetail(ctx, before.id);
  const after = await taskRows.in(ctx).update(
    before,
    { status: input.status, assignee_id: nextAssignee, ...stampsFor(from, input.status, isoNow(ctx.clock), input.cancelReason) },
    { audit: { action: 'status' } },
  );
  const verdict = input.verdict ? { verdict: input.verdict.kind, reason: input.verdict.kind === 'rejected' ? input.verdict.reason : input.verdict.comment } : {};
  await changeNote(ctx, after, { status: input.status, assigneeId: nextAssignee, reason: input.status === 'cancelled' ? (input.cancelReason?.trim() ?? null) : undefined, ...verdict });
  if (input.verdict?.kind === 'rejected') await tellRejected(ctx, after, input.verdict.reason);
  await tellClient(ctx, before, after);
  return taskDetail(ctx, after.id);
}

export async function addNote(ctx: Ctx, taskId: string, text: string): Promise<TaskDetail> {
  const task = await loadTask(ctx, taskId, 'taskId');
  await taskNoteRows.in(ctx).insert({ branch_id: task.branch_id, task_id: task.id, at: isoNow(ctx.clock), person_id: me(ctx).id, kind: 'note', text, mail_from: null, mail_subject: null, message_id: null });
  return taskDetail(ctx, task.id);
}

/** Only a task without a number goes; a numbered one is cancelled, so its series has no unexplained gap. */
export async function deleteTask(ctx: Ctx, id: string): Promise<void> {
  const before = await loadTask(ctx, id);
  if (before.number) throw fail.conflict('task_numbered_delete', 'id');
  await assertPeriodOpen(ctx, before.doc_date, 'docDate');
  await taskRows.in(ctx).remove(before);
}
