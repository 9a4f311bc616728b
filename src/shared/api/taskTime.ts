import { z } from 'zod';
import { procedure } from './contract';
import { id, isoDate, isoInstant, optionalId, optionalMultilineText, versioned } from './common';
import { reportFile } from './reports';

/**
 * Time on tasks (issue 12): an employee's timer (one at a time) and manual entries, several sessions per task and per
 * employee, never overlapping; the work act ("atliktų darbų aktas") printed from them.
 */
export const timeEntry = z.object({
  id: z.string(),
  version: z.number(),
  taskId: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  startedAt: z.string(),
  /** Null while the timer runs. */
  endedAt: z.string().nullable(),
  /** Null while the timer runs (the screen counts it live). */
  seconds: z.number().nullable(),
  day: z.string(),
  source: z.enum(['timer', 'manual']),
  note: z.string().nullable(),
  billable: z.boolean(),
});
export type TimeEntry = z.infer<typeof timeEntry>;

const employeeTotal = z.object({ employeeId: z.string(), employeeName: z.string(), seconds: z.number(), billableSeconds: z.number() });
export const taskTimeList = z.object({
  entries: z.array(timeEntry),
  perEmployee: z.array(employeeTotal),
  seconds: z.number(),
  billableSeconds: z.number(),
  /** The instant the totals were counted at (running timers up to it). */
  at: z.string(),
});

export const runningTimer = z
  .object({ entryId: z.string(), version: z.number(), taskId: z.string(), taskNumber: z.string().nullable(), subject: z.string().nullable(), startedAt: z.string() })
  .nullable();

const entryFields = {
  startedAt: isoInstant,
  endedAt: isoInstant,
  note: optionalMultilineText(1000),
  billable: z.boolean(),
};

const write = { module: 'tasks', action: 'write' } as const;
const read = { module: 'tasks', action: 'read' } as const;

export const taskTimeApi = {
  /**
   * The caller's timer on a task. While another runs it is refused (`time_timer_running`, naming that task) unless
   * `stopRunning` says to stop it first. An assigned or acknowledged task moves to in progress.
   */
  'tasks.time.start': procedure({ input: z.strictObject({ taskId: id, stopRunning: z.boolean().optional() }), output: timeEntry, access: write, writes: true }),
  /** Stops the caller's running timer (or, for dispatchers and managers, the one named). */
  'tasks.time.stop': procedure({ input: z.strictObject({ entryId: optionalId }), output: timeEntry.nullable(), access: write, writes: true }),
  /** A manual entry: the caller's own, or anyone's of the task's branch for dispatchers and managers. */
  'tasks.time.add': procedure({ input: z.strictObject({ taskId: id, employeeId: optionalId, ...entryFields }), output: timeEntry, access: write, writes: true }),
  'tasks.time.edit': procedure({ input: z.strictObject({ ...versioned, ...entryFields }), output: timeEntry, access: write, writes: true }),
  'tasks.time.remove': procedure({ input: z.strictObject(versioned), output: z.object({ ok: z.literal(true) }), access: write, writes: true }),
  'tasks.time.list': procedure({ input: z.strictObject({ taskId: id }), output: taskTimeList, access: read, writes: false }),
  /** The caller's running timer, if any: the task form and the shell show it. */
  'tasks.time.running': procedure({ input: z.strictObject({}), output: runningTimer, access: read, writes: false }),
  /** The work act of one task's sessions, in the client's language. */
  'tasks.time.workAct': procedure({ input: z.strictObject({ taskId: id }), output: reportFile, access: read, writes: false }),
  /** The work act of a client's tasks over a period (by the day each session started), in the client's language. */
  'tasks.time.clientAct': procedure({
    input: z.strictObject({ clientId: id, from: isoDate, to: isoDate }).refine((p) => p.from <= p.to, { message: 'errors.end_before_start', path: ['to'] }),
    output: reportFile,
    access: read,
    writes: false,
  }),
} as const;
