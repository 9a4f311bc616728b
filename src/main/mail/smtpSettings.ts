import path from 'node:path';
import type { Kysely, Selectable } from 'kysely';
import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';
import type { DB, MailSettingTable } from '../db/schema';
import type { CoreConfig } from '../config';
import { me, type Ctx } from '../api/context';
import { AppError } from '../api/errors';
import { SecretBox, SecretsLockedError, loadOrCreateKeyFile } from '../secrets';
import type { MailSettings, MailSettingsInput } from '../../shared/api/mail';
import { syncedRows } from '../api/funnel';

/** Seals and opens secrets; `context` binds a sealed value to its field and organization. */
export interface Secrets {
  encrypt(plaintext: string, context: string): string;
  decrypt(sealed: string, context: string): string;
}

const boxes = new WeakMap<CoreConfig, Secrets>();

/**
 * The data folder's secrets: the key the desktop app hands the core (`config.secretKey`, kept by the OS key store),
 * else web mode's 0600 key file beside the database, made on first use.
 */
export function secretsFor(config: CoreConfig): Secrets {
  let secrets = boxes.get(config);
  if (!secrets) {
    // Opened at first use: settings without a password still save when the key is out of reach (web mode on the
    // desktop app's folder), and only the password itself is refused, with a message that says why.
    let box: SecretBox | undefined;
    const open = () => (box ??= new SecretBox((config as CoreConfig & { secretKey?: Uint8Array }).secretKey ?? webKey(config)));
    secrets = { encrypt: (plaintext, context) => open().encrypt(plaintext, context), decrypt: (sealed, context) => open().decrypt(sealed, context) };
    boxes.set(config, secrets);
  }
  return secrets;
}

function webKey(config: CoreConfig): Buffer {
  try {
    return loadOrCreateKeyFile(path.join(config.dataDir, 'secret.key'));
  } catch (e) {
    if (e instanceof SecretsLockedError) throw new AppError({ code: 'conflict', key: 'errors.secrets_locked' });
    throw e;
  }
}

export const passwordContext = (orgId: string) => `smtp.password:${orgId}`;

/** A refusal with a key of the mail namespace (src/shared/i18n/en.json → mail.errors.*). */
export function mailError(code: 'validation' | 'conflict' | 'not_found', key: string, field?: string, params?: Record<string, string | number>): AppError {
  return new AppError({ code, key: `mail.errors.${key}`, field, params });
}

/** What the sender needs to talk to the organization's server; the password opened only here, only for sending. */
export interface SmtpAccount {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
}

async function settingsRow(db: Kysely<DB>, orgId: string): Promise<Selectable<MailSettingTable> | undefined> {
  return db.selectFrom('mail_setting').selectAll().where('org_id', '=', orgId).where('deleted_at', 'is', null).executeTakeFirst();
}

/** Whether the organization sends mail at all: until an admin saves SMTP settings, changes queue nothing. */
export async function mailConfigured(db: Kysely<DB>, orgId: string): Promise<boolean> {
  return !!(await db.selectFrom('mail_setting').select('id').where('org_id', '=', orgId).where('deleted_at', 'is', null).executeTakeFirst());
}

export async function loadSmtpAccount(db: Kysely<DB>, orgId: string, secrets: Secrets): Promise<SmtpAccount | null> {
  const row = await settingsRow(db, orgId);
  if (!row) return null;
  return {
    host: row.host,
    port: row.port,
    secure: row.secure === 1,
    user: row.user,
    password: row.password_enc ? secrets.decrypt(row.password_enc, passwordContext(orgId)) : null,
    from: row.from_address,
  };
}

function toSettings(row: Selectable<MailSettingTable> | undefined): MailSettings {
  if (!row) return { configured: false, host: '', port: 587, secure: false, user: null, from: '', hasPassword: false, updatedAt: null };
  return { configured: true, host: row.host, port: row.port, secure: row.secure === 1, user: row.user, from: row.from_address, hasPassword: !!row.password_enc, updatedAt: row.updated_at };
}

export async function getMailSettings(ctx: Ctx): Promise<MailSettings> {
  return toSettings(await settingsRow(ctx.db, me(ctx).orgId));
}

const plainAddress = z.email();

/** One SMTP account per organization, written through the funnel like any synced row (its password stays sealed). */
const mailSettingRows = syncedRows({ table: 'mail_setting', module: 'organization' });

/** `Name <a@b.lv>` or `a@b.lv`, exactly one mailbox; returned as typed (trimmed). */
export function checkFrom(from: string): string {
  const parsed = addressparser(from);
  const one = parsed.length === 1 ? parsed[0] : undefined;
  if (!one || one.group || !plainAddress.safeParse(one.address).success || /[\r\n]/.test(from)) throw mailError('validation', 'from_invalid', 'from');
  return from.trim();
}

export async function setMailSettings(ctx: Ctx, input: MailSettingsInput, secrets: Secrets): Promise<MailSettings> {
  const { orgId } = me(ctx);
  const before = await settingsRow(ctx.db, orgId);
  const user = input.user?.trim() || null;
  let passwordEnc: string | null;
  if (input.password === undefined) passwordEnc = before?.password_enc ?? null;
  else passwordEnc = input.password ? secrets.encrypt(input.password, passwordContext(orgId)) : null;
  if (passwordEnc && !user) throw mailError('validation', 'user_required', 'user');
  const values = { host: input.host.toLowerCase(), port: input.port, secure: input.secure ? 1 : 0, user, password_enc: passwordEnc, from_address: checkFrom(input.from) };

  // The audit says that the password changed, never what it is.
  const visible = (r: typeof values | Selectable<MailSettingTable> | undefined) =>
    r ? { host: r.host, port: r.port, secure: r.secure, user: r.user, from_address: r.from_address, password: r.password_enc ? 'set' : null } : null;
  const passwordChanged = input.password !== undefined && (input.password || before?.password_enc);
  const audit = {
    entityId: null,
    summary: `${values.host}:${values.port}${passwordChanged ? ' (password changed)' : ''}`,
    before: visible(before),
    after: { ...visible(values), ...(passwordChanged ? { password: values.password_enc ? 'changed' : null } : {}) },
  };
  if (before) await mailSettingRows.in(ctx).update(before, values, { audit });
  else await mailSettingRows.in(ctx).insert(values, { audit });
  return toSettings(await settingsRow(ctx.db, orgId));
}
