import { sql, type Kysely, type Selectable } from 'kysely';
import { z } from 'zod';
import type { DB, OutboxTable } from '../db/schema';
import type { Clock } from '../clock';
import { isoNow } from '../clock';
import type { CoreConfig } from '../config';
import { newId } from '../db/ids';
import { me, type Ctx } from '../api/context';
import type { OutboxRow, OutboxStatus } from '../../shared/api/mail';
import { mailError } from './smtpSettings';

/**
 * The outbox: a change and the mail it causes are written in one transaction, so nothing acknowledged is lost;
 * the sender job (sender.ts) delivers the rows later, with retries, and never inside anyone's transaction.
 */

export const EMAIL_CHANNEL = 'email';
export const SMS_CHANNEL = 'sms';
/** ref_entity of a test message from the settings screen: tried once, never retried. */
export const TEST_REF = 'mail_test';
export const SMS_TEST_REF = 'sms_test';
export const TEST_REFS: ReadonlySet<string> = new Set([TEST_REF, SMS_TEST_REF]);

export interface QueueCtx {
  /** The caller's open transaction. */
  db: Kysely<DB>;
  clock: Clock;
  config?: CoreConfig;
  /** When present, the sender is woken once the transaction has committed instead of at its next minute. */
  afterCommit?(fn: () => void): void;
}

export interface MailToQueue {
  orgId: string;
  to: string;
  subject: string;
  body: string;
  refEntity?: string | null;
  refId?: string | null;
}

const address = z.email().max(254);

/** Inserts one message into the outbox inside the caller's transaction; it commits (or rolls back) with the change. */
export async function enqueueMail(ctx: QueueCtx, mail: MailToQueue): Promise<string> {
  if (!address.safeParse(mail.to).success) throw new Error(`not an e-mail address: ${mail.to}`);
  return enqueue(ctx, EMAIL_CHANNEL, mail);
}

export interface SmsToQueue {
  orgId: string;
  /** E.164. */
  to: string;
  text: string;
  refEntity?: string | null;
  refId?: string | null;
}

/** A text message, queued like mail in the caller's transaction (channel `sms`); the sender delivers it through the organization's gateway. */
export async function enqueueSms(ctx: QueueCtx, sms: SmsToQueue): Promise<string> {
  if (!/^\+[1-9]\d{6,14}$/.test(sms.to)) throw new Error(`not a phone number in E.164: ${sms.to}`);
  return enqueue(ctx, SMS_CHANNEL, { orgId: sms.orgId, to: sms.to, subject: '', body: sms.text, refEntity: sms.refEntity, refId: sms.refId });
}

async function enqueue(ctx: QueueCtx, channel: string, mail: MailToQueue): Promise<string> {
  const id = newId(ctx.clock);
  const now = isoNow(ctx.clock);
  await ctx.db
    .insertInto('outbox')
    .values({
      id,
      org_id: mail.orgId,
      channel,
      recipient: mail.to,
      subject: mail.subject,
      body: mail.body,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      ref_entity: mail.refEntity ?? null,
      ref_id: mail.refId ?? null,
      created_at: now,
      sent_at: null,
    })
    .execute();
  const config = ctx.config;
  if (config && ctx.afterCommit) ctx.afterCommit(() => wakeSender(config));
  return id;
}

/** The last message queued to `recipient` about `refId`, to avoid sending the same words twice. */
export async function lastQueued(db: Kysely<DB>, refId: string, recipient: string): Promise<Pick<Selectable<OutboxTable>, 'subject' | 'body'> | undefined> {
  return db
    .selectFrom('outbox')
    .select(['subject', 'body'])
    .where('ref_id', '=', refId)
    .where(sql`lower(recipient)`, '=', recipient.toLowerCase())
    // Insertion order: ids made in the same millisecond do not sort by creation.
    .orderBy(sql`rowid`, 'desc')
    .limit(1)
    .executeTakeFirst();
}

// ---- waking the sender ----

const senders = new WeakMap<CoreConfig, () => void>();

/** The running sender of a core registers here, so a committed change is mailed within seconds. */
export function registerSender(config: CoreConfig, wake: () => void): () => void {
  senders.set(config, wake);
  return () => {
    if (senders.get(config) === wake) senders.delete(config);
  };
}

function wakeSender(config: CoreConfig): void {
  senders.get(config)?.();
}

// ---- the admin's view ----

export function toOutboxRow(r: Selectable<OutboxTable>): OutboxRow {
  return {
    id: r.id,
    channel: r.channel,
    recipient: r.recipient,
    // A text message has no subject: the list shows its words.
    subject: r.channel === SMS_CHANNEL ? r.body : r.subject,
    status: r.status as OutboxStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    refEntity: r.ref_entity,
    refId: r.ref_id,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    providerRef: r.provider_ref,
  };
}

export async function listOutbox(ctx: Ctx, input: { status?: OutboxStatus; channel?: string; limit: number; offset: number }): Promise<{ rows: OutboxRow[]; total: number }> {
  const { orgId } = me(ctx);
  let q = ctx.db.selectFrom('outbox').where('org_id', '=', orgId);
  if (input.status) q = q.where('status', '=', input.status);
  if (input.channel) q = q.where('channel', '=', input.channel);
  const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy(sql`rowid`, 'desc').limit(input.limit).offset(input.offset).execute();
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows: rows.map(toOutboxRow), total: Number(n) };
}

export async function getOutboxRow(ctx: Ctx, id: string): Promise<Selectable<OutboxTable>> {
  const row = await ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).where('org_id', '=', me(ctx).orgId).executeTakeFirst();
  if (!row) throw mailError('not_found', 'outbox_not_found', 'id');
  return row;
}

/** A failed message goes back in the queue with a fresh count of attempts. */
export async function retryOutbox(ctx: Ctx, id: string): Promise<OutboxRow> {
  const row = await getOutboxRow(ctx, id);
  if (row.status !== 'failed') throw mailError('conflict', 'outbox_not_failed', 'id');
  await ctx.db.updateTable('outbox').set({ status: 'pending', attempts: 0, next_attempt_at: isoNow(ctx.clock) }).where('id', '=', id).where('status', '=', 'failed').execute();
  const config = ctx.config;
  ctx.afterCommit(() => wakeSender(config));
  return toOutboxRow(await getOutboxRow(ctx, id));
}
