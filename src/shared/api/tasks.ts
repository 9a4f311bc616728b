import { z } from 'zod';
import { procedure } from './contract';
import { byId, id, isoDate, nullableStrings, okOutput, optionalId, optionalMultilineText, optionalText, pageInput, pageOf, plainString, requiredMultilineText, requiredText, versioned } from './common';
import { TASK_PRIORITIES, TASK_SOURCES, TASK_STATUSES } from '../rules/tasks/status';

export { TASK_PRIORITIES, TASK_SOURCES, TASK_STATUSES, type TaskPriority, type TaskSource, type TaskStatus } from '../rules/tasks/status';

/**
 * Tasks (issue 12): a client's request taken by hand or from a mailbox, reaching the branch's dispatcher (or the
 * employee the client chose), worked on the board by status. Mailbox passwords never leave main.
 */
export const taskFields = {
  branchId: id,
  clientId: id,
  /** The client's address line; a new one is typed as text. */
  address: optionalText(300),
  priority: z.enum(TASK_PRIORITIES),
  typeId: optionalId,
  subject: optionalText(200),
  description: optionalMultilineText(20_000),
  dueDate: isoDate.nullable().optional(),
  assigneeId: optionalId,
  /** The employee the client asked for: the task goes to them, not to the dispatcher. */
  requestedAssigneeId: optionalId,
};
export const taskInput = z.strictObject(taskFields);

export const taskRow = z.object({
  id: z.string(),
  version: z.number(),
  branchId: z.string(),
  clientId: z.string(),
  priority: z.enum(TASK_PRIORITIES),
  status: z.enum(TASK_STATUSES),
  source: z.enum(TASK_SOURCES),
  clientReview: z.boolean(),
  docDate: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...nullableStrings(
    'number',
    'clientName',
    'clientEmail',
    'clientPhone',
    'address',
    'typeId',
    'typeName',
    'subject',
    'description',
    'dueDate',
    'assigneeId',
    'assigneeName',
    'responsibleId',
    'responsibleName',
    'requestedAssigneeId',
    'assignedAt',
    'acknowledgedAt',
    'startedAt',
    'submittedAt',
    'doneAt',
    'cancelledAt',
    'cancelReason',
    /** The number it was validated under before the hub confirmed the final one. */
    'provisionalNumber',
  ),
});
export type TaskRow = z.infer<typeof taskRow>;

export const TASK_NOTE_KINDS = ['note', 'email_in', 'email_out', 'change'] as const;
export const taskNote = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(TASK_NOTE_KINDS),
  text: z.string(),
  ...nullableStrings('personId', 'personName', 'mailFrom', 'mailSubject'),
});
export const taskAttachment = z.object({ id: z.string(), noteId: z.string().nullable(), fileName: z.string(), mime: z.string(), size: z.number(), inline: z.boolean() });
export const taskDetail = taskRow.extend({
  timeline: z.array(taskNote),
  attachments: z.array(taskAttachment),
  /** The reference the visitor was shown after sending the web form (`W-…`), for a task that came from it. */
  webReference: z.string().nullable(),
  /** The branch's clock: the timeline's times are read on it. */
  timeZone: z.string(),
  /** A task made from a website chat: its conversation (opened in the console) and the client's request it continues. */
  chatLink: z
    .object({ conversationId: z.string(), requestKind: z.enum(['intervention', 'task']).nullable(), requestId: z.string().nullable(), requestNumber: z.string().nullable() })
    .nullable(),
});
export type TaskDetail = z.infer<typeof taskDetail>;

export const taskListInput = z.strictObject({
  branchId: optionalId,
  statuses: z.array(z.enum(TASK_STATUSES)).max(TASK_STATUSES.length).optional(),
  priority: z.enum(TASK_PRIORITIES).optional(),
  assigneeId: optionalId,
  q: optionalText(100),
  ...pageInput,
});

export const taskType = z.object({ id: z.string(), version: z.number(), name: z.string(), active: z.boolean() });
export const taskTypeInput = z.strictObject({ id: optionalId, version: z.number().int().min(1).optional(), name: requiredText(100), active: z.boolean() });

export const taskMailbox = z.object({
  id: z.string(),
  version: z.number(),
  branchId: z.string(),
  name: z.string(),
  host: z.string(),
  port: z.number(),
  tls: z.boolean(),
  login: z.string(),
  hasPassword: z.boolean(),
  folder: z.string(),
  doneFolder: z.string().nullable(),
  enabled: z.boolean(),
  pollSec: z.number(),
  note: z.string().nullable(),
});
export type TaskMailbox = z.infer<typeof taskMailbox>;
export const taskMailboxInput = z.strictObject({
  id: optionalId,
  version: z.number().int().min(1).optional(),
  branchId: id,
  name: requiredText(100),
  host: requiredText(253).regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/),
  port: z.number().int().min(1).max(65535),
  tls: z.boolean(),
  login: requiredText(254),
  /** Omitted: keep the stored password. Null: forget it. Otherwise: replace it. */
  password: plainString(256).nullable().optional(),
  folder: requiredText(200),
  doneFolder: optionalText(200),
  enabled: z.boolean(),
  pollSec: z.number().int().min(15).max(3600),
  note: optionalText(300),
});

const write = { module: 'tasks', action: 'write' } as const;
const read = { module: 'tasks', action: 'read' } as const;

export const tasksApi = {
  /** Open tasks first; urgent on top, then the due date, then the newest. */
  'tasks.list': procedure({ input: taskListInput, output: pageOf(taskRow), access: read, writes: false }),
  'tasks.get': procedure({ input: byId, output: taskDetail, access: read, writes: false }),
  'tasks.create': procedure({ input: taskInput, output: taskDetail, access: write, writes: true }),
  'tasks.update': procedure({ input: z.strictObject({ ...versioned, ...taskFields }), output: taskDetail, access: write, writes: true }),
  /** A move on the board or the form: the same rules either way (`shared/rules/tasks/status.ts`). */
  'tasks.move': procedure({
    input: z.strictObject({ ...versioned, status: z.enum(TASK_STATUSES), assigneeId: optionalId, cancelReason: optionalText(300) }),
    output: taskDetail,
    access: write,
    writes: true,
  }),
  'tasks.addNote': procedure({ input: z.strictObject({ taskId: id, text: requiredMultilineText(5000) }), output: taskDetail, access: write, writes: true }),
  /** A task not yet numbered may be deleted; a numbered one is cancelled, so the series has no unexplained gap. */
  'tasks.delete': procedure({ input: byId, output: okOutput, access: { module: 'tasks', action: 'delete' }, writes: true }),
  'tasks.types': procedure({ input: z.strictObject({}), output: z.array(taskType), access: read, writes: false }),
  'tasks.saveType': procedure({ input: taskTypeInput, output: taskType, access: write, writes: true }),
  'tasks.mailboxes': procedure({ input: z.strictObject({}), output: z.array(taskMailbox), access: { module: 'tasks', action: 'approve' }, writes: false }),
  'tasks.saveMailbox': procedure({ input: taskMailboxInput, output: taskMailbox, access: { module: 'tasks', action: 'approve' }, writes: true }),
  'tasks.deleteMailbox': procedure({ input: byId, output: okOutput, access: { module: 'tasks', action: 'approve' }, writes: true }),
};

export const tasksChanged = z.object({ ids: z.array(z.string()) });

