import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { TASK_PRIORITIES } from '../rules/tasks/status';

/**
 * The hub's web form (issue 12): what a visitor sends from the organization's website, and what the branch's device
 * pulls of it. Everything a visitor sends is plain text with bounds; nothing of it is ever read as markup.
 */
export const WEB_FORM_LIMITS = {
  /** Files per submission and bytes per file (the body limit follows from them). */
  files: 3,
  fileBytes: 1_000_000,
  description: 5000,
} as const;

/** Base64 of at most `fileBytes` bytes. */
const BASE64_CHARS = Math.ceil(WEB_FORM_LIMITS.fileBytes / 3) * 4;
/** The request body's limit: three full files, the text fields and the proof of work, with room to spare. */
export const WEB_FORM_BODY_LIMIT = WEB_FORM_LIMITS.files * BASE64_CHARS + 64 * 1024;

const line = (max: number) => z.string().trim().max(max);
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const webAttachment = z.strictObject({
  name: line(200).min(1),
  type: z.string().regex(/^[\w.+-]{1,60}\/[\w.+-]{1,80}$/),
  /** The file's bytes, base64. */
  data: z.string().max(BASE64_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

/** The form's fields as the visitor typed them (a phone or an e-mail, so the organization can answer). */
export const webFields = z
  .strictObject({
    name: line(120).min(1),
    phone: line(40).regex(/^[+()\d\s./-]*$/),
    email: z.union([z.literal(''), z.string().trim().max(200).email()]),
    address: line(300),
    description: line(WEB_FORM_LIMITS.description).min(1),
    priority: z.enum(TASK_PRIORITIES),
    /** One of the names the organization publishes, or none. */
    employeeId: id.nullable(),
    /** The branch chosen on the form when the organization has several; null: its default. */
    branchId: id.nullable(),
    language: z.enum(LANGUAGES),
  })
  .refine((f) => f.phone !== '' || f.email !== '', { path: ['phone'] });
export type WebFields = z.infer<typeof webFields>;

export const webSubmission = z.strictObject({
  /** ALTCHA's payload: the solved challenge, base64 JSON. */
  altcha: z.string().min(1).max(2000),
  /** The honeypot: hidden from people, filled by bots. */
  website: z.string().max(200),
  fields: webFields,
  attachments: z.array(webAttachment).max(WEB_FORM_LIMITS.files),
});

export const webSubmissionAnswer = z.object({ reference: z.string() });

/** The device pulls the submissions for its branches after `after` and acknowledges those it committed as tasks. */
export const intakeRequest = z.strictObject({
  protocol: z.number().int(),
  schemaVersion: z.number().int().min(0),
  ack: z.array(id).max(200),
  after: z.number().int().min(0),
  limit: z.number().int().min(1).max(50).default(20),
});

export const intakeItem = z.object({
  id,
  seq: z.number().int(),
  branchId: z.string(),
  reference: z.string(),
  receivedAt: z.number(),
  fields: webFields,
  attachments: z.array(webAttachment),
});
export type IntakeItem = z.infer<typeof intakeItem>;

export const intakeResponse = z.object({ items: z.array(intakeItem), more: z.boolean() });
