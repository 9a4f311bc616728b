import type { Selectable } from 'kysely';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { syncedRows } from '../../api/funnel';
import { isoNow } from '../../clock';
import type { TaskCheckItemTable } from '../../db/schema';
import { enqueueMail, isLanguage, mailConfigured, mailText } from '../../mail';
import type { CheckItem } from '../../../shared/api/taskChecklist';
import { firstOpenRequired, progressOf, tickRefusal, tickStamps } from '../../../shared/rules/tasks/checklist';
import type { TaskStatus } from '../../../shared/rules/tasks/status';
import { assertPeriodOpen } from '../periods';
import type { TaskDbRow } from './register';
import { taskRows } from './tables';

type ItemRow = Selectable<TaskCheckItemTable>;

export const checkItemRows = syncedRows({
  table: 'task_check_item',
  module: 'tasks',
  entity: 'task_check_item',
  summary: (i) => `${i.checked_at ? '[x]' : '[ ]'} ${i.text}`,
  announce: (ctx, w) => ctx.emit('tasks.changed', { ids: [w.after.task_id] }, { branchIds: [w.after.branch_id] }),
});

export const templateRows = syncedRows({ table: 'task_type_check_item', module: 'tasks', entity: 'task_type_check_item', summary: (i) => i.text });

async function liveItems(ctx: Ctx, taskId: string): Promise<ItemRow[]> {
  return ctx.db.selectFrom('task_check_item').selectAll().where('task_id', '=', taskId).where('deleted_at', 'is', null).orderBy('position').orderBy('id').execute();
}

/**
 * The task's list made anew from its type's template (inside the task's own write): the old items go as tombstones,
 * so a branch that synced them learns they went. Called at registration and on a change of type before work starts.
 */
export async function applyTemplate(ctx: Ctx, task: TaskDbRow): Promise<void> {
  const rows = checkItemRows.in(ctx);
  for (const old of await liveItems(ctx, task.id)) await rows.remove(old, { audit: false });
  if (!task.type_id) return;
  const template = await ctx.db.selectFrom('task_type_check_item').selectAll().where('type_id', '=', task.type_id).where('org_id', '=', task.org_id).where('deleted_at', 'is', null).orderBy('position').execute();
  for (const t of template) {
    await rows.insert(
      { org_id: task.org_id, branch_id: task.branch_id, task_id: task.id, text: t.text, position: t.position, required: t.required, checked_by: null, checked_at: null, note: null },
      { audit: false },
    );
  }
}

/** What the status rules need to know of a task's list: none (today's rules) or the first required item still open. */
export async function checklistFacts(ctx: Ctx, taskId: string): Promise<{ openRequired: string | null } | null> {
  const items = await liveItems(ctx, taskId);
  if (items.length === 0) return null;
  return { openRequired: firstOpenRequired(items.map((i) => ({ text: i.text, required: i.required === 1, checkedAt: i.checked_at }))) };
}

async function toOutput(ctx: Ctx, taskId: string) {
  const rows = await ctx.db
    .selectFrom('task_check_item as i')
    .leftJoin('app_user as u', 'u.id', 'i.checked_by')
    .selectAll('i')
    .select('u.name as checked_by_name')
    .where('i.task_id', '=', taskId)
    .where('i.deleted_at', 'is', null)
    .orderBy('i.position')
    .orderBy('i.id')
    .execute();
  const items: CheckItem[] = rows.map((r) => ({
    id: r.id,
    text: r.text,
    position: r.position,
    required: r.required === 1,
    checkedBy: r.checked_by,
    checkedByName: r.checked_by_name,
    checkedAt: r.checked_at,
    note: r.note,
  }));
  return { taskId, items, ...progressOf(items) };
}

export async function getChecklist(ctx: Ctx, taskId: string) {
  await taskRows.in(ctx).load(taskId, { key: 'task_not_found', field: 'taskId' });
  return toOutput(ctx, taskId);
}

/** One item ticked or unticked by the caller, now; the task's month must be open and the list not under review. */
export async function tickItem(ctx: Ctx, input: { taskId: string; itemId: string; checked: boolean; note?: string | null }) {
  const task = await taskRows.in(ctx).load(input.taskId, { key: 'task_not_found', field: 'taskId' });
  const refusal = tickRefusal(task.status as TaskStatus);
  if (refusal) throw fail.conflict(refusal, 'status');
  await assertPeriodOpen(ctx, task.doc_date, 'docDate');
  const rows = checkItemRows.in(ctx);
  const item = await rows.load(input.itemId, { key: 'task_check_item_not_found', field: 'itemId' });
  if (item.task_id !== task.id) throw fail.notFound('task_check_item_not_found', 'itemId');
  const stamps = tickStamps(input.checked, me(ctx).id, isoNow(ctx.clock));
  const note = input.note === undefined ? item.note : input.note || null;
  if ((item.checked_at !== null) !== input.checked || note !== item.note) await rows.update(item, { ...(Boolean(item.checked_at) === input.checked ? {} : stamps), note });
  return toOutput(ctx, task.id);
}

/**
 * The assignee hears that their task came back: a push to their windows and, where mail is set up and they have an
 * address, an e-mail in their language through the outbox (it commits with the rejection).
 */
export async function tellRejected(ctx: Ctx, task: TaskDbRow, reason: string): Promise<void> {
  if (!task.assignee_id) return;
  const by = me(ctx).name;
  ctx.emit('tasks.rejected', { taskId: task.id, number: task.number, reason, by }, { userId: task.assignee_id });
  const person = await ctx.db.selectFrom('app_user').select(['email', 'language', 'name']).where('id', '=', task.assignee_id).executeTakeFirst();
  if (!person?.email || !(await mailConfigured(ctx.db, task.org_id))) return;
  const lang = isLanguage(person.language) ? person.language : 'en';
  const number = task.number ?? task.subject ?? '';
  const body = [mailText(lang, 'greeting', { name: person.name }), '', mailText(lang, 'task.rejected', { number, by, reason }), ''].join('\n');
  await enqueueMail(ctx, { orgId: task.org_id, to: person.email, subject: mailText(lang, 'task.rejectedSubject', { number }), body, refEntity: 'task', refId: task.id });
}
