import type { Kysely } from 'kysely';
import type { ConversationView } from '../../../../shared/chat/protocol';
import type { DB } from '../../../db/schema';
import { markDeleted, saveConversation, saveMessage } from './archive';

export interface SeedMessage {
  author: 'visitor' | 'operator';
  userId: string | null;
  text: string;
  quoteSeq?: number;
  at: number;
  /** Deleted by its operator at this instant. */
  deletedAt?: number;
}

export interface SeedConversation {
  conversation: Omit<ConversationView, 'rev' | 'lastMessageAt'> & { clientId: string | null };
  messages: SeedMessage[];
}

/**
 * Writes conversations into the archive as if a hub had sent them (the demo has no hub). The same writes as the
 * socket's, so what the console shows of them is what it would show of real ones.
 */
export async function seedChatArchive(db: Kysely<DB>, orgId: string, list: SeedConversation[]): Promise<void> {
  let rev = 0;
  for (const c of list) {
    const last = c.messages.at(-1)?.at ?? null;
    await saveConversation(db, orgId, { ...c.conversation, lastMessageAt: last, rev: ++rev });
    let seq = 0;
    for (const m of c.messages) {
      seq += 1;
      await saveMessage(db, orgId, { conversationId: c.conversation.id, seq, rev: ++rev, author: m.author, userId: m.userId, text: m.text, quoteSeq: m.quoteSeq ?? null, at: m.at });
      if (m.deletedAt) await markDeleted(db, orgId, c.conversation.id, seq, ++rev, m.deletedAt);
    }
  }
}
