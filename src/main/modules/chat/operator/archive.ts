import { sql, type Kysely, type Selectable } from 'kysely';
import type { ConversationView, MessageFrame } from '../../../../shared/chat/protocol';
import type { ChatConversation, ChatMessage } from '../../../../shared/api/chat';
import type { DB } from '../../../db/schema';
import type { ChatArchiveConversationTable, ChatArchiveMessageTable } from '../../../db/schemaChatArchive';

/**
 * The local copy of the organization's chat, written as the hub's frames arrive. Every write is idempotent (a
 * conversation by its id, a message by conversation + seq), so a frame read twice — two operators' sockets on one
 * desktop, a resume that overlaps — changes nothing the second time.
 */

/** A conversation as the hub described it; what the archive knew of its messages stays. */
export async function saveConversation(db: Kysely<DB>, orgId: string, c: ConversationView): Promise<void> {
  const row = {
    id: c.id,
    org_id: orgId,
    status: c.status,
    answers: JSON.stringify(c.answers),
    ip: c.ip,
    page: c.page,
    language: c.language,
    assignee_id: c.assigneeId,
    started_at: c.startedAt,
    last_message_at: c.lastMessageAt,
    visitor_seen_at: c.visitorSeenAt,
    rev: c.rev,
    client_id: c.clientId,
  };
  const { id: _id, ...update } = row;
  await db
    .insertInto('chat_archive_conversation')
    .values(row)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        ...update,
        // A list read before a message frame must not move the last message back.
        last_message_at: sql`max(coalesce(chat_archive_conversation.last_message_at, 0), coalesce(excluded.last_message_at, 0))`,
        rev: sql`max(chat_archive_conversation.rev, excluded.rev)`,
      }),
    )
    .execute();
}

/**
 * A message frame, or an operator's own reply once acknowledged (its text known here, its time from this clock until
 * the hub's frame brings the stored one). Answers whether the message was new here.
 */
export async function saveMessage(db: Kysely<DB>, orgId: string, m: Pick<MessageFrame, 'conversationId' | 'seq' | 'rev' | 'author' | 'userId' | 'text' | 'quoteSeq' | 'at'>, fromHub = true): Promise<boolean> {
  const had = await db.selectFrom('chat_archive_message').select(['deleted_at']).where('conversation_id', '=', m.conversationId).where('seq', '=', m.seq).executeTakeFirst();
  if (had) {
    if (fromHub && had.deleted_at === null) {
      await db.updateTable('chat_archive_message').set({ at: m.at, rev: sql`max(rev, ${m.rev})` }).where('conversation_id', '=', m.conversationId).where('seq', '=', m.seq).execute();
      // The acknowledged reply was stamped with this desk's clock: the last message's time follows the hub's.
      await db
        .updateTable('chat_archive_conversation')
        .set({ last_message_at: sql`(select max(at) from chat_archive_message where conversation_id = ${m.conversationId})` })
        .where('id', '=', m.conversationId)
        .execute();
    }
    return false;
  }
  await db
    .insertInto('chat_archive_message')
    .values({ conversation_id: m.conversationId, seq: m.seq, org_id: orgId, author: m.author, user_id: m.userId, text: m.text, quote_seq: m.quoteSeq, at: m.at, deleted_at: null, rev: m.rev })
    .execute();
  await refreshLast(db, orgId, m.conversationId, m.at);
  return true;
}

/** A deleted message keeps its place and loses its words, as the visitor sees it. */
export async function markDeleted(db: Kysely<DB>, orgId: string, conversationId: string, seq: number, rev: number, now: number): Promise<void> {
  const r = await db.updateTable('chat_archive_message').set({ deleted_at: now, text: '', rev }).where('conversation_id', '=', conversationId).where('seq', '=', seq).where('deleted_at', 'is', null).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    // Deleted before this desktop saw it: a placeholder, so the numbering has no hole.
    await db
      .insertInto('chat_archive_message')
      .values({ conversation_id: conversationId, seq, org_id: orgId, author: 'operator', user_id: null, text: '', quote_seq: null, at: now, deleted_at: now, rev })
      .onConflict((oc) => oc.columns(['conversation_id', 'seq']).doNothing())
      .execute();
  }
  await refreshLast(db, orgId, conversationId, null);
}

/** Who wrote last among messages still there: the red of an unanswered conversation comes from it. */
async function refreshLast(db: Kysely<DB>, orgId: string, conversationId: string, at: number | null): Promise<void> {
  const last = await db.selectFrom('chat_archive_message').select(['author']).where('conversation_id', '=', conversationId).where('deleted_at', 'is', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  await db
    .insertInto('chat_archive_conversation')
    // A placeholder (started 0, listed nowhere) until the conversation's own frame fills it in.
    .values({ id: conversationId, org_id: orgId, started_at: 0, last_message_at: at, last_author: last?.author ?? null })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        last_author: last?.author ?? null,
        last_message_at: sql`max(coalesce(chat_archive_conversation.last_message_at, 0), coalesce(excluded.last_message_at, 0))`,
      }),
    )
    .execute();
}

export async function readCursor(db: Kysely<DB>, orgId: string): Promise<number | null> {
  const r = await db.selectFrom('chat_archive_cursor').select('rev').where('org_id', '=', orgId).executeTakeFirst();
  return r ? r.rev : null;
}

/** Only forward: two sockets of one desktop each move it as far as they have stored. */
export async function saveCursor(db: Kysely<DB>, orgId: string, rev: number): Promise<void> {
  await db
    .insertInto('chat_archive_cursor')
    .values({ org_id: orgId, rev })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ rev: sql`max(chat_archive_cursor.rev, excluded.rev)` }))
    .execute();
}

function parseAnswers(json: string): ChatConversation['answers'] {
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    const pick = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
    return Object.fromEntries(['name', 'phone', 'email', 'topic'].flatMap((k) => (pick(k) ? [[k, pick(k)]] : [])));
  } catch {
    return {};
  }
}

export function conversationOf(r: Selectable<ChatArchiveConversationTable>): ChatConversation {
  return {
    id: r.id,
    status: r.status === 'closed' ? 'closed' : 'open',
    answers: parseAnswers(r.answers),
    ip: r.ip,
    page: r.page,
    language: r.language,
    assigneeId: r.assignee_id,
    clientId: r.client_id,
    startedAt: r.started_at,
    lastMessageAt: r.last_message_at,
    visitorSeenAt: r.visitor_seen_at,
    unanswered: r.last_author === 'visitor' && r.status !== 'closed',
  };
}

export function messageOf(r: Selectable<ChatArchiveMessageTable>): ChatMessage {
  return {
    conversationId: r.conversation_id,
    seq: r.seq,
    author: r.author === 'visitor' ? 'visitor' : 'operator',
    userId: r.user_id,
    text: r.deleted_at === null ? r.text : '',
    quoteSeq: r.quote_seq,
    at: r.at,
    deleted: r.deleted_at !== null,
  };
}

/** Open conversations first by the latest message; closed ones only when asked. */
export async function listConversations(db: Kysely<DB>, orgId: string, closed: boolean): Promise<ChatConversation[]> {
  let q = db.selectFrom('chat_archive_conversation').selectAll().where('org_id', '=', orgId).where('started_at', '>', 0);
  if (!closed) q = q.where('status', '=', 'open');
  const rows = await q.orderBy(sql`coalesce(last_message_at, started_at)`, 'desc').limit(500).execute();
  return rows.map(conversationOf);
}

export async function listMessages(db: Kysely<DB>, orgId: string, conversationId: string): Promise<ChatMessage[]> {
  const rows = await db.selectFrom('chat_archive_message').selectAll().where('org_id', '=', orgId).where('conversation_id', '=', conversationId).orderBy('seq').execute();
  return rows.map(messageOf);
}
