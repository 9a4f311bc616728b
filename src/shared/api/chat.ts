import { z } from 'zod';
import { procedure } from './contract';
import { id as uuid, requiredMultilineText } from './common';
import { CHAT_TEXT_MAX } from '../chat/protocol';

/**
 * The website chat's operator console (issue 13). Main holds the operator socket to the hub and keeps a local archive
 * of what it was sent; these procedures read that archive and pass an operator's changes to the hub, answering only
 * once the hub has stored them. Reading needs `chat` read; answering, deleting, transferring and closing need `chat`
 * write (accountants have neither).
 */

/** The hub's ids: not uuids (the hub makes them). */
const hubId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
// Trimmed, several lines allowed, control characters refused: what the hub accepts too, said before the round trip.
const replyText = requiredMultilineText(CHAT_TEXT_MAX);

export const chatAnswers = z.object({
  name: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  topic: z.string().optional(),
});

export const chatConversation = z.object({
  id: z.string(),
  status: z.enum(['open', 'closed']),
  answers: chatAnswers,
  ip: z.string(),
  page: z.string(),
  language: z.string(),
  assigneeId: z.string().nullable(),
  clientId: z.string().nullable(),
  startedAt: z.number(),
  lastMessageAt: z.number().nullable(),
  visitorSeenAt: z.number().nullable(),
  /** The visitor wrote last: nobody has answered yet (shown red). */
  unanswered: z.boolean(),
});
export type ChatConversation = z.infer<typeof chatConversation>;

export const chatMessage = z.object({
  conversationId: z.string(),
  seq: z.number(),
  author: z.enum(['visitor', 'operator']),
  userId: z.string().nullable(),
  /** Empty once deleted: a deleted message keeps its place, not its words. */
  text: z.string(),
  quoteSeq: z.number().nullable(),
  at: z.number(),
  deleted: z.boolean(),
});
export type ChatMessage = z.infer<typeof chatMessage>;

/** Whether this desktop reaches the chat: no hub registered, connecting, or connected. */
export const chatLink = z.enum(['no_hub', 'connecting', 'connected']);
export type ChatLink = z.infer<typeof chatLink>;

export const chatStatus = z.object({ link: chatLink, userId: z.string() });

export const chatHistoryInput = z.strictObject({ clientId: uuid });
export const chatHistory = z.object({ conversations: z.array(z.object({ conversation: chatConversation, messages: z.array(chatMessage) })) });

/** Pushed when the archive changed or a visitor types; the alerts sound and notify from it. */
export const chatChanged = z.object({
  conversationIds: z.array(z.string()),
  /** A visitor's message arrived now (not one read again after a reconnect). */
  visitorMessage: z.boolean(),
  /** A conversation started now. */
  newConversation: z.boolean(),
  typing: z.string().nullable(),
  link: chatLink.optional(),
});
export type ChatChanged = z.infer<typeof chatChanged>;

export const chatTarget = z.object({ userId: z.string(), name: z.string(), available: z.boolean(), moreExperienced: z.boolean() });
export type ChatTarget = z.infer<typeof chatTarget>;

const read = { module: 'chat', action: 'read' } as const;
const answer = { module: 'chat', action: 'write' } as const;
const conversationId = hubId;

export const chatApi = {
  /** Opens (or keeps) this user's operator socket and says how it stands. */
  'chat.status': procedure({ input: z.strictObject({}), output: chatStatus, access: read, writes: false, ownTransactions: true }),
  'chat.conversations': procedure({ input: z.strictObject({ closed: z.boolean().default(false) }), output: z.array(chatConversation), access: read, writes: false }),
  'chat.messages': procedure({ input: z.strictObject({ conversationId }), output: z.array(chatMessage), access: read, writes: false }),
  'chat.reply': procedure({
    input: z.strictObject({ conversationId, text: replyText, quoteSeq: z.number().int().positive().nullable().default(null) }),
    output: z.object({ seq: z.number() }),
    access: answer,
    writes: true,
    ownTransactions: true,
  }),
  'chat.delete': procedure({ input: z.strictObject({ conversationId, seq: z.number().int().positive() }), output: z.object({ ok: z.literal(true) }), access: answer, writes: true, ownTransactions: true }),
  'chat.transfer': procedure({ input: z.strictObject({ conversationId, userId: uuid }), output: z.object({ ok: z.literal(true) }), access: answer, writes: true, ownTransactions: true }),
  /** Hands the conversation up: to the chosen colleague from `chat.targets`, or (none chosen) the next step up. */
  'chat.escalate': procedure({
    input: z.strictObject({ conversationId, userId: uuid.nullable().default(null) }),
    output: z.object({ ok: z.literal(true) }),
    access: answer,
    writes: true,
    ownTransactions: true,
  }),
  /** Whom the conversation may be handed up to, best first: more experienced and available ones marked. */
  'chat.targets': procedure({ input: z.strictObject({ conversationId }), output: z.array(chatTarget), access: answer, writes: false, ownTransactions: true }),
  'chat.close': procedure({ input: z.strictObject({ conversationId }), output: z.object({ ok: z.literal(true) }), access: answer, writes: true, ownTransactions: true }),
  // A signal to the visitor, not a read: it acts on the conversation like an answer does.
  'chat.typing': procedure({ input: z.strictObject({ conversationId }), output: z.object({ ok: z.literal(true) }), access: answer, writes: true, ownTransactions: true }),
  /** A client's conversations for the card: by the hub's client id, else the questionnaire's phone or e-mail. */
  'chat.clientHistory': procedure({ input: chatHistoryInput, output: chatHistory, access: read, writes: false }),
};
