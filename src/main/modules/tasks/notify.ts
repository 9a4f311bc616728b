import type { Ctx } from '../../api/context';
import { isoNow } from '../../clock';
import { enqueueMail, isLanguage, mailConfigured, mailText, orgLanguage } from '../../mail';
import type { Language } from '../../../shared/i18n/languages';
import type { TaskStatus } from '../../../shared/rules/tasks/status';
import type { TaskDbRow } from './register';
import { taskNoteRows } from './tables';
import { noticeEmployee } from './field/notices';

/** What the client hears of, as the seed says: registered, given to someone, completed. */
export type ClientNotice = 'registered' | 'assigned' | 'done';

/** The notice a write causes, if any: a new task, a move into "assigned" (or a new assignee there), into "done". */
export function noticeOf(before: Pick<TaskDbRow, 'status' | 'assignee_id'> | null, after: Pick<TaskDbRow, 'status' | 'assignee_id'>): ClientNotice | null {
  if (!before) return 'registered';
  const status = after.status as TaskStatus;
  if (status === 'done' && before.status !== 'done') return 'done';
  if (status === 'assigned' && (before.status !== 'assigned' || before.assignee_id !== after.assignee_id)) return 'assigned';
  return null;
}

async function languageOf(ctx: Ctx, task: TaskDbRow): Promise<Language> {
  const client = await ctx.db.selectFrom('client').select('preferred_language').where('id', '=', task.client_id).executeTakeFirst();
  if (isLanguage(client?.preferred_language)) return client.preferred_language;
  return orgLanguage(ctx, task.org_id);
}

/**
 * Queues the client's e-mail in the write's own transaction (the outbox sends it after commit, with retries) and puts
 * it on the task's timeline. The number in brackets in the subject is what threads the client's reply back.
 */
export async function tellClient(ctx: Ctx, before: TaskDbRow | null, after: TaskDbRow): Promise<void> {
  // The employee the task was just given to hears of it too (their own notice, their own channel).
  await noticeEmployee(ctx, before, after);
  const notice = noticeOf(before, after);
  if (!notice || !after.client_email || !(await mailConfigured(ctx.db, after.org_id))) return;
  const lang = await languageOf(ctx, after);
  const number = after.number ?? '';
  let assignee = '';
  if (notice === 'assigned' && after.assignee_id) assignee = (await ctx.db.selectFrom('app_user').select('name').where('id', '=', after.assignee_id).executeTakeFirst())?.name ?? '';
  const topic = after.subject ?? mailText(lang, 'task.noSubject');
  // The same shape in every language: the intake finds "[number]" in whatever the client's mail program makes of it.
  const subject = number ? `[${number}] ${topic}` : topic;
  const body = [mailText(lang, 'greeting', { name: after.client_name }), '', mailText(lang, `task.${notice}`, { number: number || topic, assignee }), '', mailText(lang, 'task.replyHint'), ''].join('\n');
  await enqueueMail(ctx, { orgId: after.org_id, to: after.client_email, subject, body, refEntity: 'task', refId: after.id });
  await taskNoteRows.in(ctx).insert(
    { org_id: after.org_id, branch_id: after.branch_id, task_id: after.id, at: isoNow(ctx.clock), person_id: null, kind: 'email_out', text: body, mail_from: null, mail_subject: subject, message_id: null },
    { audit: false },
  );
}
