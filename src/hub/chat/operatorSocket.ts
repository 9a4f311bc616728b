import type { WebSocket } from 'ws';
import { operatorOutbound, type OperatorOutbound } from '../../shared/chat/protocol';
import { appendMessage, committedRev, conversationById, deleteMessage, isOrgUser, openConversations, updateConversation, type Stored } from '../store/chat';
import { deliverSince, sendFrame } from './deliver';
import { escalateByHand, targetsOf } from './escalation';
import { serial, type ChatService } from './service';

/**
 * An operator's socket: a device of the organization, for one of its users. It sees every conversation of the
 * organization (who may answer which is the routing's business, on the desktop), and changes them.
 */
export function operatorSocket(chat: ChatService, socket: WebSocket, orgId: string, userId: string, deviceId: string): void {
  let cursor: number | null = null;
  const pump = serial(
    async () => {
      if (cursor !== null) cursor = await deliverSince(chat, socket, { orgId }, cursor);
    },
    (err) => chat.log.warn({ err, orgId }, 'chat: delivery to an operator failed'),
  );
  const off = chat.signal.onOrg(orgId, (n) => {
    if (n?.kind === 'typing') {
      if (n.author === 'visitor') sendFrame(socket, { t: 'typing', conversationId: n.conversationId, author: 'visitor' });
    } else pump();
  });
  const left = chat.operatorJoined(orgId, userId);

  /** A change to a conversation of another organization is refused as if it did not exist. */
  async function ours(conversationId: string): Promise<boolean> {
    return (await conversationById(chat.db, conversationId))?.org_id === orgId;
  }

  async function handle(frame: OperatorOutbound): Promise<void> {
    if (frame.t === 'resume') {
      cursor = frame.after;
      return pump();
    }
    if (frame.t === 'list') {
      // The rev first: the list is at least that fresh, so resuming from it misses nothing.
      const rev = await committedRev(chat.db, orgId);
      return sendFrame(socket, { t: 'conversations', conversations: await openConversations(chat.db, orgId), rev });
    }
    if (frame.t === 'typing') {
      if (await ours(frame.conversationId)) await chat.signal.typing(chat.db, orgId, frame.conversationId, 'operator');
      return;
    }
    if (frame.t === 'targets') {
      const targets = await targetsOf(chat, orgId, frame.conversationId);
      return sendFrame(socket, targets ? { t: 'targets', conversationId: frame.conversationId, targets } : { t: 'error', clientId: null, code: 'chat.not_found' });
    }
    // A device revoked while its socket is open writes nothing more: checked on every change, as sync checks each request.
    const device = await chat.db.selectFrom('hub_device').select('revoked_at').where('id', '=', deviceId).executeTakeFirst();
    if (!device || device.revoked_at !== null) return socket.close(4401, 'device revoked');
    if (!(await ours(frame.conversationId))) return sendFrame(socket, { t: 'error', clientId: frame.clientId, code: 'chat.not_found' });
    let r: Stored;
    const now = chat.now();
    if (frame.t === 'reply') {
      r = await chat.write((trx) => appendMessage(trx, { conversationId: frame.conversationId, clientId: frame.clientId, author: 'operator', userId, text: frame.text, quoteSeq: frame.quoteSeq, now }));
    } else if (frame.t === 'delete') {
      r = await chat.write((trx) => deleteMessage(trx, frame.conversationId, frame.seq, userId, now));
    } else if (frame.t === 'escalate') {
      const e = await escalateByHand(chat, orgId, frame.conversationId, frame.userId);
      if (!e.ok) return sendFrame(socket, { t: 'error', clientId: frame.clientId, code: e.code });
      r = e.stored;
    } else if (frame.t === 'transfer') {
      if (!(await isOrgUser(chat.db, orgId, frame.userId))) return sendFrame(socket, { t: 'error', clientId: frame.clientId, code: 'chat.unknown_user' });
      r = await chat.write((trx) => updateConversation(trx, frame.conversationId, { assignee_id: frame.userId }));
    } else {
      r = await chat.write((trx) => updateConversation(trx, frame.conversationId, { status: 'closed' }));
    }
    if (!r.ok) return sendFrame(socket, { t: 'error', clientId: frame.clientId, code: r.code });
    sendFrame(socket, { t: 'ack', clientId: frame.clientId, seq: frame.t === 'reply' || frame.t === 'delete' ? r.seq : null, rev: r.rev });
  }

  // Frames of one conversation are handled in order; conversations do not wait for each other (one slow write
  // must not hold an operator's other chats).
  const queues = new Map<string, Promise<void>>();
  socket.on('message', (data, isBinary) => {
    let frame: OperatorOutbound;
    try {
      if (isBinary) throw new Error('binary');
      frame = operatorOutbound.parse(JSON.parse(String(data)));
    } catch {
      sendFrame(socket, { t: 'error', clientId: null, code: 'chat.bad_frame' });
      return;
    }
    const key = 'conversationId' in frame ? frame.conversationId : '';
    const next = (queues.get(key) ?? Promise.resolve()).then(() => handle(frame)).catch((err: unknown) => chat.log.warn({ err, orgId }, 'chat: an operator frame failed'));
    queues.set(key, next);
    void next.then(() => queues.get(key) === next && queues.delete(key));
  });
  socket.on('close', () => {
    off();
    left();
  });
  sendFrame(socket, { t: 'hello', userId, orgId });
}
