import { z } from 'zod';

/**
 * The website chat's wire protocol: the visitor's socket (`/chat/v1/visitor`), the operator's socket
 * (`/hub/v1/chat/operator`) and the visitor's HTTP steps before them. Both ends parse every frame with these schemas.
 *
 * Order and resumption: every change of an organization's chat (a new message, a deleted one, a conversation's new
 * state) takes the next number of that organization's `rev`, in commit order. A socket's cursor is the last `rev` it
 * was sent; a reconnecting client sends it back (`resume.after`) and is sent every later change once, in `rev` order.
 * Within a conversation, messages are numbered by `seq` (1, 2, 3 …); an acknowledgement carries the stored `seq`.
 */

/** A message's text: what a person types in a chat box, not a document. */
export const CHAT_TEXT_MAX = 2000;
/** The largest frame either socket accepts, in bytes (a text of CHAT_TEXT_MAX in any script, with its envelope). */
export const CHAT_FRAME_MAX = 16 * 1024;
export const CHAT_ANSWER_MAX = 200;
export const CHAT_PAGE_MAX = 500;

export const CHAT_FIELDS = ['name', 'phone', 'email', 'topic'] as const;
export type ChatField = (typeof CHAT_FIELDS)[number];

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** A client's id for a frame it may send again after a reconnect: the hub stores it once. */
const clientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
// Control characters other than tab and line breaks make no sense in a chat and hide things from the reader.
const text = z
  .string()
  .max(CHAT_TEXT_MAX)
  .refine((s) => s.trim().length > 0, 'empty')
  .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), 'control');
const cursor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Which questionnaire fields are asked and which are required: the organization's synced chat settings. */
export const questionnaire = z.object({
  ask: z.array(z.enum(CHAT_FIELDS)).max(CHAT_FIELDS.length),
  require: z.array(z.enum(CHAT_FIELDS)).max(CHAT_FIELDS.length),
  /** Topics to choose from; none: the topic is not asked. */
  topics: z.array(z.string().min(1).max(80)).max(30),
});
export type Questionnaire = z.infer<typeof questionnaire>;

/** The organization's block list: IPv4 or IPv6 networks in CIDR form (a bare address is its own /32 or /128). */
export const blockListChange = z.object({
  add: z.array(z.string().min(2).max(50)).max(500).default([]),
  remove: z.array(z.string().min(2).max(50)).max(500).default([]),
});

export const answers = z.object({
  name: z.string().trim().max(CHAT_ANSWER_MAX).optional(),
  phone: z.string().trim().max(CHAT_ANSWER_MAX).optional(),
  email: z.string().trim().max(CHAT_ANSWER_MAX).optional(),
  topic: z.string().trim().max(CHAT_ANSWER_MAX).optional(),
});
export type ChatAnswers = z.infer<typeof answers>;

/** `POST /chat/v1/start/<orgId>`: the questionnaire, the solved proof of work, where the chat began. */
export const startRequest = z.object({
  altcha: z.string().min(1).max(2000),
  answers,
  page: z.string().max(CHAT_PAGE_MAX),
  language: z.enum(['en', 'lv', 'ru', 'lt', 'ro', 'hy']),
});
export const startResponse = z.object({ conversationId: id, token: z.string() });

/**
 * When the staff answer, as the widget says it: now, or from the next start of anyone's working hours (the branch's
 * wall date and time, and whether that is today or tomorrow there), or unknown. The shape of `onlineStatus`'s result.
 */
export const onlineStatusView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('now') }),
  z.object({ kind: z.literal('from'), at: z.string(), zone: z.string(), date: z.string(), time: z.string(), day: z.enum(['today', 'tomorrow', 'later']) }),
  z.object({ kind: z.literal('unknown') }),
]);
export type OnlineStatusView = z.infer<typeof onlineStatusView>;

/** `GET /chat/v1/config/<orgId>`: what the widget shows before a conversation. */
export const configResponse = z.object({
  texts: z.record(z.string(), z.string()),
  questionnaire,
  logoUrl: z.string().nullable(),
  online: z.boolean(),
  /** From the staff's working hours and presence; `online` alone says only whether an operator is connected. */
  status: onlineStatusView,
  /** The organization's greeting in the visitor's language, if it wrote one. */
  greeting: z.string().nullable(),
  textMax: z.number(),
});

// ---- The messages both sockets carry (hub → client) ----

export const author = z.enum(['visitor', 'operator']);

export const messageFrame = z.object({
  t: z.literal('message'),
  conversationId: id,
  seq: z.number().int().positive(),
  rev: cursor,
  author,
  /** The operator who wrote it; null for the visitor. */
  userId: id.nullable(),
  /** Shown to the visitor above an operator's message: the organization's name for them. */
  name: z.string().nullable(),
  text: z.string(),
  quoteSeq: z.number().int().positive().nullable(),
  at: z.number(),
});
export type MessageFrame = z.infer<typeof messageFrame>;

export const deletedFrame = z.object({ t: z.literal('deleted'), conversationId: id, seq: z.number().int().positive(), rev: cursor });
export const typingFrame = z.object({ t: z.literal('typing'), conversationId: id, author });
export const ackFrame = z.object({ t: z.literal('ack'), clientId, seq: z.number().int().positive().nullable(), rev: cursor });
export const errorFrame = z.object({ t: z.literal('error'), clientId: clientId.nullable(), code: z.string(), retryAfterS: z.number().optional() });

export const conversationView = z.object({
  id,
  status: z.enum(['open', 'closed']),
  answers,
  ip: z.string(),
  page: z.string(),
  language: z.string(),
  assigneeId: id.nullable(),
  startedAt: z.number(),
  lastMessageAt: z.number().nullable(),
  visitorSeenAt: z.number().nullable(),
  rev: cursor,
  /** The organization's client the questionnaire's phone or e-mail matched; null: not recognised. */
  clientId: id.nullable().default(null),
});
export type ConversationView = z.infer<typeof conversationView>;
export const conversationFrame = z.object({ t: z.literal('conversation'), conversation: conversationView });

/** The visitor's socket says hello with what the widget shows: who answers, whether anyone is online. */
export const visitorHello = z.object({
  t: z.literal('hello'),
  conversationId: id,
  status: z.enum(['open', 'closed']),
  online: z.boolean(),
  assignee: z.object({ name: z.string().nullable(), photoUrl: z.string().nullable() }).nullable(),
});
export const statusFrame = z.object({ t: z.literal('status'), status: z.enum(['open', 'closed']), assignee: visitorHello.shape.assignee });

export const visitorInbound = z.discriminatedUnion('t', [messageFrame, deletedFrame, typingFrame, ackFrame, errorFrame, visitorHello, statusFrame]);
export type VisitorInbound = z.infer<typeof visitorInbound>;

export const operatorHello = z.object({ t: z.literal('hello'), userId: id, orgId: id });
export const listFrame = z.object({ t: z.literal('conversations'), conversations: z.array(conversationView), rev: cursor });
/** Whom the conversation may be handed to, best first (the answer to an operator's `targets`). */
export const targetsFrame = z.object({
  t: z.literal('targets'),
  conversationId: id,
  targets: z.array(z.object({ userId: id, available: z.boolean(), moreExperienced: z.boolean() })),
});
export const operatorInbound = z.discriminatedUnion('t', [messageFrame, deletedFrame, typingFrame, ackFrame, errorFrame, conversationFrame, operatorHello, listFrame, targetsFrame]);
export type OperatorInbound = z.infer<typeof operatorInbound>;

// ---- What the clients send (client → hub) ----

const resume = z.object({ t: z.literal('resume'), after: cursor });
const typing = z.object({ t: z.literal('typing') });

export const visitorOutbound = z.discriminatedUnion('t', [resume, typing, z.object({ t: z.literal('send'), clientId, text })]);
export type VisitorOutbound = z.infer<typeof visitorOutbound>;

export const operatorOutbound = z.discriminatedUnion('t', [
  resume,
  z.object({ t: z.literal('list') }),
  z.object({ t: z.literal('typing'), conversationId: id }),
  z.object({ t: z.literal('reply'), clientId, conversationId: id, text, quoteSeq: z.number().int().positive().nullable().default(null) }),
  z.object({ t: z.literal('delete'), clientId, conversationId: id, seq: z.number().int().positive() }),
  z.object({ t: z.literal('transfer'), clientId, conversationId: id, userId: id }),
  z.object({ t: z.literal('close'), clientId, conversationId: id }),
  /** Hands the conversation up: to the chosen colleague, or (none chosen) to the next more experienced one available. */
  z.object({ t: z.literal('escalate'), clientId, conversationId: id, userId: id.nullable().default(null) }),
  /** Asks whom the conversation may be handed to (answered with `targets`). */
  z.object({ t: z.literal('targets'), conversationId: id }),
]);
export type OperatorOutbound = z.infer<typeof operatorOutbound>;

/** Error codes a socket sends back (`error.code`). */
export const CHAT_ERRORS = ['chat.bad_frame', 'chat.rate_limited', 'chat.closed', 'chat.not_found', 'chat.not_yours', 'chat.unknown_user', 'chat.no_one_up'] as const;
