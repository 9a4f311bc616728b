import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ChatAnswers, ConversationView, MessageFrame } from '../../shared/chat/protocol';
import type { HubDb } from '../db/open';
import type { HubChatConversation, HubChatMessage, HubDB } from '../db/schema';

type Trx = Transaction<HubDB> | Kysely<HubDB>;

/**
 * The chat's storage. Every change takes the organization's next `rev` by updating its `hub_chat_org` row first: on
 * PostgreSQL that row lock is held to commit, so one organization's changes commit in `rev` order and a reader that
 * saw `rev = R` committed can read every change up to R and miss none. SQLite has one writer anyway.
 */
export async function nextRev(trx: Trx, orgId: string): Promise<number> {
  await trx.insertInto('hub_chat_org').values({ org_id: orgId, rev: 0, settings: null, operators_seen_at: null }).onConflict((oc) => oc.column('org_id').doNothing()).execute();
  const r = await trx.updateTable('hub_chat_org').set((eb) => ({ rev: eb('rev', '+', 1) })).where('org_id', '=', orgId).returning('rev').executeTakeFirstOrThrow();
  return Number(r.rev);
}

/** The last committed `rev` of an organization: what a reader may read up to. */
export async function committedRev(db: HubDb, orgId: string): Promise<number> {
  const r = await db.selectFrom('hub_chat_org').select('rev').where('org_id', '=', orgId).executeTakeFirst();
  return r ? Number(r.rev) : 0;
}

export async function orgExists(db: HubDb, orgId: string): Promise<boolean> {
  return !!(await db.selectFrom('hub_organization').select('id').where('id', '=', orgId).executeTakeFirst());
}

/** Operators count as online for this long after the last heartbeat of a process holding one of their sockets. */
export const OPERATOR_PRESENCE_MS = 45_000;

/** Heartbeats operators' presence, per user: routing asks whether this person is connected, not only someone. */
export async function touchOperators(db: HubDb, operators: readonly { orgId: string; userId: string }[], now: number): Promise<void> {
  for (const { orgId, userId } of operators) {
    await db
      .insertInto('hub_chat_presence')
      .values({ org_id: orgId, user_id: userId, seen_at: now })
      .onConflict((oc) => oc.columns(['org_id', 'user_id']).doUpdateSet({ seen_at: now }))
      .execute();
  }
}

export async function operatorsOnline(db: HubDb, orgId: string, now: number): Promise<boolean> {
  const r = await db.selectFrom('hub_chat_presence').select('user_id').where('org_id', '=', orgId).where('seen_at', '>', now - OPERATOR_PRESENCE_MS).limit(1).executeTakeFirst();
  return r !== undefined;
}

export interface NewConversation {
  orgId: string;
  answers: ChatAnswers;
  ip: string;
  page: string;
  language: string;
  now: number;
}

export async function startConversation(trx: Trx, input: NewConversation): Promise<HubChatConversation> {
  const rev = await nextRev(trx, input.orgId);
  const row: HubChatConversation = {
    id: randomUUID(),
    org_id: input.orgId,
    visitor_id: randomUUID(),
    answers: JSON.stringify(input.answers),
    ip: input.ip,
    page: input.page,
    language: input.language,
    status: 'open',
    assignee_id: null,
    started_at: input.now,
    last_message_at: null,
    visitor_seen_at: input.now,
    last_seq: 0,
    rev,
    client_id: null,
    had_by: null,
    escalated_at: null,
  };
  await trx.insertInto('hub_chat_conversation').values(row).execute();
  return row;
}

export async function conversationById(db: Trx, id: string): Promise<HubChatConversation | undefined> {
  const r = await db.selectFrom('hub_chat_conversation').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { ...r, rev: Number(r.rev), last_seq: Number(r.last_seq) } : undefined;
}

export interface NewMessage {
  conversationId: string;
  clientId: string;
  author: 'visitor' | 'operator';
  userId: string | null;
  text: string;
  quoteSeq: number | null;
  now: number;
}

export type Stored = { ok: true; seq: number; rev: number; orgId: string; conversationId: string } | { ok: false; code: 'chat.not_found' | 'chat.closed' | 'chat.bad_frame' };

/**
 * Stores a message and returns its number. The same `clientId` again (a frame re-sent after a lost acknowledgement)
 * returns the number it was stored under, storing nothing.
 */
export async function appendMessage(trx: Trx, msg: NewMessage): Promise<Stored> {
  {
    const conv = await conversationById(trx, msg.conversationId);
    if (!conv) return { ok: false, code: 'chat.not_found' };
    // After the organization's row lock: the same frame arriving twice at once is seen here by the second.
    const rev = await nextRev(trx, conv.org_id);
    const again = await trx.selectFrom('hub_chat_message').select(['seq', 'rev']).where('conversation_id', '=', conv.id).where('client_id', '=', msg.clientId).executeTakeFirst();
    if (again) return { ok: true, seq: Number(again.seq), rev: Number(again.rev), orgId: conv.org_id, conversationId: conv.id };
    if (conv.status !== 'open') return { ok: false, code: 'chat.closed' };
    const { last_seq } = await trx.selectFrom('hub_chat_conversation').select('last_seq').where('id', '=', conv.id).executeTakeFirstOrThrow();
    const seq = Number(last_seq) + 1;
    if (msg.quoteSeq !== null && msg.quoteSeq >= seq) return { ok: false, code: 'chat.bad_frame' };
    await trx
      .insertInto('hub_chat_message')
      .values({ conversation_id: conv.id, seq, org_id: conv.org_id, client_id: msg.clientId, author: msg.author, user_id: msg.userId, text: msg.text, quote_seq: msg.quoteSeq, created_at: msg.now, deleted_at: null, rev })
      .execute();
    await trx
      .updateTable('hub_chat_conversation')
      .set({ last_seq: seq, last_message_at: msg.now, rev, ...(msg.author === 'visitor' ? { visitor_seen_at: msg.now } : {}) })
      .where('id', '=', conv.id)
      .execute();
    return { ok: true, seq, rev, orgId: conv.org_id, conversationId: conv.id };
  }
}

/** An operator deletes their own message; it is gone for the visitor too. Deleting it again changes nothing. */
export async function deleteMessage(trx: Trx, conversationId: string, seq: number, userId: string, now: number): Promise<Stored> {
  {
    const m = await trx.selectFrom('hub_chat_message').select(['org_id', 'author', 'user_id', 'deleted_at', 'rev']).where('conversation_id', '=', conversationId).where('seq', '=', seq).executeTakeFirst();
    if (!m) return { ok: false, code: 'chat.not_found' };
    if (m.author !== 'operator' || m.user_id !== userId) return { ok: false, code: 'chat.bad_frame' };
    const ids = { orgId: m.org_id, conversationId };
    if (m.deleted_at !== null) return { ok: true, seq, rev: Number(m.rev), ...ids };
    const rev = await nextRev(trx, m.org_id);
    await trx.updateTable('hub_chat_message').set({ deleted_at: now, rev }).where('conversation_id', '=', conversationId).where('seq', '=', seq).execute();
    return { ok: true, seq, rev, ...ids };
  }
}

/**
 * When the visitor was last connected: kept without a new `rev` (no organization lock, no notice), since 1,000
 * visitors coming and going must not queue behind each other; operators read it with the list, and with the
 * conversation's next change.
 */
export async function touchVisitor(db: Trx, id: string, now: number): Promise<void> {
  await db.updateTable('hub_chat_conversation').set({ visitor_seen_at: now }).where('id', '=', id).execute();
}

/** A conversation's new assignee or state. */
export async function updateConversation(trx: Trx, id: string, change: { assignee_id?: string; status?: 'closed' }): Promise<Stored> {
  {
    const conv = await conversationById(trx, id);
    if (!conv) return { ok: false, code: 'chat.not_found' };
    if (conv.status === 'closed' && change.status === undefined) return { ok: false, code: 'chat.closed' };
    const ids = { orgId: conv.org_id, conversationId: id };
    if (conv.status === 'closed') return { ok: true, seq: conv.last_seq, rev: conv.rev, ...ids };
    const rev = await nextRev(trx, conv.org_id);
    await trx.updateTable('hub_chat_conversation').set({ ...change, rev }).where('id', '=', id).execute();
    return { ok: true, seq: conv.last_seq, rev, ...ids };
  }
}

export function viewOf(c: HubChatConversation): ConversationView {
  return {
    id: c.id,
    status: c.status,
    answers: JSON.parse(c.answers) as ChatAnswers,
    ip: c.ip,
    page: c.page,
    language: c.language,
    assigneeId: c.assignee_id,
    startedAt: Number(c.started_at),
    lastMessageAt: c.last_message_at === null ? null : Number(c.last_message_at),
    visitorSeenAt: c.visitor_seen_at === null ? null : Number(c.visitor_seen_at),
    rev: Number(c.rev),
    clientId: c.client_id ?? null,
  };
}

export type Change = { t: 'message'; m: HubChatMessage } | { t: 'conversation'; c: HubChatConversation };

/** What a reader at `after` has not seen, up to `upTo` (a committed rev): messages, and (for operators) conversations. */
export async function changesSince(db: HubDb, scope: { orgId: string; conversationId?: string; withConversations: boolean }, after: number, upTo: number, limit = 500): Promise<Change[]> {
  let mq = db.selectFrom('hub_chat_message').selectAll().where('org_id', '=', scope.orgId).where('rev', '>', after).where('rev', '<=', upTo);
  if (scope.conversationId) mq = mq.where('conversation_id', '=', scope.conversationId);
  const messages = await mq.orderBy('rev').limit(limit).execute();
  const out: Change[] = messages.map((m) => ({ t: 'message', m }));
  if (scope.withConversations) {
    let cq = db.selectFrom('hub_chat_conversation').selectAll().where('org_id', '=', scope.orgId).where('rev', '>', after).where('rev', '<=', upTo);
    if (scope.conversationId) cq = cq.where('id', '=', scope.conversationId);
    const convs = await cq.orderBy('rev').limit(limit).execute();
    out.push(...convs.map((c): Change => ({ t: 'conversation', c })));
  }
  const rev = (c: Change) => Number(c.t === 'message' ? c.m.rev : c.c.rev);
  out.sort((a, b) => rev(a) - rev(b));
  return out.slice(0, limit);
}

export function revOf(c: Change): number {
  return Number(c.t === 'message' ? c.m.rev : c.c.rev);
}

export function messageFrameOf(m: HubChatMessage, names: Record<string, string>): MessageFrame {
  return {
    t: 'message',
    conversationId: m.conversation_id,
    seq: Number(m.seq),
    rev: Number(m.rev),
    author: m.author,
    userId: m.user_id,
    name: m.user_id ? (names[m.user_id] ?? null) : null,
    text: m.text,
    quoteSeq: m.quote_seq === null ? null : Number(m.quote_seq),
    at: Number(m.created_at),
  };
}

export async function openConversations(db: HubDb, orgId: string): Promise<ConversationView[]> {
  const rows = await db.selectFrom('hub_chat_conversation').selectAll().where('org_id', '=', orgId).where('status', '=', 'open').orderBy('started_at').limit(1000).execute();
  return rows.map(viewOf);
}

/** Whether a user id is a user of the organization as its desktops pushed it (an active `app_user` row). */
export async function isOrgUser(db: HubDb, orgId: string, userId: string): Promise<boolean> {
  const r = await db.selectFrom('hub_cell').select('value').where('org_id', '=', orgId).where('table_name', '=', 'app_user').where('row_id', '=', userId).where('column_name', '=', 'active').executeTakeFirst();
  return r !== undefined && JSON.parse(r.value) !== 0 && JSON.parse(r.value) !== false;
}

// ---- The block list ----

export async function blockedNetworks(db: HubDb, orgId: string): Promise<string[]> {
  return (await db.selectFrom('hub_chat_block').select('cidr').where('org_id', '=', orgId).execute()).map((r) => r.cidr);
}

export async function changeBlockList(db: HubDb, orgId: string, add: string[], remove: string[], now: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const cidr of add) await trx.insertInto('hub_chat_block').values({ org_id: orgId, cidr, created_at: now }).onConflict((oc) => oc.columns(['org_id', 'cidr']).doNothing()).execute();
    if (remove.length) await trx.deleteFrom('hub_chat_block').where('org_id', '=', orgId).where('cidr', 'in', remove).execute();
  });
}
