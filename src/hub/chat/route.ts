import type { Kysely, Transaction } from 'kysely';
import { chatTaskActionId, type ChatTaskPayload } from '../../shared/chat/actions';
import type { ChatAnswers } from '../../shared/chat/protocol';
import { CHAT_STRATEGIES, routeConversation, type ChatStrategy, type RouteDecision } from '../../shared/chat/routing';
import type { HubDb } from '../db/open';
import type { HubDB } from '../db/schema';
import { queueChatAction } from '../store/chatActions';
import { rowOf } from '../store/taskView';
import { matchClient } from './clientMatch';
import { readStaff, type ChatStaff } from './staff';

type Trx = Transaction<HubDB> | Kysely<HubDB>;

export interface ChatPolicy {
  strategy: ChatStrategy;
  maxChatsEach: number;
  escalateAfterMinutes: number;
}

/** The organization's routing settings from its `chat_setting` row (its id is the organization's), or the desktop's defaults. */
export async function readPolicy(db: HubDb, orgId: string): Promise<ChatPolicy> {
  const r = await rowOf(db, orgId, 'chat_setting', orgId);
  const int = (v: unknown, d: number) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : d);
  return {
    strategy: (CHAT_STRATEGIES as readonly unknown[]).includes(r?.strategy) ? (r!.strategy as ChatStrategy) : 'experienced_first',
    maxChatsEach: Math.max(1, int(r?.max_chats_each, 3)),
    escalateAfterMinutes: int(r?.escalate_after_minutes, 5),
  };
}

/** Everything a routing decision needs, read before the write's transaction opens (reads never wait on it). */
export interface RoutingInput {
  decision: RouteDecision;
  staff: ChatStaff;
  /** The branch whose desktop makes the linked task (the request's). */
  branchId: string | null;
}

export async function decideRoute(db: HubDb, orgId: string, answers: ChatAnswers, now: number, knownClientId?: string | null): Promise<RoutingInput> {
  const [staff, policy] = await Promise.all([readStaff(db, orgId, now), readPolicy(db, orgId)]);
  const client = await matchClient(db, orgId, answers);
  const decision = routeConversation({ client: client ?? (knownClientId ? { clientId: knownClientId, openRequests: [] } : null), candidates: staff.candidates, policy });
  const branchId = decision.kind === 'responsible' ? (client?.branchOf.get(`${decision.request.kind}:${decision.request.id}`) ?? null) : null;
  return { decision, staff, branchId };
}

/**
 * Writes a decision onto a conversation that has no assignee yet (inside the caller's chat write, after its `rev`):
 * the assignee and the client, and for the client's responsible person the linked-task action. False when another
 * process routed it first.
 */
export async function applyRoute(trx: Trx, conv: { id: string; org_id: string; answers: string; page: string }, input: RoutingInput, rev: number, now: number): Promise<boolean> {
  const { decision } = input;
  const assignee = decision.kind === 'waiting' ? null : decision.userId;
  const r = await trx
    .updateTable('hub_chat_conversation')
    .set({ assignee_id: assignee, client_id: decision.clientId, rev })
    .where('id', '=', conv.id)
    .where('assignee_id', 'is', null)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  if (decision.kind === 'responsible' && input.branchId) {
    const payload: ChatTaskPayload = {
      userId: decision.userId,
      clientId: decision.clientId,
      request: decision.request,
      answers: JSON.parse(conv.answers) as ChatAnswers,
      page: conv.page,
      sms: input.staff.smsOnStart.has(decision.userId),
    };
    await queueChatAction(trx, { id: chatTaskActionId(conv.id), orgId: conv.org_id, branchId: input.branchId, kind: 'chat_task', conversationId: conv.id, payload, at: now });
  }
  return true;
}
