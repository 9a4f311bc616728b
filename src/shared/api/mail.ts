import { z } from 'zod';
import { procedure } from './contract';
import { byId, email, id, optionalText, pageOf, plainString, requiredText } from './common';

/** What an outbox row can be: waiting (or waiting to retry), being sent right now, delivered, or given up on. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
/** E-mail, or a text message to a phone (src/shared/api/sms.ts). */
export const OUTBOX_CHANNELS = ['email', 'sms'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/** SMTP hosts: a DNS name or an IP address, nothing that could smuggle a URL or a command. */
const host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)$/);

/** The organization's SMTP account as an admin sees it: the password never leaves main, only whether one is stored. */
export const mailSettings = z.object({
  /** False until someone saves settings; until then changes queue no mail. */
  configured: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  /** TLS from the first byte (usually port 465); otherwise STARTTLS when the server offers it (587, 25). */
  secure: z.boolean(),
  user: z.string().nullable(),
  from: z.string(),
  hasPassword: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type MailSettings = z.infer<typeof mailSettings>;

export const mailSettingsInput = z.strictObject({
  host,
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  /** Blank or null: the server takes mail without logging in. */
  user: optionalText(254),
  /** Omitted: keep the stored password. Null or blank: forget it. Otherwise: replace it. */
  password: plainString(1024).nullable().optional(),
  /** The sender address, optionally with a display name: `Planora <noreply@example.lv>` or `noreply@example.lv`. */
  from: requiredText(320),
});
export type MailSettingsInput = z.infer<typeof mailSettingsInput>;

export const outboxRow = z.object({
  id,
  channel: z.string(),
  recipient: z.string(),
  subject: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  refEntity: z.string().nullable(),
  refId: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** The SMS gateway's reference of a delivered text message. */
  providerRef: z.string().nullable(),
});
export type OutboxRow = z.infer<typeof outboxRow>;

export const mailApi = {
  'mail.getSettings': procedure({ input: z.strictObject({}), output: mailSettings, access: { module: 'organization', action: 'read' }, writes: false }),
  'mail.setSettings': procedure({ input: mailSettingsInput, output: mailSettings, access: { module: 'organization', action: 'write' }, writes: true }),
  /**
   * Queues one test message, tried once and at once (no retries); the outbox row shows the server's answer within seconds.
   * Not sent inside the call: a slow server must never hold the database while the SMTP dialogue runs.
   */
  'mail.test': procedure({ input: z.strictObject({ to: email }), output: outboxRow, access: { module: 'organization', action: 'write' }, writes: true }),
  /** Outgoing mail and text messages, newest first: the admin's view of what left, what waits and why. */
  'mail.outbox': procedure({
    input: z.strictObject({
      status: z.enum(OUTBOX_STATUSES).optional(),
      channel: z.enum(OUTBOX_CHANNELS).optional(),
      limit: z.number().int().min(1).max(500),
      offset: z.number().int().min(0).max(10_000_000),
    }),
    output: pageOf(outboxRow),
    access: { module: 'organization', action: 'write' },
    writes: false,
  }),
  /** Puts a failed message back in the queue with a fresh count of attempts. */
  'mail.retry': procedure({ input: byId, output: outboxRow, access: { module: 'organization', action: 'write' }, writes: true }),
} as const;
