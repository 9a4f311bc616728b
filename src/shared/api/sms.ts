import { z } from 'zod';
import { procedure } from './contract';
import { phoneInput, plainString, requiredText, text } from './common';
import { outboxRow } from './mail';

/**
 * Text messages to clients (issue 9: "your visit is booked for …"), through the organization's SMS gateway: Twilio's
 * REST API, or any HTTP gateway described by a method, URL, headers and a body template. Messages go through the
 * mail outbox (channel `sms`) with its retries. Secrets (Twilio's auth token, the HTTP gateway's key) never leave
 * main: the form says whether one is stored.
 */
export const SMS_PROVIDERS = ['twilio', 'http'] as const;
export type SmsProvider = (typeof SMS_PROVIDERS)[number];
export const SMS_HTTP_METHODS = ['POST', 'PUT', 'GET'] as const;
export const SMS_BODY_FORMATS = ['json', 'form'] as const;
/** What a URL, a header value or the body template of the HTTP gateway may name; `{secret}` is the sealed key. */
export const SMS_PLACEHOLDERS = ['to', 'text', 'from', 'secret'] as const;

export const TWILIO_BASE_URL = 'https://api.twilio.com';

const url = plainString(500);
const header = z.strictObject({
  name: plainString(100).regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/),
  value: plainString(1000),
});

export const smsSettings = z.object({
  /** False until someone saves settings: until then nothing is sent. */
  configured: z.boolean(),
  /** Bookings queue a message only while this is on; messages already queued are still delivered. */
  enabled: z.boolean(),
  provider: z.enum(SMS_PROVIDERS),
  /** The sender shown on the phone: a number in E.164 or a name of up to 11 letters and digits. */
  sender: z.string(),
  twilio: z.object({ baseUrl: z.string(), accountSid: z.string(), hasAuthToken: z.boolean() }),
  http: z.object({
    method: z.enum(SMS_HTTP_METHODS),
    url: z.string(),
    headers: z.array(z.object({ name: z.string(), value: z.string() })),
    format: z.enum(SMS_BODY_FORMATS),
    bodyTemplate: z.string(),
    hasSecret: z.boolean(),
  }),
  updatedAt: z.string().nullable(),
});
export type SmsSettings = z.infer<typeof smsSettings>;

export const smsSettingsInput = z.strictObject({
  enabled: z.boolean(),
  provider: z.enum(SMS_PROVIDERS),
  sender: requiredText(20),
  twilio: z.strictObject({
    baseUrl: url,
    accountSid: text(64),
    /** Omitted: keep the stored token. Null or blank: forget it. Otherwise: replace it. */
    authToken: plainString(256).nullable().optional(),
  }),
  http: z.strictObject({
    method: z.enum(SMS_HTTP_METHODS),
    url,
    headers: z.array(header).max(10),
    format: z.enum(SMS_BODY_FORMATS),
    bodyTemplate: plainString(2000, true),
    /** Omitted: keep. Null or blank: forget. Otherwise: replace. */
    secret: plainString(1000).nullable().optional(),
  }),
});
export type SmsSettingsInput = z.infer<typeof smsSettingsInput>;

/**
 * Organization-wide, like the SMTP account: one gateway account and its secrets for every branch, so owners and
 * admins (`organization: write`) set it; branch managers (`calendar: approve`) run their branches, not the account.
 */
const admin = { module: 'organization', action: 'write' } as const;

export const smsApi = {
  /** Admins only too: a header or URL may carry a key typed in plain rather than as `{secret}`. */
  'sms.settings': procedure({ input: z.strictObject({}), output: smsSettings, access: admin, writes: false }),
  'sms.setSettings': procedure({ input: smsSettingsInput, output: smsSettings, access: admin, writes: true }),
  /** Queues one test message to a phone (read against the organization's country), tried once; the outbox shows the answer. */
  'sms.test': procedure({ input: z.strictObject({ to: phoneInput }), output: outboxRow, access: admin, writes: true }),
} as const;
