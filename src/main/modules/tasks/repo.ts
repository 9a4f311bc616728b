import { sql, type Expression, type SqlBool } from 'kysely';
import { z } from 'zod';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { inScope } from '../../api/scope';
import { likeLiteral } from '../../db/like';
import type { taskListInput, TaskDetail, TaskRow } from '../../../shared/api/tasks';
import { foldKey } from '../../../shared/rules/text';
import type { TaskPriority, TaskSource, TaskStatus } from '../../../shared/rules/tasks/status';
import type { TaskDbRow } from './register';

type ListInput = z.output<typeof taskListInput>;


function base(ctx: Ctx) {
  return ctx.db
    .selectFrom('task as t')
    .leftJoin('app_user as a', 'a.id', 't.assignee_id')
    .leftJoin('app_user as r', 'r.id', 't.responsible_id')
    .leftJoin('task_type as ty', 'ty.id', 't.type_id')
    .selectAll('t')
    .select(['a.name as assignee_name', 'r.name as responsible_name', 'ty.name as type_name'])
    .where('t.deleted_at', 'is', null)
    .where(inScope(me(ctx), { org: 't.org_id', branch: 't.branch_id' }));
}

type Joined = TaskDbRow & { assignee_name: string | null; responsible_name: string | null; type_name: string | null };

export function toRow(r: Joined): TaskRow {
  return {
    id: r.id,
    version: r.version,
    branchId: r.branch_id,
    clientId: r.client_id,
    priority: r.priority as TaskPriority,
    status: r.status as TaskStatus,
    source: r.source as TaskSource,
    clientReview: r.client_review === 1,
    docDate: r.doc_date,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    number: r.number,
    clientName: r.client_name,
    clientEmail: r.client_email,
    clientPhone: r.client_phone,
    address: r.address,
    typeId: r.type_id,
    typeName: r.type_name,
    subject: r.subject,
    description: r.description,
    dueDate: r.due_date,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    responsibleId: r.responsible_id,
    responsibleName: r.responsible_name,
    requestedAssigneeId: r.requested_assignee_id,
    assignedAt: r.assigned_at,
    acknowledgedAt: r.acknowledged_at,
    startedAt: r.started_at,
    submittedAt: r.submitted_at,
    doneAt: r.done_at,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    provisionalNumber: r.provisional_number,
  };
}

/**
 * The quick search of tasks (board and grid alike): the client's name folded, the number (or the provisional one it had), the subject, the sender's
 * address, or the web form's reference the client quotes on the phone.
 */
export function taskSearch(search: string): Expression<SqlBool> {
  const key = `%${likeLiteral(foldKey(search))}%`;
  const raw = `%${likeLiteral(search.toLowerCase())}%`;
  // An uncorrelated list: SQLite builds it once per query, not once per task row.
  const byReference = sql`t.id in (select w.task_id from task_web_intake w where w.deleted_at is null and lower(w.reference) like ${raw} escape '\\')`;
  return sql<SqlBool>`(t.client_name_key like ${key} escape '\\' or lower(coalesce(t.number, '')) like ${raw} escape '\\' or lower(coalesce(t.provisional_number, '')) like ${raw} escape '\\' or lower(coalesce(t.subject, '')) like ${raw} escape '\\' or lower(coalesce(t.client_email, '')) like ${raw} escape '\\' or ${byReference})`;
}

/** Open work before history (done, cancelled); within each, urgent first, then the nearest due date (none last), then the newest. */
export async function listTasks(ctx: Ctx, input: ListInput): Promise<{ rows: TaskRow[]; total: number }> {
  let q = base(ctx);
  if (input.branchId) q = q.where('t.branch_id', '=', input.branchId);
  if (input.statuses?.length) q = q.where('t.status', 'in', input.statuses);
  if (input.priority) q = q.where('t.priority', '=', input.priority);
  if (input.assigneeId) q = q.where('t.assignee_id', '=', input.assigneeId);
  const search = input.q?.trim();
  if (search) q = q.where(taskSearch(search));
  const total = Number((await q.clearSelect().select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .orderBy(sql`t.status in ('done', 'cancelled')`)
    .orderBy('t.priority_rank')
    .orderBy(sql`t.due_date is null`)
    .orderBy('t.due_date')
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return { rows: rows.map((r) => toRow(r as Joined)), total };
}

/** The conversation a chat's task came from and the request it continues, with that request's number as people say it. */
async function chatLinkOf(ctx: Ctx, id: string): Promise<TaskDetail['chatLink']> {
  const link = await ctx.db.selectFrom('task').select(['chat_conversation_id', 'request_kind', 'request_id']).where('id', '=', id).executeTakeFirst();
  if (!link?.chat_conversation_id) return null;
  const kind = link.request_kind === 'intervention' || link.request_kind === 'task' ? link.request_kind : null;
  const request = kind && link.request_id ? await ctx.db.selectFrom(kind).select(['number', 'provisional_number']).where('id', '=', link.request_id).executeTakeFirst() : undefined;
  return { conversationId: link.chat_conversation_id, requestKind: kind, requestId: link.request_id, requestNumber: request ? (request.number ?? request.provisional_number) : null };
}

export async function taskDetail(ctx: Ctx, id: string, field = 'id'): Promise<TaskDetail> {
  const r = await base(ctx).where('t.id', '=', id).executeTakeFirst();
  if (!r) throw fail.notFound('task_not_found', field);
  const notes = await ctx.db
    .selectFrom('task_note as n')
    .leftJoin('app_user as u', 'u.id', 'n.person_id')
    .select(['n.id', 'n.at', 'n.kind', 'n.text', 'n.person_id', 'u.name as person_name', 'n.mail_from', 'n.mail_subject'])
    .where('n.task_id', '=', id)
    .where('n.deleted_at', 'is', null)
    .orderBy('n.at')
    // Ids of one millisecond are not in write order; the rowid is.
    .orderBy(sql`n.rowid`)
    .execute();
  const files = await ctx.db
    .selectFrom('task_attachment')
    .select(['id', 'note_id', 'file_name', 'mime', 'size', 'content_id'])
    .where('task_id', '=', id)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy(sql`rowid`)
    .execute();
  const web = await ctx.db.selectFrom('task_web_intake').select('reference').where('task_id', '=', id).where('deleted_at', 'is', null).orderBy('received_at').executeTakeFirst();
  const branch = await ctx.db.selectFrom('branch').select('time_zone').where('id', '=', r.branch_id).executeTakeFirstOrThrow();
  return {
    chatLink: await chatLinkOf(ctx, id),
    ...toRow(r as Joined),
    webReference: web?.reference ?? null,
    timeZone: branch.time_zone,
    timeline: notes.map((n) => ({
      id: n.id,
      at: n.at,
      kind: n.kind as TaskDetail['timeline'][number]['kind'],
      text: n.text,
      personId: n.person_id,
      personName: n.person_name,
      mailFrom: n.mail_from,
      mailSubject: n.mail_subject,
    })),
    attachments: files.map((f) => ({ id: f.id, noteId: f.note_id, fileName: f.file_name, mime: f.mime, size: f.size, inline: f.content_id !== null })),
  };
}
