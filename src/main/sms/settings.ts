import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema';
import { me, type Ctx } from '../api/context';
import { AppError } from '../api/errors';
import { syncedRows } from '../api/funnel';
import { toE164 } from '../../shared/rules/phone';
import { orgCountry } from '../rules/phone';
import { SMS_BODY_FORMATS, SMS_HTTP_METHODS, SMS_PROVIDERS, TWILIO_BASE_URL, type SmsSettings, type SmsSettingsInput } from '../../shared/api/sms';
import { fillTemplate } from './httpGateway';

/**
 * The organization's SMS settings: one `module_setting` row (module `sms`), its secrets sealed inside it like the
 * SMTP password (bound to their field and organization), written through the funnel, audited without the secrets.
 */

/** Seals and opens secrets (the data folder's key: mail's `secretsFor`). */
export interface Sealer {
  encrypt(plaintext: string, context: string): string;
  decrypt(sealed: string, context: string): string;
}

const MODULE = 'sms';
const KEY = 'settings';
export const tokenContext = (orgId: string) => `sms.twilio.authToken:${orgId}`;
export const secretContext = (orgId: string) => `sms.http.secret:${orgId}`;

const stored = z.object({
  enabled: z.boolean(),
  provider: z.enum(SMS_PROVIDERS),
  sender: z.string(),
  twilio: z.object({ baseUrl: z.string(), accountSid: z.string(), authTokenSealed: z.string().nullable() }),
  http: z.object({
    method: z.enum(SMS_HTTP_METHODS),
    url: z.string(),
    headers: z.array(z.object({ name: z.string(), value: z.string() })),
    format: z.enum(SMS_BODY_FORMATS),
    bodyTemplate: z.string(),
    secretSealed: z.string().nullable(),
  }),
});
export type StoredSms = z.infer<typeof stored>;

/** A refusal with a key of the sms namespace (src/shared/i18n/en.json → sms.errors.*). */
export function smsError(code: 'validation' | 'conflict' | 'not_found', key: string, field?: string): AppError {
  return new AppError({ code, key: `sms.errors.${key}`, field });
}

async function settingsRow(db: Kysely<DB>, orgId: string) {
  return db.selectFrom('module_setting').selectAll().where('org_id', '=', orgId).where('module', '=', MODULE).where('key', '=', KEY).where('deleted_at', 'is', null).executeTakeFirst();
}

/** The stored settings, or null until an admin saves them (or when the row cannot be read: nothing is sent then). */
export async function loadStoredSms(db: Kysely<DB>, orgId: string): Promise<StoredSms | null> {
  const row = await settingsRow(db, orgId);
  if (!row) return null;
  const parsed = stored.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : null;
}

/** Whether bookings of the organization queue a message. */
export async function smsEnabled(db: Kysely<DB>, orgId: string): Promise<boolean> {
  return (await loadStoredSms(db, orgId))?.enabled ?? false;
}

function toSettings(s: StoredSms | null, updatedAt: string | null): SmsSettings {
  const v = s ?? {
    enabled: false,
    provider: 'twilio' as const,
    sender: '',
    twilio: { baseUrl: TWILIO_BASE_URL, accountSid: '', authTokenSealed: null },
    http: { method: 'POST' as const, url: '', headers: [], format: 'json' as const, bodyTemplate: '{"to": "{to}", "from": "{from}", "text": "{text}"}', secretSealed: null },
  };
  return {
    configured: !!s,
    enabled: v.enabled,
    provider: v.provider,
    sender: v.sender,
    twilio: { baseUrl: v.twilio.baseUrl, accountSid: v.twilio.accountSid, hasAuthToken: !!v.twilio.authTokenSealed },
    http: { method: v.http.method, url: v.http.url, headers: v.http.headers, format: v.http.format, bodyTemplate: v.http.bodyTemplate, hasSecret: !!v.http.secretSealed },
    updatedAt,
  };
}

export async function getSmsSettings(ctx: Pick<Ctx, 'db' | 'user'>): Promise<SmsSettings> {
  const row = await settingsRow(ctx.db, me(ctx).orgId);
  return toSettings(row ? await loadStoredSms(ctx.db, me(ctx).orgId) : null, row?.updated_at ?? null);
}

/** https anywhere; plain http only to this machine or a private network (a gateway phone on the office's Wi-Fi). */
export function gatewayUrlOk(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === 'https:') return true;
  if (u.protocol !== 'http:') return false;
  return /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2})$/.test(u.hostname);
}

/** A number in E.164 (read against the organization's country) or an alphanumeric name of 1–11 characters with a letter. */
export function checkSender(raw: string, country: string): string {
  const s = raw.trim();
  if (/^[A-Za-z0-9 ]{1,11}$/.test(s) && /[A-Za-z]/.test(s)) return s;
  const e164 = /^[+\d][\d\s().-]+$/.test(s) ? toE164(s, country) : null;
  if (!e164) throw smsError('validation', 'sender_invalid', 'sender');
  return e164;
}

const SAMPLE = { to: '+37060000000', text: 'Sample "text"\nline 2', from: 'Planora', secret: 'key' };

function checkHttp(input: SmsSettingsInput['http']): void {
  if (!gatewayUrlOk(input.url)) throw smsError('validation', 'url_invalid', 'http.url');
  // A header carries bytes: what the admin types there is sent as it is, so it must be plain ASCII.
  if (input.headers.some((h) => !/^[\t\x20-\x7e]*$/.test(h.value))) throw smsError('validation', 'header_invalid', 'http.headers');
  const everything = [input.url, input.method === 'GET' ? '' : input.bodyTemplate, ...input.headers.map((h) => h.value)].join('\n');
  if (!everything.includes('{to}') || !everything.includes('{text}')) throw smsError('validation', 'placeholders_missing', input.method === 'GET' ? 'http.url' : 'http.bodyTemplate');
  if (input.method !== 'GET' && input.format === 'json') {
    try {
      JSON.parse(fillTemplate(input.bodyTemplate, SAMPLE, (v) => JSON.stringify(v).slice(1, -1)));
    } catch {
      throw smsError('validation', 'body_not_json', 'http.bodyTemplate');
    }
  }
}

/** Replaces, keeps (undefined) or forgets (null or blank) a sealed secret. */
function reseal(given: string | null | undefined, before: string | null, seal: (s: string) => string): string | null {
  if (given === undefined) return before;
  return given ? seal(given) : null;
}

const settingRows = syncedRows({ table: 'module_setting', module: 'organization', entity: 'sms_settings' });

export async function setSmsSettings(ctx: Ctx, input: SmsSettingsInput, secrets: Sealer): Promise<SmsSettings> {
  const { orgId } = me(ctx);
  const sender = checkSender(input.sender, await orgCountry(ctx.db, orgId));
  const before = await loadStoredSms(ctx.db, orgId);
  const next: StoredSms = {
    enabled: input.enabled,
    provider: input.provider,
    sender,
    twilio: {
      baseUrl: input.twilio.baseUrl.trim() || TWILIO_BASE_URL,
      accountSid: input.twilio.accountSid?.trim() ?? '',
      authTokenSealed: reseal(input.twilio.authToken, before?.twilio.authTokenSealed ?? null, (s) => secrets.encrypt(s, tokenContext(orgId))),
    },
    http: {
      method: input.http.method,
      url: input.http.url.trim(),
      headers: input.http.headers,
      format: input.http.format,
      bodyTemplate: input.http.bodyTemplate,
      secretSealed: reseal(input.http.secret, before?.http.secretSealed ?? null, (s) => secrets.encrypt(s, secretContext(orgId))),
    },
  };
  if (next.provider === 'twilio') {
    if (!gatewayUrlOk(next.twilio.baseUrl)) throw smsError('validation', 'url_invalid', 'twilio.baseUrl');
    if (!/^AC[0-9a-fA-F]{32}$/.test(next.twilio.accountSid)) throw smsError('validation', 'account_sid_invalid', 'twilio.accountSid');
    if (!next.twilio.authTokenSealed) throw smsError('validation', 'token_required', 'twilio.authToken');
  } else checkHttp(input.http);

  // The audit says that a secret changed, never what it is.
  const visible = (s: StoredSms | null) =>
    s && { ...s, twilio: { ...s.twilio, authTokenSealed: undefined, authToken: s.twilio.authTokenSealed ? 'set' : null }, http: { ...s.http, secretSealed: undefined, secret: s.http.secretSealed ? 'set' : null } };
  const changed = [input.twilio.authToken !== undefined && 'token', input.http.secret !== undefined && 'secret'].filter(Boolean);
  const audit = { entityId: null, summary: `${next.provider} ${next.enabled ? 'on' : 'off'}${changed.length ? ` (${changed.join(', ')} changed)` : ''}`, before: visible(before), after: visible(next) };
  const row = await settingsRow(ctx.db, orgId);
  const value = JSON.stringify(next);
  if (row) await settingRows.in(ctx).update(row, { value }, { audit });
  else await settingRows.in(ctx).insert({ module: MODULE, key: KEY, value }, { audit });
  return getSmsSettings(ctx);
}
