import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { Kysely } from 'kysely';
import { operatorInbound, type OperatorInbound, type OperatorOutbound } from '../../../../shared/chat/protocol';
import type { ChatChanged, ChatLink } from '../../../../shared/api/chat';
import type { DB } from '../../../db/schema';
import { markDeleted, readCursor, saveConversation, saveCursor, saveMessage } from './archive';

/** A change the hub refused or could not confirm, as the handlers turn it into a translated refusal. */
export class ChatRefused extends Error {
  constructor(readonly key: 'offline' | 'timeout' | 'not_found' | 'not_yours' | 'closed' | 'unknown_user' | 'no_one_up' | 'refused') {
    super(key);
    this.name = 'ChatRefused';
  }
}

export interface OperatorConnectionDeps {
  db: Kysely<DB>;
  hubUrl: string;
  deviceKey: string;
  orgId: string;
  userId: string;
  now: () => number;
  log: (msg: string, err?: unknown) => void;
  /** What changed in the archive (and typing), for this user's windows. */
  emit: (e: ChatChanged) => void;
  /** How long a change waits for the hub's acknowledgement. */
  ackTimeoutMs?: number;
  /** Reconnect waits, growing to the last; tests shorten them. */
  backoffMs?: readonly number[];
  /** How often the list is read again (visitors' "last online" changes without a rev). */
  relistMs?: number;
}

type Change = Extract<OperatorOutbound, { clientId: string }>;
type Unsent<F> = F extends Change ? Omit<F, 'clientId'> : never;
type Ack = Extract<OperatorInbound, { t: 'ack' }>;
export type EscalationTargets = Extract<OperatorInbound, { t: 'targets' }>['targets'];

const BACKOFF = [500, 1000, 2000, 4000, 8000, 15_000, 30_000] as const;
/** A visitor's message older than this, first seen here (a catch-up after a night offline), does not ring. */
const FRESH_MS = 10 * 60_000;

const REFUSALS: Record<string, ChatRefused['key']> = {
  'chat.not_found': 'not_found',
  'chat.not_yours': 'not_yours',
  'chat.closed': 'closed',
  'chat.unknown_user': 'unknown_user',
  'chat.no_one_up': 'no_one_up',
  'chat.bad_frame': 'refused',
};

/**
 * One operator's socket to the hub, held by main: it reads the organization's chat from where this desktop stopped
 * (the archive's cursor), writes every frame into the archive before moving the cursor, and comes back after a drop
 * with growing waits. A change is answered only when the hub acknowledged it — stored there — and a change still
 * waiting when the socket drops is sent again with the same client id, which the hub stores once.
 */
export class OperatorConnection {
  private socket: WebSocket | null = null;
  private state: ChatLink = 'connecting';
  private stopped = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private relist: NodeJS.Timeout | null = null;
  private inbox: Promise<void> = Promise.resolve();
  /** `targets` questions waiting for their answer, by conversation (the answer names its conversation, not a client id). */
  private readonly asked = new Map<string, Array<(t: EscalationTargets) => void>>();
  private readonly pending = new Map<string, { frame: Change; resolve: (a: Ack) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

  constructor(private readonly deps: OperatorConnectionDeps) {}

  get link(): ChatLink {
    return this.state;
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.relist) clearInterval(this.relist);
    this.socket?.terminate();
    this.socket = null;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new ChatRefused('offline'));
      this.pending.delete(id);
    }
  }

  /** Waits for the frames received so far to be in the archive (tests; a handler that reads after a change). */
  settled(): Promise<void> {
    return this.inbox;
  }

  /** Drops the socket as a network would (tests): the connection comes back by itself. */
  dropForTest(): void {
    this.socket?.terminate();
  }

  /** Sends a change and resolves with the hub's acknowledgement; refuses at once when the hub is not connected. */
  request(frame: Unsent<Change>): Promise<Ack> {
    if (this.state !== 'connected' || !this.socket) return Promise.reject(new ChatRefused('offline'));
    const clientId = `d${randomBytes(12).toString('base64url')}`;
    const full = { ...frame, clientId } as Change;
    return new Promise<Ack>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(clientId);
        reject(new ChatRefused('timeout'));
      }, this.deps.ackTimeoutMs ?? 10_000);
      this.pending.set(clientId, { frame: full, resolve, reject, timer });
      this.send(full);
    });
  }

  /** Whom the conversation may be handed up to, best first, as the hub ranks them now. */
  targets(conversationId: string): Promise<EscalationTargets> {
    if (this.state !== 'connected' || !this.socket) return Promise.reject(new ChatRefused('offline'));
    return new Promise<EscalationTargets>((resolve, reject) => {
      const timer = setTimeout(() => {
        const left = (this.asked.get(conversationId) ?? []).filter((r) => r !== answer);
        if (left.length) this.asked.set(conversationId, left);
        else this.asked.delete(conversationId);
        reject(new ChatRefused('timeout'));
      }, this.deps.ackTimeoutMs ?? 10_000);
      const answer = (t: EscalationTargets) => {
        clearTimeout(timer);
        resolve(t);
      };
      this.asked.set(conversationId, [...(this.asked.get(conversationId) ?? []), answer]);
      this.send({ t: 'targets', conversationId });
    });
  }

  typing(conversationId: string): void {
    if (this.state === 'connected') this.send({ t: 'typing', conversationId });
  }

  private send(frame: OperatorOutbound): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private setLink(link: ChatLink): void {
    if (this.state === link) return;
    this.state = link;
    this.deps.emit({ conversationIds: [], visitorMessage: false, newConversation: false, typing: null, link });
  }

  private open(): void {
    if (this.stopped) return;
    const base = this.deps.hubUrl.replace(/\/+$/, '').replace(/^http/, 'ws');
    const ws = new WebSocket(`${base}/hub/v1/chat/operator?user=${encodeURIComponent(this.deps.userId)}`, {
      headers: { authorization: `Bearer ${this.deps.deviceKey}` },
      handshakeTimeout: 10_000,
    });
    this.socket = ws;
    ws.on('message', (data) => {
      let frame: OperatorInbound;
      try {
        frame = operatorInbound.parse(JSON.parse(String(data)));
      } catch (err) {
        this.deps.log('chat: a frame from the hub was not understood', err);
        return;
      }
      this.inbox = this.inbox.then(() => this.receive(ws, frame)).catch((err: unknown) => this.deps.log('chat: archiving a frame failed', err));
    });
    ws.on('error', () => undefined); // 'close' follows and reconnects; the reason is not the user's business.
    ws.on('close', () => {
      if (this.socket !== ws) return;
      this.socket = null;
      if (this.relist) clearInterval(this.relist);
      this.relist = null;
      if (this.stopped) return;
      this.setLink('connecting');
      const waits = this.deps.backoffMs ?? BACKOFF;
      const wait = waits[Math.min(this.attempt, waits.length - 1)]!;
      this.attempt += 1;
      // A little spread, so many desktops do not come back to a restarted hub in the same instant.
      this.timer = setTimeout(() => this.open(), wait + Math.floor(Math.random() * wait * 0.2));
    });
  }

  private async receive(ws: WebSocket, f: OperatorInbound): Promise<void> {
    const { db, orgId } = this.deps;
    switch (f.t) {
      case 'hello': {
        this.attempt = 0;
        const after = await readCursor(db, orgId);
        // The list first (answers, visitors' last online), then every change after where this desktop stopped.
        ws.send(JSON.stringify({ t: 'list' } satisfies OperatorOutbound));
        ws.send(JSON.stringify({ t: 'resume', after: after ?? 0 } satisfies OperatorOutbound));
        this.setLink('connected');
        for (const p of this.pending.values()) this.send(p.frame);
        this.relist = setInterval(() => this.send({ t: 'list' }), this.deps.relistMs ?? 30_000);
        this.relist.unref();
        return;
      }
      case 'conversations': {
        for (const c of f.conversations) await saveConversation(db, orgId, c);
        if (f.conversations.length) this.deps.emit({ conversationIds: f.conversations.map((c) => c.id), visitorMessage: false, newConversation: false, typing: null });
        return;
      }
      case 'conversation': {
        const known = await db.selectFrom('chat_archive_conversation').select('started_at').where('id', '=', f.conversation.id).executeTakeFirst();
        await saveConversation(db, orgId, f.conversation);
        await saveCursor(db, orgId, f.conversation.rev);
        const fresh = (!known || known.started_at === 0) && f.conversation.startedAt > this.deps.now() - FRESH_MS;
        this.deps.emit({ conversationIds: [f.conversation.id], visitorMessage: false, newConversation: fresh, typing: null });
        return;
      }
      case 'message': {
        const added = await saveMessage(db, orgId, f);
        await saveCursor(db, orgId, f.rev);
        const rings = added && f.author === 'visitor' && f.at > this.deps.now() - FRESH_MS;
        this.deps.emit({ conversationIds: [f.conversationId], visitorMessage: rings, newConversation: false, typing: null });
        return;
      }
      case 'deleted': {
        await markDeleted(db, orgId, f.conversationId, f.seq, f.rev, this.deps.now());
        await saveCursor(db, orgId, f.rev);
        this.deps.emit({ conversationIds: [f.conversationId], visitorMessage: false, newConversation: false, typing: null });
        return;
      }
      case 'targets': {
        const waiting = this.asked.get(f.conversationId) ?? [];
        this.asked.delete(f.conversationId);
        for (const answer of waiting) answer(f.targets);
        return;
      }
      case 'typing': {
        if (f.author === 'visitor') this.deps.emit({ conversationIds: [], visitorMessage: false, newConversation: false, typing: f.conversationId });
        return;
      }
      case 'ack': {
        const p = this.pending.get(f.clientId);
        if (!p) return;
        this.pending.delete(f.clientId);
        clearTimeout(p.timer);
        if (p.frame.t === 'reply' && f.seq !== null) {
          await saveMessage(db, orgId, { conversationId: p.frame.conversationId, seq: f.seq, rev: f.rev, author: 'operator', userId: this.deps.userId, text: p.frame.text, quoteSeq: p.frame.quoteSeq, at: this.deps.now() }, false);
        }
        if (p.frame.t === 'delete') await markDeleted(db, orgId, p.frame.conversationId, p.frame.seq, f.rev, this.deps.now());
        if (p.frame.t === 'reply' || p.frame.t === 'delete') this.deps.emit({ conversationIds: [p.frame.conversationId], visitorMessage: false, newConversation: false, typing: null });
        p.resolve(f);
        return;
      }
      case 'error': {
        if (f.clientId === null) {
          this.deps.log(`chat: the hub refused a frame (${f.code})`);
          return;
        }
        const p = this.pending.get(f.clientId);
        if (!p) return;
        this.pending.delete(f.clientId);
        clearTimeout(p.timer);
        p.reject(new ChatRefused(REFUSALS[f.code] ?? 'refused'));
        return;
      }
    }
  }
}
