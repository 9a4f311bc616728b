import { z } from 'zod';
import { procedure } from './contract';
import { id, optionalId, optionalMultilineText, requiredMultilineText, requiredText, versioned } from './common';
import { taskDetail, taskMailboxInput } from './tasks';

/**
 * Checklists with approval (issue 12): a template per task type, copied onto a task when it gets the type before work
 * starts; the employee ticks the items and submits, a manager approves with a comment or sends it back with a reason.
 * Also the settings of task types (hourly rate, template) and a live test of an intake mailbox.
 */
export const checkItem = z.object({
  id: z.string(),
  text: z.string(),
  position: z.number(),
  required: z.boolean(),
  checkedBy: z.string().nullable(),
  checkedByName: z.string().nullable(),
  checkedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type CheckItem = z.infer<typeof checkItem>;
export const checklistOutput = z.object({ taskId: z.string(), items: z.array(checkItem), done: z.number(), total: z.number() });

export const templateItem = z.object({ id: z.string(), text: z.string(), required: z.boolean() });
export const taskTypeSettings = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  active: z.boolean(),
  /** Minor units per hour; null: not set (the employee's rate applies). */
  hourlyRateMinor: z.number().nullable(),
  items: z.array(templateItem),
});
export type TaskTypeSettings = z.infer<typeof taskTypeSettings>;
export const MAX_CHECK_ITEMS = 60;
export const taskTypeSettingsInput = z.strictObject({
  id: optionalId,
  version: z.number().int().min(1).optional(),
  name: requiredText(100),
  active: z.boolean(),
  hourlyRateMinor: z.number().int().min(0).max(100_000_000).nullable(),
  /** The template in order; an item with an id keeps it (and its history), one without is new, one left out is removed. */
  items: z.array(z.strictObject({ id: optionalId, text: requiredText(300), required: z.boolean() })).max(MAX_CHECK_ITEMS),
});

/** The mailbox as on its form: an unsaved edit is tested as typed; without a password, the stored one of `id`. */
export const mailboxTestInput = taskMailboxInput;
export const mailboxTestOutput = z.object({ ok: z.boolean(), folders: z.number().nullable(), messages: z.number().nullable(), error: z.string().nullable() });

const read = { module: 'tasks', action: 'read' } as const;
const write = { module: 'tasks', action: 'write' } as const;
const approve = { module: 'tasks', action: 'approve' } as const;

export const taskChecklistApi = {
  'tasks.checklist.get': procedure({ input: z.strictObject({ taskId: id }), output: checklistOutput, access: read, writes: false }),
  /** Ticks or unticks one item (who and when are the caller and now); refused once submitted or final. */
  'tasks.checklist.tick': procedure({
    input: z.strictObject({ taskId: id, itemId: id, checked: z.boolean(), note: optionalMultilineText(1000) }),
    output: checklistOutput,
    access: write,
    writes: true,
  }),
  /** In progress → awaiting approval; refused while a required item is open (the error names it). */
  'tasks.checklist.submit': procedure({ input: z.strictObject({ ...versioned }), output: taskDetail, access: write, writes: true }),
  /** Awaiting approval → done, the comment on the timeline. Managers and up. */
  'tasks.checklist.approve': procedure({ input: z.strictObject({ ...versioned, comment: optionalMultilineText(2000) }), output: taskDetail, access: approve, writes: true }),
  /** Awaiting approval → in progress, back to the employee with the reason (timeline and a notice). Managers and up. */
  'tasks.checklist.reject': procedure({ input: z.strictObject({ ...versioned, reason: requiredMultilineText(2000) }), output: taskDetail, access: approve, writes: true }),
  /** Every task type with its rate and checklist template, inactive ones too (the settings screen). */
  'tasks.types.list': procedure({ input: z.strictObject({}), output: z.array(taskTypeSettings), access: read, writes: false }),
  'tasks.types.save': procedure({ input: taskTypeSettingsInput, output: taskTypeSettings, access: approve, writes: true }),
  /** Logs in to the mailbox for real and opens its folder; says what the server answered. Nothing is written. */
  'tasks.mailboxes.test': procedure({ input: mailboxTestInput, output: mailboxTestOutput, access: approve, writes: false }),
};

/** Pushed to the assignee when a manager sends their task back. */
export const taskRejected = z.object({ taskId: z.string(), number: z.string().nullable(), reason: z.string(), by: z.string() });
