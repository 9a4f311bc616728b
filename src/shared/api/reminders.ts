import { z } from 'zod';
import { procedure } from './contract';
import { id, language, month, optionalId, optionalText, phoneInput, plainString } from './common';
import { reportFile } from './reports';
import { asapOffer } from './visits';

/**
 * Reminder calls (issue 10): before a visit the client is called over the organization's SIP trunk, hears the visit's
 * message and presses 1 (will come) or 2 (will not come); the outcome colours the visit. Quiet hours, retries and a
 * daily cap per organization decide when calls are made; only answered calls are billable. SMS, or voice then SMS
 * when every call failed, go through the mail outbox. The trunk's password never leaves main: the form says whether
 * one is stored.
 */

/**
 * An offset before the visit: `Nd` days (the same wall-clock time N calendar days earlier in the branch's zone),
 * `Nh` hours or `Nm` minutes (elapsed time). 5 minutes to 14 days.
 */
export const REMINDER_OFFSET = /^([1-9]\d{0,3})([mhd])$/;
export const OFFSET_CHOICES = ['1h', '2h', '1d', '2d'] as const;
export function offsetMinutes(offset: string): number {
  const m = REMINDER_OFFSET.exec(offset);
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === 'd' ? n * 1440 : m[2] === 'h' ? n * 60 : n;
}
export const reminderOffset = plainString(6).refine((s) => {
    const min = offsetMinutes(s);
    return min >= 5 && min <= 14 * 1440;
  }, 'errors.reminder_offset');

export const REMINDER_CHANNELS = ['voice', 'sms', 'voice_then_sms'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];
export const TRUNK_TRANSPORTS = ['udp', 'tcp', 'tls'] as const;
export const CALLER_ID_MODES = ['from', 'pai'] as const;

/** A visit's reminder: waiting for its next attempt (planned), on the phone (calling), or ended in one of the others. */
export const REMINDER_ROW_STATES = ['planned', 'calling', 'confirmed', 'declined', 'no_answer', 'not_found', 'sms_sent', 'not_made', 'cancelled'] as const;
export type ReminderRowState = (typeof REMINDER_ROW_STATES)[number];
/** Why a reminder will make no (further) attempt; each has `reminders.none.<reason>` in the catalogs. */
export const REMINDER_NONE_REASONS = [
  // The timing rules' reasons (src/shared/rules/reminders).
  'quiet_hours',
  'visit_started',
  'retries_exhausted',
  'replied',
  'number_not_found',
  'too_late',
  'daily_limit',
  // The module's: nothing to call, or calls are off.
  'no_phone',
  'disabled',
  'no_trunk',
  'visit_cancelled',
  // A clerk chose no reminders for this visit: kept on record, so a later move does not plan the defaults again.
  'not_wanted',
] as const;
export type ReminderNoneReason = (typeof REMINDER_NONE_REASONS)[number];
/** The dialer's outcomes, and `unknown`: an attempt in flight when the program stopped (never billable). */
export const ATTEMPT_OUTCOMES = ['confirmed', 'declined', 'answered', 'busy', 'no_answer', 'rejected', 'not_found', 'failed', 'unknown'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const reminderPolicy = z.object({
  enabled: z.boolean(),
  quietStart: z.string(),
  quietEnd: z.string(),
  retryLongMin: z.number().int(),
  retryShortMin: z.number().int(),
  maxRetries: z.number().int(),
  offsets: z.array(z.string()),
  channel: z.enum(REMINDER_CHANNELS),
  /** An extra reminder for visits whose no-show risk reaches `riskThreshold` (0…100); null: none. */
  riskOffset: z.string().nullable(),
  riskThreshold: z.number().int(),
});
export type ReminderPolicy = z.infer<typeof reminderPolicy>;

/** What a branch changes of the organization's policy; null: as the organization. */
export const branchOverride = z.object({
  branchId: id,
  branchName: z.string(),
  timeZone: z.string(),
  enabled: z.boolean().nullable(),
  quietStart: z.string().nullable(),
  quietEnd: z.string().nullable(),
  offsets: z.array(z.string()).nullable(),
  channel: z.enum(REMINDER_CHANNELS).nullable(),
});

export const trunkSettings = z.object({
  /** Off: nothing is dialled (reminders wait, or fall to SMS by their channel). */
  enabled: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  transport: z.enum(TRUNK_TRANSPORTS),
  /** The SIP domain of From/To and REGISTER; the host when empty. */
  domain: z.string(),
  user: z.string(),
  hasPassword: z.boolean(),
  register: z.boolean(),
  callerIdMode: z.enum(CALLER_ID_MODES),
  channels: z.number().int(),
  ringTimeoutSec: z.number().int(),
  maxCallSec: z.number().int(),
  note: z.string().nullable(),
});

export const reminderSettings = z.object({
  /** False until someone saves settings. */
  configured: z.boolean(),
  policy: reminderPolicy,
  /** Calls a day in the organization's zone; only the owner raises it. */
  dailyCap: z.number().int(),
  canRaiseCap: z.boolean(),
  trunk: trunkSettings,
  branches: z.array(branchOverride),
  updatedAt: z.string().nullable(),
});
export type ReminderSettings = z.infer<typeof reminderSettings>;

const offsetsInput = z.array(reminderOffset).max(4);
export const reminderSettingsInput = z.strictObject({
  policy: z
    .strictObject({
      enabled: z.boolean(),
      quietStart: clockTime,
      quietEnd: clockTime,
      retryLongMin: z.number().int().min(5).max(240),
      retryShortMin: z.number().int().min(2).max(60),
      maxRetries: z.number().int().min(0).max(5),
      offsets: offsetsInput,
      channel: z.enum(REMINDER_CHANNELS),
      riskOffset: reminderOffset.nullable(),
      riskThreshold: z.number().int().min(0).max(100),
    })
    .refine((p) => p.quietStart !== p.quietEnd, { message: 'errors.quiet_hours_empty', path: ['quietEnd'] }),
  dailyCap: z.number().int().min(0).max(100_000),
  trunk: z.strictObject({
    enabled: z.boolean(),
    host: plainString(253).regex(/^[A-Za-z0-9.:[\]-]*$/),
    port: z.number().int().min(1).max(65535),
    transport: z.enum(TRUNK_TRANSPORTS),
    domain: plainString(253).regex(/^[A-Za-z0-9.-]*$/),
    user: plainString(128),
    /** Omitted: keep the stored password. Null or blank: forget it. Otherwise: replace it. */
    password: plainString(256).nullable().optional(),
    register: z.boolean(),
    callerIdMode: z.enum(CALLER_ID_MODES),
    channels: z.number().int().min(1).max(60),
    ringTimeoutSec: z.number().int().min(10).max(120),
    maxCallSec: z.number().int().min(20).max(600),
  }),
  /** Every branch that changes something; a branch left out follows the organization. */
  branches: z
    .array(
      z.strictObject({
        branchId: id,
        enabled: z.boolean().nullable(),
        quietStart: clockTime.nullable(),
        quietEnd: clockTime.nullable(),
        offsets: offsetsInput.nullable(),
        channel: z.enum(REMINDER_CHANNELS).nullable(),
      }),
    )
    .max(200),
});
export type ReminderSettingsInput = z.infer<typeof reminderSettingsInput>;

export const reminderRow = z.object({
  id,
  offset: z.string(),
  channel: z.enum(REMINDER_CHANNELS),
  state: z.enum(REMINDER_ROW_STATES),
  /** When the next attempt is due; null when none will be made (then `noneReason` says why) or one is under way. */
  nextDueAt: z.string().nullable(),
  noneReason: z.enum(REMINDER_NONE_REASONS).nullable(),
  /** Added by the no-show risk policy. */
  extra: z.boolean(),
  attempts: z.number().int(),
});
export type ReminderRow = z.infer<typeof reminderRow>;

/** An explainable no-show risk: the score (0…100) and each reason with its share, as i18n keys with their values. */
export const riskOutput = z.object({
  score: z.number().int(),
  reasons: z.array(z.object({ key: z.string(), points: z.number().int(), params: z.record(z.string(), z.union([z.string(), z.number()])) })),
});

export const visitReminders = z.object({
  visitId: id,
  /** The visit's own choice differs from the branch's default. */
  offsets: z.array(z.string()),
  channel: z.enum(REMINDER_CHANNELS),
  reminders: z.array(reminderRow),
  risk: riskOutput.nullable(),
});
export type VisitReminders = z.infer<typeof visitReminders>;

export const attemptRow = z.object({
  id,
  reminderId: id.nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** Null while the call is under way. */
  outcome: z.enum(ATTEMPT_OUTCOMES).nullable(),
  key: z.enum(['1', '2']).nullable(),
  sipCode: z.number().int().nullable(),
  /** From answer to hang-up. */
  seconds: z.number().int(),
  billable: z.boolean(),
  /** The number called, as stored (E.164). */
  phone: z.string(),
  lang: z.string().nullable(),
});
export type AttemptRow = z.infer<typeof attemptRow>;

export const usageRow = z.object({
  /** Null: the organization's total. */
  branchId: id.nullable(),
  branchName: z.string().nullable(),
  attempts: z.number().int(),
  billable: z.number().int(),
  /** Billable minutes: each answered call rounded up to the whole minute. */
  minutes: z.number().int(),
  seconds: z.number().int(),
  confirmed: z.number().int(),
  declined: z.number().int(),
  noAnswer: z.number().int(),
});
export type UsageRow = z.infer<typeof usageRow>;
export const usageReport = z.object({ month: z.string(), timeZone: z.string(), rows: z.array(usageRow), total: usageRow });
export type UsageReport = z.infer<typeof usageReport>;

/**
 * The phrases an organization may record in its own voice, in the order the message says them: main refuses any
 * other name, the settings screen lists these.
 */
export const RECORDABLE_PHRASES = ['org_name', 'greeting', 'greeting_from', 'reminder', 'instruction', 'confirmed', 'declined'] as const;
const phrase = plainString(40).regex(/^[a-z][a-z0-9_]*$/);
export const promptRecording = z.object({ id, lang: z.string(), phrase: z.string(), seconds: z.number(), sourceName: z.string().nullable(), updatedAt: z.string() });
export type PromptRecording = z.infer<typeof promptRecording>;

/** An uploaded WAV: 1 MB at most (a phrase lasts a few seconds; any rate and format is converted to 8 kHz mono; web mode takes 2 MB a call). */
export const RECORDING_MAX_BYTES = 1024 * 1024;
const wavBase64 = plainString(Math.ceil(RECORDING_MAX_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/)
  .refine((s) => s.length % 4 === 0);

const settings = { module: 'reminders', action: 'approve' } as const;
const read = { module: 'reminders', action: 'read' } as const;
const write = { module: 'reminders', action: 'write' } as const;

export const remindersApi = {
  /** Owners and admins (`reminders: approve`): the policy, the branches' overrides and the trunk. */
  'reminders.settings': procedure({ input: z.strictObject({}), output: reminderSettings, access: settings, writes: false }),
  /** A higher daily cap than the stored one only from the owner role (`reminders.errors.cap_owner_only`). */
  'reminders.saveSettings': procedure({ input: reminderSettingsInput, output: reminderSettings, access: settings, writes: true }),
  'reminders.ofVisit': procedure({ input: z.strictObject({ visitId: id }), output: visitReminders, access: read, writes: false }),
  /** The visit's own offsets and channel (replacing the default); no offsets: no reminders. Re-plans at once. */
  'reminders.setForVisit': procedure({
    input: z.strictObject({ visitId: id, offsets: offsetsInput, channel: z.enum(REMINDER_CHANNELS) }),
    output: visitReminders,
    access: write,
    writes: true,
  }),
  /** Every call attempt of the visit, oldest first. */
  'reminders.attempts': procedure({ input: z.strictObject({ visitId: id }), output: z.array(attemptRow), access: read, writes: false }),
  /**
   * Calls a number now with the sample message over the saved trunk (not counted in the cap, never billed in usage);
   * answers at once with the call's id, then pushes `reminders.testCall` to the caller as the call goes.
   */
  'reminders.testCall': procedure({
    input: z.strictObject({ number: phoneInput, lang: language.optional() }),
    output: z.object({ callId: id }),
    access: settings,
    writes: true,
  }),
  /** A month in the organization's zone, per branch and in total. */
  'reminders.usage': procedure({ input: z.strictObject({ month, branchId: optionalId }), output: usageReport, access: settings, writes: false }),
  'reminders.usagePdf': procedure({ input: z.strictObject({ month, branchId: optionalId }), output: reportFile, access: settings, writes: false }),
  'reminders.recordings': procedure({ input: z.strictObject({}), output: z.array(promptRecording), access: settings, writes: false }),
  /** Replaces the organization's recording of the phrase in the language; any WAV rate and format. */
  'reminders.uploadRecording': procedure({
    input: z.strictObject({ lang: language, phrase, wavBase64, fileName: optionalText(200) }),
    output: promptRecording,
    access: settings,
    writes: true,
  }),
  'reminders.deleteRecording': procedure({ input: z.strictObject({ id }), output: z.object({ ok: z.literal(true) }), access: settings, writes: true }),
  /** The message for a sample visit (tomorrow 10:30 at the organization), as the client would hear it: WAV, 8 kHz. */
  'reminders.playSample': procedure({
    input: z.strictObject({ lang: language }),
    output: z.object({ lang: z.string(), wavBase64: z.string(), seconds: z.number() }),
    access: settings,
    writes: false,
  }),
} as const;

/** Pushed after commit when a visit's reminders or attempts change: the visit card refetches them. */
export const remindersChanged = z.object({ visitIds: z.array(z.string()), branchIds: z.array(z.string()) });
/** The test call's progress, to its caller only. */
export const testCallProgress = z.object({
  callId: z.string(),
  state: z.enum(['dialing', 'ringing', 'answered', 'ended']),
  outcome: z.enum(ATTEMPT_OUTCOMES).nullable(),
  key: z.enum(['1', '2']).nullable(),
  sipCode: z.number().int().nullable(),
  seconds: z.number().int(),
});
/** A client pressed 2: the visit is red and its slot is offered at once to the branch's clerks, with the best fits. */
export const slotFreed = z.object({
  visitId: z.string(),
  branchId: z.string(),
  clientName: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  userId: z.string(),
  offers: z.array(asapOffer),
  /** The slot's employee and the branch's zone: the toast says whose time it is, on the branch's clock. */
  userName: z.string(),
  timeZone: z.string(),
});
