import { z } from 'zod';

/**
 * Field staff on their phones (issue 12), between a branch's desktop and the hub. The desktop asks the hub for a
 * signed link to one task for one employee; the hub serves the phone page from its current cells and queues what the
 * employee does there as field actions; the branch's desktop pulls them after a cursor, applies each through the tasks
 * service (remembering its id), and the result comes back to the hub by ordinary sync.
 */

const id = z.string().min(1).max(64);

/** What a phone may ask of its task. An open list: a kind this desktop does not know yet is kept and reported, never lost. */
export const FIELD_ACTION_KINDS = ['acknowledge', 'note', 'timer_start', 'timer_stop', 'check', 'uncheck', 'photo'] as const;
export type KnownFieldAction = (typeof FIELD_ACTION_KINDS)[number];
const kind = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/);

/**
 * What each kind carries in `text`: a note its words, a tick or untick the checklist item's id, a photo its file's
 * name (the bytes wait on the hub until the desktop fetches them); the others nothing.
 */
export const FIELD_TEXT_OF = { note: 'words', check: 'item', uncheck: 'item', photo: 'file' } as const;

/** A photo's largest size and the kinds of image a phone sends; anything else is refused on the hub. */
export const FIELD_PHOTO_MAX_BYTES = 6_000_000;
export const FIELD_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type FieldPhotoType = (typeof FIELD_PHOTO_TYPES)[number];

/** The longest note an employee types on the phone. */
export const FIELD_NOTE_MAX = 4000;

export const linkRequest = z.strictObject({
  employeeId: id,
  taskId: id,
  /** The task's branch: a device mints links only for the branches it serves. */
  branchId: id,
  /** The page's language (the employee's). */
  language: z.enum(['en', 'lv', 'ru', 'lt', 'ro', 'hy']),
  /** Epoch ms; at most 30 days ahead of the hub's clock. */
  expiresAt: z.number().int().min(0),
});
export const linkResponse = z.object({ linkId: z.string(), token: z.string() });

export const linkRevokeRequest = z.strictObject({ linkId: id });
export const linkRevokeResponse = z.object({ revoked: z.boolean() });

export const fieldAction = z.object({
  /** Chosen by the phone page when it was shown: a form sent twice is one action. */
  id: z.string(),
  seq: z.number().int(),
  kind,
  taskId: z.string(),
  employeeId: z.string(),
  branchId: z.string(),
  /** Epoch ms, the hub's clock when the phone sent it. */
  at: z.number().int(),
  text: z.string().nullable(),
});
export type FieldAction = z.infer<typeof fieldAction>;

export const fieldPullRequest = z.strictObject({
  /** The hub's seq of the last action this device has applied (0: none yet). */
  cursor: z.number().int().min(0),
  limit: z.number().int().min(1).max(500).default(200),
});
export const fieldPullResponse = z.object({ actions: z.array(fieldAction), cursor: z.number().int(), more: z.boolean() });

/** A link's longest life. */
export const LINK_MAX_MS = 30 * 24 * 3600_000;

/** The desktop fetches a photo action's bytes before it applies the page of actions that holds it. */
export const fieldPhotoRequest = z.strictObject({ actionId: id });
export const fieldPhotoResponse = z.object({
  actionId: z.string(),
  name: z.string(),
  mime: z.enum(FIELD_PHOTO_TYPES),
  /** The image's bytes, base64. */
  data: z.string(),
});
