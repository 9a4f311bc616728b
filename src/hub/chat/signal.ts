import { sql } from 'kysely';
import type { Engine } from '../db/migrations';
import type { HubDb } from '../db/open';
import { pgListener } from '../listen';

export const CHAT_CHANNEL = 'hub_chat';

/** `change`: something was stored (read the store after your cursor); `typing`: someone is typing, nothing stored. */
export type ChatNotice = { kind: 'change' | 'typing'; orgId: string; conversationId: string; author?: 'visitor' | 'operator' };
type Listener = (n: ChatNotice | null) => void;

/**
 * Chat notices between hub processes: `NOTIFY hub_chat` on PostgreSQL (sent inside the storing transaction, so it is
 * delivered at commit and never for a rollback), in process on SQLite. A notice only says where to look: every socket
 * re-reads the store after its own cursor, so a lost notice delays and never loses. When the LISTEN connection comes
 * back after a drop, every listener is called with `null` (read everything: notices may have been missed).
 */
export interface ChatSignal {
  /** Inside the transaction that stored the change. */
  changed(trx: HubDb, orgId: string, conversationId: string): Promise<void>;
  /** After the commit (SQLite's in-process delivery). */
  afterCommit(orgId: string, conversationId: string): void;
  typing(db: HubDb, orgId: string, conversationId: string, author: 'visitor' | 'operator'): Promise<void>;
  onOrg(orgId: string, fn: Listener): () => void;
  onConversation(conversationId: string, fn: Listener): () => void;
  start(): Promise<void>;
  close(): Promise<void>;
}

const encode = (n: ChatNotice) => [n.kind, n.orgId, n.conversationId, n.author ?? ''].join(' ');
function decode(payload: string): ChatNotice | null {
  const [kind, orgId, conversationId, author] = payload.split(' ');
  if ((kind !== 'change' && kind !== 'typing') || !orgId || !conversationId) return null;
  return { kind, orgId, conversationId, ...(author === 'visitor' || author === 'operator' ? { author } : {}) };
}

export function chatSignal(engine: Engine, pgUrl: string | null, log: (msg: string, err?: unknown) => void): ChatSignal {
  const byOrg = new Map<string, Set<Listener>>();
  const byConversation = new Map<string, Set<Listener>>();
  const deliver = (n: ChatNotice) => {
    byOrg.get(n.orgId)?.forEach((fn) => fn(n));
    byConversation.get(n.conversationId)?.forEach((fn) => fn(n));
  };
  const wakeAll = () => {
    byOrg.forEach((set) => set.forEach((fn) => fn(null)));
    byConversation.forEach((set) => set.forEach((fn) => fn(null)));
  };
  const add = (map: Map<string, Set<Listener>>, key: string, fn: Listener) => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0 && map.get(key) === set) map.delete(key);
    };
  };
  const fromPayload = (payload: string) => {
    const n = decode(payload);
    if (n) deliver(n);
  };
  const listener = engine === 'pg' ? pgListener(CHAT_CHANNEL, pgUrl!, { payload: fromPayload, reconnected: wakeAll }, log) : null;

  return {
    async changed(trx, orgId, conversationId) {
      if (engine === 'pg') await sql`select pg_notify(${CHAT_CHANNEL}, ${encode({ kind: 'change', orgId, conversationId })})`.execute(trx);
    },
    afterCommit(orgId, conversationId) {
      if (engine === 'sqlite') deliver({ kind: 'change', orgId, conversationId });
    },
    async typing(db, orgId, conversationId, author) {
      const n: ChatNotice = { kind: 'typing', orgId, conversationId, author };
      if (engine === 'pg') await sql`select pg_notify(${CHAT_CHANNEL}, ${encode(n)})`.execute(db);
      else deliver(n);
    },
    onOrg: (orgId, fn) => add(byOrg, orgId, fn),
    onConversation: (conversationId, fn) => add(byConversation, conversationId, fn),
    async start() {
      await listener?.start();
    },
    async close() {
      await listener?.close();
    },
  };
}
