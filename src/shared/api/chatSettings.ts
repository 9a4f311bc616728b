import { z } from 'zod';
import { procedure } from './contract';
import { id, multilineText, requiredText, text } from './common';
import { LANGUAGES } from '../i18n/languages';
import { CHAT_STRATEGIES, LEVEL_MAX, LEVEL_MIN } from '../chat/routing';

/**
 * The website chat's settings (issue 13): how the organization routes conversations (strategy, escalation after N
 * minutes, conversations each before the next is asked), the visitor's questionnaire and topics, the widget's greeting
 * per language; and per employee the experience and cost levels and a text message when a visitor starts a chat.
 * Managers and owners change them; everyone reads them. They sync to the hub, which routes by them.
 */
export const QUESTIONNAIRE_FIELDS = ['name', 'phone', 'email', 'topic'] as const;
export type QuestionnaireField = (typeof QUESTIONNAIRE_FIELDS)[number];
export const FIELD_MODES = ['off', 'asked', 'required'] as const;
export type FieldMode = (typeof FIELD_MODES)[number];
export const MAX_TOPICS = 30;
export const MAX_ESCALATE_MINUTES = 240;
export const MAX_CHATS_EACH = 20;
export const MAX_URL = 500;

const strategy = z.enum(CHAT_STRATEGIES);
const mode = z.enum(FIELD_MODES);
const level = z.number().int().min(LEVEL_MIN).max(LEVEL_MAX);

export const questionnaire = z.strictObject({ name: mode, phone: mode, email: mode, topic: mode });
export type Questionnaire = z.infer<typeof questionnaire>;

const greetings = z.strictObject(Object.fromEntries(LANGUAGES.map((l) => [l, multilineText(300).optional()])) as Record<(typeof LANGUAGES)[number], z.ZodOptional<ReturnType<typeof multilineText>>>);

export const chatOrgSettings = z.object({
  /** 0: never saved (the defaults shown). */
  version: z.number(),
  strategy,
  escalateAfterMinutes: z.number(),
  maxChatsEach: z.number(),
  questionnaire,
  topics: z.array(z.string()),
  greetings: z.record(z.string(), z.string()),
  /** https address of the logo the widget shows when no person's photo is known. */
  logoUrl: z.string().nullable(),
});
export type ChatOrgSettings = z.infer<typeof chatOrgSettings>;

export const chatOperator = z.object({
  userId: z.string(),
  name: z.string(),
  role: z.string(),
  /** 0: never saved (the defaults shown). */
  version: z.number(),
  experience: z.number(),
  cost: z.number(),
  smsOnStart: z.boolean(),
  /** Where the text message would go (the employee's notice number); null: none, so it cannot be asked for. */
  phone: z.string().nullable(),
  /** https address of the person's photo, shown to the visitors they answer. */
  photoUrl: z.string().nullable(),
});
export type ChatOperator = z.infer<typeof chatOperator>;

export const chatSettingsOutput = z.object({ org: chatOrgSettings, operators: z.array(chatOperator) });
export type ChatSettings = z.infer<typeof chatSettingsOutput>;

export const chatOrgInput = z.strictObject({
  /** The version read (0 when never saved): a save over someone else's is refused. */
  version: z.number().int().min(0),
  strategy,
  escalateAfterMinutes: z.number().int().min(0).max(MAX_ESCALATE_MINUTES),
  maxChatsEach: z.number().int().min(1).max(MAX_CHATS_EACH),
  questionnaire,
  topics: z.array(requiredText(80)).max(MAX_TOPICS),
  greetings,
  /** Empty or null: no logo. An address must be https (checked by the service, with its own message). */
  logoUrl: text(MAX_URL).nullable().default(null),
});

export const chatOperatorInput = z.strictObject({
  userId: id,
  version: z.number().int().min(0),
  experience: level,
  cost: level,
  smsOnStart: z.boolean(),
  /** Left out: the photo stays as it is; empty or null: none. */
  photoUrl: text(MAX_URL).nullable().optional(),
});

const read = { module: 'chat', action: 'read' } as const;
const manage = { module: 'chat', action: 'approve' } as const;

export const chatSettingsApi = {
  /** The organization's chat settings and every active employee's levels (defaults where never saved). */
  'chatSettings.get': procedure({ input: z.strictObject({}), output: chatSettingsOutput, access: read, writes: false }),
  'chatSettings.saveOrg': procedure({ input: chatOrgInput, output: chatSettingsOutput, access: manage, writes: true }),
  'chatSettings.saveOperator': procedure({ input: chatOperatorInput, output: chatSettingsOutput, access: manage, writes: true }),
};
