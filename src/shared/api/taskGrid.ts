import { z } from 'zod';
import { procedure } from './contract';
import { byId, id, isoDate, nullableStrings, okOutput, optionalId, plainString, requiredText, text } from './common';
import { groupKey, savedView, VIEW_KINDS } from './interventions';
import { CSV_DELIMITERS, EXPORT_FORMATS, jobId } from './reports';
import { TASK_PRIORITIES, TASK_SOURCES, TASK_STATUSES } from '../rules/tasks/status';

/**
 * The tasks grid (issue 12) on the grid machinery interventions use: a scope (filters, grouping, the group looked
 * into), a sort, pages, counts, named groups, saved views and an export of exactly the shown rows and columns.
 */

/** The columns a dispatcher reads a task by, in their default order. */
export const TASK_GRID_COLUMNS = ['number', 'docDate', 'priority', 'status', 'client', 'address', 'type', 'assignee', 'dueDate', 'source', 'updatedAt', 'subject'] as const;
export type TaskGridColumn = (typeof TASK_GRID_COLUMNS)[number];

/** `rank` is the dispatcher's order: open work first, urgent on top, then the nearest due date (none last). */
export const TASK_SORT_FIELDS = ['rank', ...TASK_GRID_COLUMNS] as const;
export type TaskSortField = (typeof TASK_SORT_FIELDS)[number];

export const TASK_GROUP_FIELDS = ['status', 'assignee', 'priority', 'type', 'client'] as const;
export type TaskGroupField = (typeof TASK_GROUP_FIELDS)[number];

export const taskGridFilters = z.strictObject({
  search: text(100).optional(),
  branchId: optionalId,
  statuses: z.array(z.enum(TASK_STATUSES)).max(TASK_STATUSES.length).optional(),
  priorities: z.array(z.enum(TASK_PRIORITIES)).max(TASK_PRIORITIES.length).optional(),
  assigneeId: optionalId,
  typeId: optionalId,
  clientId: optionalId,
  /** Open tasks whose due date has passed on their branch's clock. */
  overdue: z.boolean().optional(),
  dateFrom: isoDate.optional(),
  dateTo: isoDate.optional(),
});
export type TaskGridFilters = z.infer<typeof taskGridFilters>;

export const taskGroupLevel = z.strictObject({ field: z.enum(TASK_GROUP_FIELDS) });
export const taskGridScope = z.strictObject({
  filters: taskGridFilters,
  groupBy: z.array(taskGroupLevel).max(3).optional(),
  groupPath: z.array(groupKey).max(3).optional(),
});
export type TaskGridScope = z.infer<typeof taskGridScope>;

export const taskGridRow = z.object({
  id,
  version: z.number(),
  docDate: z.string(),
  priority: z.enum(TASK_PRIORITIES),
  status: z.enum(TASK_STATUSES),
  source: z.enum(TASK_SOURCES),
  clientId: id,
  client: z.string(),
  updatedAt: z.string(),
  /** Open and past its due date on the branch's clock. */
  overdue: z.boolean(),
  ...nullableStrings('number', 'address', 'type', 'assignee', 'dueDate', 'subject'),
});
export type TaskGridRow = z.infer<typeof taskGridRow>;

const sorted = { sort: z.enum(TASK_SORT_FIELDS).optional(), desc: z.boolean().optional() };
const taskColumns = z
  .array(z.enum(TASK_GRID_COLUMNS))
  .min(1)
  .max(TASK_GRID_COLUMNS.length)
  .refine((cols) => new Set(cols).size === cols.length, { message: 'duplicate column' });

const read = { module: 'tasks', action: 'read' } as const;

export const taskGridApi = {
  'tasks.grid.list': procedure({
    input: z.strictObject({ scope: taskGridScope, ...sorted, offset: z.number().int().min(0).max(10_000_000), limit: z.number().int().min(1).max(500) }),
    output: z.object({ rows: z.array(taskGridRow) }),
    access: read,
    writes: false,
  }),
  'tasks.grid.count': procedure({ input: z.strictObject({ scope: taskGridScope }), output: z.object({ total: z.number().int() }), access: read, writes: false }),
  /** The groups at the level below `scope.groupPath`, named, with counts. */
  'tasks.grid.groups': procedure({
    input: z.strictObject({ scope: taskGridScope }),
    output: z.array(z.object({ key: z.string().nullable(), label: z.string().nullable(), count: z.number().int() })),
    access: read,
    writes: false,
  }),
  /** CSV or XLSX of exactly the scope's rows in the grid's order and its shown columns; progress as `export.progress`. */
  'tasks.grid.export': procedure({
    input: z.strictObject({ scope: taskGridScope, columns: taskColumns, format: z.enum(EXPORT_FORMATS), ...sorted, jobId: jobId.optional(), delimiter: z.enum(CSV_DELIMITERS).optional() }),
    output: z.object({ fileId: z.uuid(), fileName: z.string(), rows: z.number().int(), jobId }),
    access: read,
    writes: false,
  }),
  /** The grid printed as a PDF list under its groups' headings. */
  'tasks.grid.print': procedure({
    input: z.strictObject({ scope: taskGridScope, columns: taskColumns, ...sorted }),
    output: z.object({ fileId: z.uuid(), fileName: z.string(), pages: z.number().int(), rows: z.number().int(), truncated: z.boolean() }),
    access: read,
    writes: false,
  }),
  /** Saved views of the tasks grid: each person's own, and shared ones managed by those who approve tasks. */
  'tasks.views.list': procedure({ input: z.strictObject({}), output: z.array(savedView), access: read, writes: false }),
  'tasks.views.save': procedure({
    input: z.strictObject({ id: optionalId, kind: z.enum(VIEW_KINDS).optional(), name: requiredText(100), shared: z.boolean(), config: plainString(20_000, true) }),
    output: savedView,
    access: read,
    writes: true,
  }),
  'tasks.views.delete': procedure({ input: byId, output: okOutput, access: read, writes: true }),
} as const;
