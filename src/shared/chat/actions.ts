import { z } from 'zod';

/**
 * What the hub's chat asks of the organization's desktop, which stays the only writer of synced rows: a task for the
 * client's responsible person, linked to the client, the request and the conversation (and a text message to them if
 * they asked for one). The desktop pulls them after a cursor and applies each once, by its id.
 */

const id = z.string().min(1).max(64);

export const chatTaskPayload = z.object({
  userId: id,
  clientId: id,
  request: z.object({ kind: z.enum(['intervention', 'task']), id }),
  /** The questionnaire's answers, for the task's subject and description. */
  answers: z.object({ name: z.string().optional(), phone: z.string().optional(), email: z.string().optional(), topic: z.string().optional() }),
  page: z.string(),
  /** The responsible person asked for a text message when a visitor starts a chat with them. */
  sms: z.boolean(),
});
export type ChatTaskPayload = z.infer<typeof chatTaskPayload>;

export const chatAction = z.object({
  /** One per conversation and kind: the same action queued twice is one. */
  id: z.string(),
  seq: z.number().int(),
  kind: z.string(),
  conversationId: z.string(),
  branchId: z.string(),
  /** Epoch ms, the hub's clock when it was queued. */
  at: z.number().int(),
  payload: z.unknown(),
});
export type ChatAction = z.infer<typeof chatAction>;

export const chatActionPullRequest = z.strictObject({
  cursor: z.number().int().min(0),
  limit: z.number().int().min(1).max(500).default(200),
});
export const chatActionPullResponse = z.object({ actions: z.array(chatAction), cursor: z.number().int(), more: z.boolean() });

/** The id of a conversation's linked-task action. */
export const chatTaskActionId = (conversationId: string) => `chat-task-${conversationId}`;
