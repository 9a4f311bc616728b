import type { Ctx } from '../api/context';
import type { SessionUser } from '../../shared/api/auth';
import { chatTaskActionId, type ChatTaskPayload } from '../../shared/chat/actions';
import { newId } from '../db/ids';
import { applyChatAction } from '../modules/tasks';
import { MINUTE } from './slots';

/** How many of the demo's clients wrote in the website chat about an open request this morning. */
export const DEMO_CHAT_TASKS = 4;

const PAGES = ['https://demo.planora.example/services/boilers', 'https://demo.planora.example/prices', 'https://demo.planora.example/contact', 'https://demo.planora.example/maintenance'];

/**
 * Tasks the website chat made: known clients with an open task wrote in the chat, and the hub routed each to the
 * task's responsible person, whose desktop registered a linked task (as it does for the hub's queued action) — so the
 * board shows chat-made tasks beside the web form's and the mailbox's.
 */
export async function loadChatTasks(base: Ctx, o: { now: number; owner: SessionUser }): Promise<number> {
  const open = await base.db
    .selectFrom('task')
    .select(['id', 'branch_id', 'client_id', 'client_name', 'client_phone', 'client_email', 'responsible_id', 'subject'])
    .where('org_id', '=', o.owner.orgId)
    .where('status', 'in', ['new', 'assigned', 'acknowledged'])
    .where('responsible_id', 'is not', null)
    .where('deleted_at', 'is', null)
    .orderBy('doc_date', 'desc')
    .orderBy('id')
    .limit(60)
    .execute();
  const seen = new Set<string>();
  let made = 0;
  for (const t of open) {
    if (made >= DEMO_CHAT_TASKS) break;
    if (seen.has(t.client_id)) continue;
    seen.add(t.client_id);
    const at = o.now - (DEMO_CHAT_TASKS - made) * 17 * MINUTE;
    const ctx: Ctx = { ...base, clock: { now: () => at } };
    const conversationId = newId(ctx.clock);
    const payload: ChatTaskPayload = {
      userId: t.responsible_id!,
      clientId: t.client_id,
      request: { kind: 'task', id: t.id },
      answers: { name: t.client_name.split(' ')[0], ...(t.client_phone ? { phone: t.client_phone } : {}), ...(t.client_email ? { email: t.client_email } : {}), ...(t.subject ? { topic: t.subject } : {}) },
      page: PAGES[made % PAGES.length]!,
      sms: false,
    };
    await applyChatAction(ctx, o.owner.orgId, { id: chatTaskActionId(conversationId), seq: made + 1, kind: 'chat_task', conversationId, branchId: t.branch_id, at, payload });
    made += 1;
  }
  return made;
}
