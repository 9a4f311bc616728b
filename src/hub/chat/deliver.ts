import type { WebSocket } from 'ws';
import { changesSince, committedRev, messageFrameOf, revOf, viewOf } from '../store/chat';
import type { OrgChatSettings } from './orgSettings';
import type { ChatService } from './service';

/** Sends one frame if the socket is still open; a socket whose buffer is filling up (a stalled client) is dropped. */
export function sendFrame(socket: WebSocket, frame: object): void {
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > 4 * 1024 * 1024) {
    socket.terminate();
    return;
  }
  socket.send(JSON.stringify(frame));
}

export function assigneeOf(settings: OrgChatSettings, userId: string | null) {
  if (!userId) return null;
  return { name: settings.names[userId] ?? null, photoUrl: settings.photos[userId] ?? null };
}

/**
 * Sends a socket every change after its cursor, read from the store up to the organization's committed `rev`, and
 * returns the new cursor. The visitor's socket sees its own conversation (deleted messages as `deleted`, no text);
 * the operator's sees the whole organization.
 */
export async function deliverSince(chat: ChatService, socket: WebSocket, scope: { orgId: string; conversationId?: string }, after: number): Promise<number> {
  let cursor = after;
  for (;;) {
    const upTo = await committedRev(chat.db, scope.orgId);
    if (upTo <= cursor) return cursor;
    const limit = 500;
    const changes = await changesSince(chat.db, { ...scope, withConversations: true }, cursor, upTo, limit);
    const settings = await chat.settings(scope.orgId);
    for (const c of changes) {
      if (c.t === 'message') {
        const m = c.m;
        if (m.deleted_at !== null) sendFrame(socket, { t: 'deleted', conversationId: m.conversation_id, seq: Number(m.seq), rev: Number(m.rev) });
        else sendFrame(socket, messageFrameOf(m, settings.names));
      } else if (scope.conversationId) {
        sendFrame(socket, { t: 'status', status: c.c.status, assignee: assigneeOf(settings, c.c.assignee_id) });
      } else {
        sendFrame(socket, { t: 'conversation', conversation: viewOf(c.c) });
      }
    }
    // A full page may stop short of upTo: the next page starts after its last change.
    cursor = changes.length >= limit ? revOf(changes[changes.length - 1]!) : upTo;
  }
}
