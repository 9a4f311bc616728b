import { z } from 'zod';
import { procedure } from './contract';
import { id, okOutput, requiredText } from './common';
import { NOTICE_CHANNELS } from '../rules/tasks/notices';

/**
 * Employee notices of assigned tasks (issue 12): how each employee hears of a task per priority, what was sent for a
 * task and whether it was acknowledged or escalated, the phone links' revocation, and the organization's escalation
 * minutes.
 */
export const taskNotice = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string().nullable(),
  priority: z.string(),
  channel: z.enum(NOTICE_CHANNELS),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** A phone link was sent (its token is in the message only). */
  linkExpiresAt: z.string().nullable(),
  linkRevokedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedVia: z.string().nullable(),
  escalatedAt: z.string().nullable(),
});

const channel = z.enum(NOTICE_CHANNELS);
export const noticePrefs = z.strictObject({
  urgent: channel,
  medium: channel,
  notUrgent: channel,
  /** Where text notices go; typed as the person writes it, kept in E.164. */
  phone: requiredText(32).nullable(),
});
export const noticeSettings = z.strictObject({ escalateMinutes: z.number().int().min(1).max(1440) });

const read = { module: 'tasks', action: 'read' } as const;

export const taskNoticesApi = {
  'tasks.notices.list': procedure({ input: z.strictObject({ taskId: id }), output: z.array(taskNotice), access: read, writes: false }),
  /** Withdraws every phone link of the task: the hub is told by the notices job (at once, or when it is back). */
  'tasks.notices.revoke': procedure({ input: z.strictObject({ taskId: id }), output: okOutput, access: { module: 'tasks', action: 'write' }, writes: true }),
  /** One's own preferences; a user administrator's, or a manager's of the people of their branches (checked in main). */
  'tasks.notices.prefs': procedure({ input: z.strictObject({ userId: id }), output: noticePrefs, access: read, writes: false }),
  'tasks.notices.savePrefs': procedure({ input: z.strictObject({ userId: id, prefs: noticePrefs }), output: noticePrefs, access: read, writes: true }),
  'tasks.notices.settings': procedure({ input: z.strictObject({}), output: noticeSettings, access: read, writes: false }),
  'tasks.notices.saveSettings': procedure({ input: noticeSettings, output: noticeSettings, access: { module: 'tasks', action: 'approve' }, writes: true }),
};

/** A task the desktop made from a website chat, told to its responsible person's windows (an OS pop-up opens it). */
export const taskFromChat = z.object({ taskId: z.string(), number: z.string().nullable(), clientName: z.string().nullable(), conversationId: z.string() });
export const taskEscalated = z.object({ taskId: z.string(), number: z.string().nullable(), employeeName: z.string() });
