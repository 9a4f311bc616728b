import type { WebSocket } from 'ws';
import { visitorOutbound, type VisitorOutbound } from '../../shared/chat/protocol';
import type { RateLimiter } from '../rateLimit';
import { appendMessage, conversationById, operatorsOnline, touchVisitor } from '../store/chat';
import { assigneeOf, deliverSince, sendFrame } from './deliver';
import { serial, type ChatService } from './service';
import type { VisitorClaim } from './token';

/** Typing notices from one socket: at most one a second reaches the other side. */
const TYPING_EVERY_MS = 1000;

/**
 * A visitor's socket: the conversation its token names. Frames are handled one after another; a message is stored
 * before it is acknowledged, and reaches this socket (like every other change) through the store after its cursor.
 */
export function visitorSocket(chat: ChatService, socket: WebSocket, claim: VisitorClaim, perConversation: RateLimiter): void {
  const { orgId, conversationId } = claim;
  let cursor: number | null = null;
  let lastTyping = 0;
  const pump = serial(
    async () => {
      if (cursor !== null) cursor = await deliverSince(chat, socket, { orgId, conversationId }, cursor);
    },
    (err) => chat.log.warn({ err, conversationId }, 'chat: delivery to a visitor failed'),
  );
  const off = chat.signal.onConversation(conversationId, (n) => {
    if (n?.kind === 'typing') {
      if (n.author === 'operator') sendFrame(socket, { t: 'typing', conversationId, author: 'operator' });
    } else pump();
  });

  async function handle(frame: VisitorOutbound): Promise<void> {
    if (frame.t === 'resume') {
      cursor = frame.after;
      pump();
    } else if (frame.t === 'typing') {
      if (chat.now() - lastTyping < TYPING_EVERY_MS) return;
      lastTyping = chat.now();
      await chat.signal.typing(chat.db, orgId, conversationId, 'visitor');
    } else {
      const limit = perConversation.take(conversationId, chat.now());
      if (!limit.ok) return sendFrame(socket, { t: 'error', clientId: frame.clientId, code: 'chat.rate_limited', retryAfterS: limit.retryAfterS });
      const r = await chat.write((trx) => appendMessage(trx, { conversationId, clientId: frame.clientId, author: 'visitor', userId: null, text: frame.text, quoteSeq: null, now: chat.now() }));
      if (!r.ok) return sendFrame(socket, { t: 'error', clientId: frame.clientId, code: r.code });
      sendFrame(socket, { t: 'ack', clientId: frame.clientId, seq: r.seq, rev: r.rev });
    }
  }

  let queue = Promise.resolve();
  socket.on('message', (data, isBinary) => {
    let frame: VisitorOutbound;
    try {
      if (isBinary) throw new Error('binary');
      frame = visitorOutbound.parse(JSON.parse(String(data)));
    } catch {
      sendFrame(socket, { t: 'error', clientId: null, code: 'chat.bad_frame' });
      return;
    }
    queue = queue.then(() => handle(frame)).catch((err: unknown) => chat.log.warn({ err, conversationId }, 'chat: a visitor frame failed'));
  });
  const seen = () => touchVisitor(chat.db, conversationId, chat.now());
  socket.on('close', () => {
    off();
    void seen().catch((err: unknown) => chat.log.warn({ err, conversationId }, 'chat: visitor last seen not stored'));
  });

  void (async () => {
    const conv = await conversationById(chat.db, conversationId);
    const settings = await chat.settings(orgId);
    sendFrame(socket, {
      t: 'hello',
      conversationId,
      status: conv?.status ?? 'closed',
      online: await operatorsOnline(chat.db, orgId, chat.now()),
      assignee: assigneeOf(settings, conv?.assignee_id ?? null),
    });
    await seen();
  })().catch((err: unknown) => chat.log.warn({ err, conversationId }, 'chat: visitor hello failed'));
}
