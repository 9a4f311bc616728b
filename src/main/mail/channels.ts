import type { Kysely, Selectable } from 'kysely';
import nodemailer from 'nodemailer';
import type { NodemailerError } from 'nodemailer';
import type { DB, OutboxTable } from '../db/schema';
import type { CoreConfig } from '../config';
import { loadSmsAccount } from '../sms/account';
import { SmsSendError } from '../sms/gateway';
import { loadSmtpAccount, secretsFor, type Secrets, type SmtpAccount } from './smtpSettings';
import { EMAIL_CHANNEL, SMS_CHANNEL } from './outbox';

/**
 * How each channel of the outbox leaves: e-mail over the organization's SMTP account, text messages through its
 * SMS gateway. The sender (sender.ts) claims, retries and records the same way for both; a channel only sends one
 * row and says how a failure counts.
 */

export interface MailMessage {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  date: Date;
}

/** One SMTP session's worth of sending; `close` ends it. */
export interface MailTransport {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** nodemailer over SMTP: implicit TLS when `secure`, else STARTTLS whenever the server offers it. */
export function smtpTransport(account: SmtpAccount): MailTransport {
  const transporter = nodemailer.createTransport({
    pool: true,
    maxConnections: 1,
    host: account.host,
    port: account.port,
    secure: account.secure,
    auth: account.user ? { user: account.user, pass: account.password ?? '' } : undefined,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
    dnsTimeout: 20_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(m) {
      await transporter.sendMail({
        from: m.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        date: m.date,
        // The same id on every attempt: a receiver that got a message twice (sent, then the run died) can tell.
        messageId: `<${m.id}@${domainOf(m.from)}>`,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      });
    },
    close() {
      transporter.close();
    },
  };
}

function domainOf(from: string): string {
  const m = /@([A-Za-z0-9.-]+)/.exec(from);
  return m ? m[1]!.toLowerCase() : 'planora.invalid';
}

export interface ChannelDeps {
  db: Kysely<DB>;
  config: CoreConfig;
  /** Defaults to the data folder's secrets (secretsFor). */
  secrets?: Secrets;
  /** Defaults to nodemailer SMTP. */
  transport?: (account: SmtpAccount) => MailTransport;
}

export interface Failure {
  reason: string;
  /** Refused for good: not tried again. */
  permanent: boolean;
  /** About this message only: the rest of the batch may still go. */
  messageLevel: boolean;
}

/** An open channel of one organization. */
export interface Delivery {
  /** Resolves with the provider's reference of the message, where it gives one. */
  send(row: Selectable<OutboxTable>, now: Date): Promise<string | null>;
  failure(e: unknown): Failure;
  close(): void;
}

/** Rejections of this one message (its recipient, its content): the next message of the batch may still go. */
const MESSAGE_LEVEL = new Set(['EENVELOPE', 'EMESSAGE']);

function describe(e: unknown): string {
  const err = e as NodemailerError;
  const text = [err?.code, err?.originalCode && err.originalCode !== err.code ? err.originalCode : null, err?.response ?? (err instanceof Error ? err.message : String(e))]
    .filter(Boolean)
    .join(' ');
  return text.slice(0, 1000);
}

async function openEmail(deps: ChannelDeps, orgId: string): Promise<Delivery | null> {
  const account = await loadSmtpAccount(deps.db, orgId, deps.secrets ?? secretsFor(deps.config));
  if (!account) return null;
  const transport = (deps.transport ?? smtpTransport)(account);
  return {
    async send(row, now) {
      await transport.send({ id: row.id, from: account.from, to: row.recipient, subject: row.subject, text: row.body, date: now });
      return null;
    },
    failure(e) {
      const err = e as NodemailerError;
      const messageLevel = !!err?.code && MESSAGE_LEVEL.has(err.code);
      return { reason: describe(e), permanent: messageLevel && err.permanent === true, messageLevel };
    },
    close: () => transport.close(),
  };
}

async function openSms(deps: ChannelDeps, orgId: string): Promise<Delivery | null> {
  const account = await loadSmsAccount(deps.db, orgId, deps.secrets ?? secretsFor(deps.config));
  if (!account) return null;
  return {
    async send(row) {
      return (await account.gateway.send({ to: row.recipient, text: row.body, from: account.from })).providerRef;
    },
    failure(e) {
      if (e instanceof SmsSendError) return { reason: e.message.slice(0, 1000), permanent: !e.retryable, messageLevel: !e.accountLevel };
      return { reason: (e instanceof Error ? e.message : String(e)).slice(0, 1000), permanent: false, messageLevel: false };
    },
    close: () => undefined,
  };
}

/** The organization's channel, or null while it is not set up (its messages wait). Throws when its secrets cannot be opened. */
export function openChannel(deps: ChannelDeps, orgId: string, channel: string): Promise<Delivery | null> {
  if (channel === EMAIL_CHANNEL) return openEmail(deps, orgId);
  if (channel === SMS_CHANNEL) return openSms(deps, orgId);
  return Promise.resolve(null);
}
