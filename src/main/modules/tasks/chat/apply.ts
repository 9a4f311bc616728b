import { sql } from 'kysely';
import { inJob, type JobDeps } from '../../../api/jobCtx';
import type { Ctx } from '../../../api/context';
import { AppError } from '../../../api/errors';
import { serviceKey } from '../../../api/services';
import { isoNow } from '../../../clock';
import { mailText, orgLanguage } from '../../../mail';
import type { Language } from '../../../../shared/i18n/languages';
import { chatTaskPayload, type ChatAction, type ChatTaskPayload } from '../../../../shared/chat/actions';
import { registerTask } from '../register';
import { taskNoteRows } from '../tables';
import { TASK_NOTICES } from '../field/notices';

/** Applies the hub chat's actions on this desktop: a page of them and the cursor after them commit together. */
export interface ChatActionApplier {
  cursor(orgId: string): Promise<number>;
  apply(orgId: string, actions: readonly ChatAction[], cursor: number): Promise<void>;
}
export const CHAT_ACTIONS = serviceKey<ChatActionApplier>('tasks.chatActions');

function description(lang: Language, p: ChatTaskPayload, requestNumber: string): string {
  const a = p.answers;
  const lines = [mailText(lang, 'chatTask.visitor'), ''];
  if (a.topic) lines.push(mailText(lang, 'chatTask.topic', { value: a.topic }));
  if (a.phone) lines.push(mailText(lang, 'chatTask.phone', { value: a.phone }));
  if (a.email) lines.push(mailText(lang, 'chatTask.email', { value: a.email }));
  if (p.page) lines.push(mailText(lang, 'chatTask.page', { value: p.page }));
  lines.push(mailText(lang, 'chatTask.continues', { kind: mailText(lang, `chatTask.kind.${p.request.kind}`), number: requestNumber }));
  return lines.join('\n');
}

/** The request's number as people say it (an intervention's or task's number), else its id. */
async function requestNumber(ctx: Ctx, p: ChatTaskPayload): Promise<string> {
  const table = p.request.kind === 'intervention' ? 'intervention' : 'task';
  const r = await ctx.db.selectFrom(table).select(['number', 'provisional_number']).where('id', '=', p.request.id).executeTakeFirst();
  return r?.number ?? r?.provisional_number ?? p.request.id;
}

/**
 * The text message the responsible person asked for goes through the task notices: the new task's notice (made by
 * the registration for its assignee) is set to include SMS, so the notices job sends it once, with the phone link.
 */
async function withSms(ctx: Ctx, taskId: string, userId: string): Promise<void> {
  const n = await ctx.db.selectFrom('task_notice').select(['id', 'channel']).where('task_id', '=', taskId).where('employee_id', '=', userId).executeTakeFirst();
  if (!n || n.channel === 'sms' || n.channel === 'both') return;
  await ctx.db
    .updateTable('task_notice')
    .set({ channel: n.channel === 'email' ? 'both' : 'sms', sent_at: null })
    .where('id', '=', n.id)
    .execute();
}

async function record(ctx: Ctx, orgId: string, a: ChatAction, taskId: string | null, outcome: string): Promise<void> {
  await ctx.db.insertInto('task_chat_action').values({ action_id: a.id, org_id: orgId, conversation_id: a.conversationId, task_id: taskId, outcome, applied_at: isoNow(ctx.clock) }).execute();
}

/**
 * One action inside the page's transaction. A `chat_task` registers a task for the client's responsible person through
 * the tasks' own registration, as the system, under the conversation's id (two desktops of the branch write one row): linked
 * to the client, the request and the conversation, urgent (a visitor is waiting), with a line on its timeline.
 */
export async function applyChatAction(ctx: Ctx, orgId: string, a: ChatAction): Promise<void> {
  if (await ctx.db.selectFrom('task_chat_action').select('action_id').where('action_id', '=', a.id).executeTakeFirst()) return;
  if (a.kind !== 'chat_task') return record(ctx, orgId, a, null, 'unknown');
  const parsed = chatTaskPayload.safeParse(a.payload);
  if (!parsed.success) return record(ctx, orgId, a, null, 'refused:bad_payload');
  const p = parsed.data;
  // The task takes the conversation's id (one task per conversation): made already by another desktop of the branch
  // and synced here, it is not made again.
  const taskId = a.conversationId;
  if (await ctx.db.selectFrom('task').select('id').where('id', '=', taskId).executeTakeFirst()) return record(ctx, orgId, a, taskId, 'applied');
  const lang = await orgLanguage(ctx, orgId);
  await sql`savepoint chat_action`.execute(ctx.db);
  try {
    const task = await registerTask(ctx, {
      id: taskId,
      orgId,
      branchId: a.branchId,
      clientId: p.clientId,
      priority: 'urgent',
      typeId: null,
      subject: mailText(lang, 'chatTask.subject', { name: p.answers.name || mailText(lang, 'chatTask.noName') }),
      description: description(lang, p, await requestNumber(ctx, p)),
      dueDate: null,
      address: null,
      assigneeId: p.userId,
      requestedAssigneeId: null,
      source: 'chat',
      clientReview: false,
      chat: { conversationId: a.conversationId, requestKind: p.request.kind, requestId: p.request.id },
    });
    await taskNoteRows.in(ctx).insert(
      { org_id: orgId, branch_id: task.branch_id, task_id: task.id, at: isoNow(ctx.clock), person_id: null, kind: 'note', text: mailText(lang, 'chatTask.timeline'), mail_from: null, mail_subject: null, message_id: null },
      { audit: false },
    );
    if (p.sms) await withSms(ctx, task.id, p.userId);
    await sql`release chat_action`.execute(ctx.db);
    await record(ctx, orgId, a, task.id, 'applied');
    // Published after the page's commit, to the responsible person's windows only: their pop-up opens the task.
    const client = await ctx.db.selectFrom('client').select('name').where('id', '=', p.clientId).executeTakeFirst();
    ctx.emit('tasks.fromChat', { taskId: task.id, number: task.number ?? task.provisional_number ?? null, clientName: client?.name ?? p.answers.name ?? null, conversationId: a.conversationId }, { userId: p.userId });
  } catch (e) {
    await sql`rollback to chat_action`.execute(ctx.db);
    await sql`release chat_action`.execute(ctx.db);
    if (e instanceof AppError) return record(ctx, orgId, a, null, `refused:${e.error.key.replace(/^errors\./, '')}`);
    throw e;
  }
}

/** The tasks module's side of the sync round's chat step. */
export function chatActionApplier(deps: JobDeps): ChatActionApplier {
  return {
    async cursor(orgId) {
      return (await deps.db.selectFrom('task_chat_cursor').select('cursor').where('org_id', '=', orgId).executeTakeFirst())?.cursor ?? 0;
    },
    async apply(orgId, actions, cursor) {
      await inJob(deps, orgId, async (ctx) => {
        for (const a of actions) await applyChatAction(ctx, orgId, a);
        await ctx.db
          .insertInto('task_chat_cursor')
          .values({ org_id: orgId, cursor })
          .onConflict((oc) => oc.column('org_id').doUpdateSet({ cursor }))
          .execute();
      });
      // The new tasks' notices go at once, not at the job's next turn.
      if (actions.length) deps.services.get(TASK_NOTICES).kick();
    },
  };
}

/** Pulls and applies the chat actions of this device's branches until none wait. */
export async function pullChatActions(call: (cursor: number) => Promise<{ actions: ChatAction[]; cursor: number; more: boolean }>, orgId: string, applier: ChatActionApplier): Promise<number> {
  let applied = 0;
  for (;;) {
    const res = await call(await applier.cursor(orgId));
    await applier.apply(orgId, res.actions, res.cursor);
    applied += res.actions.length;
    if (!res.more) return applied;
  }
}
