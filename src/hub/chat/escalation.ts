import { escalateSilence, escalationTargets, type EscalationTarget } from '../../shared/chat/routing';
import type { ChatAnswers } from '../../shared/chat/protocol';
import type { HubDb } from '../db/open';
import type { HubChatConversation } from '../db/schema';
import { conversationById, nextRev, type Stored } from '../store/chat';
import { applyRoute, decideRoute, readPolicy } from './route';
import type { ChatService } from './service';
import { readStaff } from './staff';

const hadBy = (c: Pick<HubChatConversation, 'had_by'>): string[] => (c.had_by ? (JSON.parse(c.had_by) as string[]) : []);

/**
 * Moves a conversation from `from` to `to`, remembering who had it. The claim is the conditional UPDATE: only while the
 * conversation is still at the `rev` the decision was made on, so of several hub processes deciding at once one moves
 * it and the others change nothing.
 */
export async function escalateTo(chat: ChatService, conv: HubChatConversation, to: string): Promise<Stored> {
  const now = chat.now();
  return chat.write(async (trx) => {
    const rev = await nextRev(trx, conv.org_id);
    const r = await trx
      .updateTable('hub_chat_conversation')
      .set({ assignee_id: to, had_by: JSON.stringify([...hadBy(conv), ...(conv.assignee_id ? [conv.assignee_id] : [])]), escalated_at: now, rev })
      .where('id', '=', conv.id)
      .where('rev', '=', Number(conv.rev))
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return { ok: false, code: 'chat.not_found' };
    return { ok: true, seq: Number(conv.last_seq), rev, orgId: conv.org_id, conversationId: conv.id };
  });
}

/** The last visitor's and operator's messages of conversations (deleted ones do not count as an answer). */
async function lastMessages(db: HubDb, ids: string[]): Promise<Map<string, { visitor: number | null; operator: number | null }>> {
  const out = new Map<string, { visitor: number | null; operator: number | null }>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('hub_chat_message')
    .select(['conversation_id', 'author', (eb) => eb.fn.max('created_at').as('at')])
    .where('conversation_id', 'in', ids)
    .where('deleted_at', 'is', null)
    .groupBy(['conversation_id', 'author'])
    .execute();
  for (const r of rows) {
    const e = out.get(r.conversation_id) ?? { visitor: null, operator: null };
    e[r.author] = Number(r.at);
    out.set(r.conversation_id, e);
  }
  return out;
}

/** Routes an organization's waiting conversations (no assignee) now that someone may be available. Returns how many. */
export async function routeWaiting(chat: ChatService, orgId: string): Promise<number> {
  const waiting = await chat.db.selectFrom('hub_chat_conversation').selectAll().where('org_id', '=', orgId).where('status', '=', 'open').where('assignee_id', 'is', null).orderBy('started_at').limit(50).execute();
  let routed = 0;
  for (const conv of waiting) {
    const now = chat.now();
    const input = await decideRoute(chat.db, orgId, JSON.parse(conv.answers) as ChatAnswers, now, conv.client_id);
    if (input.decision.kind === 'waiting') break;
    const r = await chat.write(async (trx) => {
      const rev = await nextRev(trx, orgId);
      return (await applyRoute(trx, conv, input, rev, now)) ? { ok: true, seq: Number(conv.last_seq), rev, orgId, conversationId: conv.id } : { ok: false, code: 'chat.not_found' };
    });
    if (r.ok) routed += 1;
  }
  return routed;
}

/**
 * One pass of the silence watch over every organization with open, assigned conversations: each whose visitor has
 * waited the organization's N minutes moves up to the next more experienced available colleague. Returns how many
 * moved (by this process). Waiting conversations are routed in the same pass (someone's working hours may have begun).
 */
export async function escalationPass(chat: ChatService): Promise<number> {
  const open = await chat.db.selectFrom('hub_chat_conversation').selectAll().where('status', '=', 'open').orderBy('org_id').limit(5000).execute();
  const byOrg = new Map<string, HubChatConversation[]>();
  for (const c of open) byOrg.set(c.org_id, [...(byOrg.get(c.org_id) ?? []), c]);
  let moved = 0;
  for (const [orgId, convs] of byOrg) {
    if (convs.some((c) => c.assignee_id === null)) await routeWaiting(chat, orgId);
    const assigned = convs.filter((c) => c.assignee_id !== null);
    if (assigned.length === 0) continue;
    const now = chat.now();
    const [policy, staff, last] = await Promise.all([readPolicy(chat.db, orgId), readStaff(chat.db, orgId, now), lastMessages(chat.db, assigned.map((c) => c.id))]);
    if (policy.escalateAfterMinutes <= 0) continue;
    for (const conv of assigned) {
      const l = last.get(conv.id);
      // The person it moved up to has their own N minutes: the wait counts from the later of the two.
      const visitorAt = l?.visitor ?? null;
      const d = escalateSilence({
        assigneeId: conv.assignee_id!,
        lastVisitorAt: visitorAt === null ? null : Math.max(visitorAt, conv.escalated_at === null ? 0 : Number(conv.escalated_at)),
        lastOperatorAt: l?.operator ?? null,
        escalateAfterMinutes: policy.escalateAfterMinutes,
        candidates: staff.candidates,
        alreadyHad: hadBy(conv),
        now,
      });
      if (d.kind !== 'escalate') continue;
      const r = await escalateTo(chat, { ...conv, rev: Number(conv.rev), last_seq: Number(conv.last_seq) }, d.toUserId);
      if (r.ok) {
        moved += 1;
        chat.log.info({ orgId, conversationId: conv.id, from: conv.assignee_id, to: d.toUserId }, 'chat: escalated after silence');
        // The person it moved to now holds one more.
        const c = staff.candidates.find((x) => x.userId === d.toUserId);
        if (c) c.openChats += 1;
      }
    }
  }
  return moved;
}

/** Whom an operator may hand this conversation to, best first. */
export async function targetsOf(chat: ChatService, orgId: string, conversationId: string): Promise<EscalationTarget[] | null> {
  const conv = await conversationById(chat.db, conversationId);
  if (!conv || conv.org_id !== orgId) return null;
  const staff = await readStaff(chat.db, orgId, chat.now());
  return escalationTargets(conv.assignee_id ?? '', staff.candidates);
}

export type ManualEscalation = { ok: true; to: string; stored: Stored } | { ok: false; code: 'chat.not_found' | 'chat.unknown_user' | 'chat.no_one_up' | 'chat.closed' };

/**
 * An operator's escalation: to the chosen colleague (one of the targets), or to the next step up (the least
 * experienced of those more experienced and available).
 */
export async function escalateByHand(chat: ChatService, orgId: string, conversationId: string, to: string | null): Promise<ManualEscalation> {
  const conv = await conversationById(chat.db, conversationId);
  if (!conv || conv.org_id !== orgId) return { ok: false, code: 'chat.not_found' };
  if (conv.status !== 'open') return { ok: false, code: 'chat.closed' };
  const staff = await readStaff(chat.db, orgId, chat.now());
  const targets = escalationTargets(conv.assignee_id ?? '', staff.candidates);
  let target: string | undefined;
  if (to) target = targets.find((t) => t.userId === to)?.userId;
  else {
    const had = new Set(hadBy(conv));
    target = targets.find((t) => t.moreExperienced && t.available && !had.has(t.userId))?.userId;
    if (!target) return { ok: false, code: 'chat.no_one_up' };
  }
  if (!target) return { ok: false, code: 'chat.unknown_user' };
  const stored = await escalateTo(chat, conv, target);
  if (!stored.ok) return { ok: false, code: 'chat.not_found' };
  return { ok: true, to: target, stored };
}

/** The silence watch of one hub process: a pass every `everyMs`, never two at once. */
export function escalationTimer(chat: ChatService, everyMs = 15_000) {
  let running: Promise<number> | null = null;
  const tick = (): Promise<number> => (running ??= escalationPass(chat).finally(() => (running = null)));
  const timer = setInterval(() => void tick().catch((err: unknown) => chat.log.warn({ err }, 'chat: escalation pass failed')), everyMs);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
