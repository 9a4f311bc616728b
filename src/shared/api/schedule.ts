import { z } from 'zod';
import { procedure } from './contract';
import { byId, id, isoDate, isoInstant, okOutput, optionalText, requiredText, versioned } from './common';
import { EXCEPTION_KINDS, isWallTime, validIntervals } from '../rules/workingHours';

/**
 * Working hours and services of the calendar: each employee's week in a branch (the gaps between a day's intervals
 * are breaks) and dated exceptions, and the services a branch offers. Times of day are the branch's wall clock.
 */
const wallTime = z.string().refine(isWallTime, { message: 'errors.invalid_time' });
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
/**
 * A day's intervals: each starts before it ends, none overlaps the one before (the same rule as `validIntervals`),
 * each problem named at its own interval so a form can mark the row.
 */
const intervals = z
  .array(z.tuple([wallTime, wallTime]))
  .max(12)
  .superRefine((list, ctx) => {
    if (validIntervals(list)) return;
    let last = -1;
    list.forEach(([a, b], i) => {
      if (!isWallTime(a) || !isWallTime(b)) return;
      if (a === '24:00' || minutesOf(a) >= minutesOf(b)) ctx.addIssue({ code: 'custom', message: 'errors.interval_order', path: [i] });
      else if (minutesOf(a) < last) ctx.addIssue({ code: 'custom', message: 'errors.intervals_overlap', path: [i] });
      last = Math.max(last, minutesOf(b));
    });
  });
export const week = z.strictObject({
  '1': intervals.optional(),
  '2': intervals.optional(),
  '3': intervals.optional(),
  '4': intervals.optional(),
  '5': intervals.optional(),
  '6': intervals.optional(),
  '7': intervals.optional(),
});

export const scheduleRow = z.object({
  /** Null while the employee has no week in this branch yet. */
  id: id.nullable(),
  branchId: id,
  userId: id,
  userName: z.string(),
  week,
  version: z.number().int(),
});
export type ScheduleRow = z.infer<typeof scheduleRow>;

export const exceptionRow = z.object({
  id,
  branchId: id,
  userId: id,
  kind: z.enum(EXCEPTION_KINDS),
  dayFrom: z.string(),
  dayTo: z.string(),
  intervals: z.array(z.tuple([z.string(), z.string()])).nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type ExceptionRow = z.infer<typeof exceptionRow>;

const exceptionFields = {
  branchId: id,
  userId: id,
  kind: z.enum(EXCEPTION_KINDS),
  dayFrom: isoDate,
  dayTo: isoDate,
  intervals: intervals.nullable(),
  note: optionalText(500),
};

/** Colours a clerk can tell apart on a calendar event; stored as #rrggbb. */
export const colour = z.string().regex(/^#[0-9a-f]{6}$/);
export const currency = z.string().regex(/^[A-Z]{3}$/);

export const serviceRow = z.object({
  id,
  branchId: id,
  name: z.string(),
  durationMin: z.number().int(),
  priceMinor: z.number().int(),
  currency: z.string(),
  colour: z.string(),
  performerIds: z.array(id),
  active: z.boolean(),
  version: z.number().int(),
});
export type ServiceRow = z.infer<typeof serviceRow>;

const serviceFields = {
  name: requiredText(200),
  durationMin: z.number().int().min(5).max(24 * 60),
  priceMinor: z.number().int().min(0).max(100_000_000),
  currency,
  colour,
  performerIds: z.array(id).max(200),
};

/** One employee's working time on the calendar's range: UTC spans, for greying out what lies outside them. */
export const workingSpansRow = z.object({
  userId: id,
  spans: z.array(z.object({ start: z.string(), end: z.string() })),
});

const read = { module: 'calendar', action: 'read' } as const;
// Hours and services are the branch's organisation of work: managers and up set them.
const manage = { module: 'calendar', action: 'approve' } as const;

export const scheduleApi = {
  /** The weeks of the branch's employees (everyone who works in it, with or without a week yet). */
  'schedule.weeks': procedure({ input: z.strictObject({ branchId: id }), output: z.array(scheduleRow), access: read, writes: false }),
  /** Set one employee's week in a branch (creates it the first time; `version` 0 then). */
  'schedule.setWeek': procedure({
    input: z.strictObject({ branchId: id, userId: id, week, version: z.number().int().min(0) }),
    output: scheduleRow,
    access: manage,
    writes: true,
  }),
  'schedule.exceptions': procedure({
    input: z.strictObject({ branchId: id, userId: id.optional(), from: isoDate, to: isoDate }),
    output: z.array(exceptionRow),
    access: read,
    writes: false,
  }),
  'schedule.createException': procedure({ input: z.strictObject(exceptionFields), output: exceptionRow, access: manage, writes: true }),
  'schedule.updateException': procedure({ input: z.strictObject({ ...versioned, ...exceptionFields }), output: exceptionRow, access: manage, writes: true }),
  'schedule.deleteException': procedure({ input: byId, output: okOutput, access: manage, writes: true }),
  /** Working spans of employees of a branch over a range (the calendar greys out the rest). */
  'schedule.working': procedure({
    input: z.strictObject({ branchId: id, userIds: z.array(id).max(200).optional(), from: isoInstant, to: isoInstant }),
    output: z.array(workingSpansRow),
    access: read,
    writes: false,
  }),

  'services.list': procedure({
    input: z.strictObject({ branchId: id.optional(), includeInactive: z.boolean().optional() }),
    output: z.array(serviceRow),
    access: read,
    writes: false,
  }),
  'services.create': procedure({ input: z.strictObject({ branchId: id, ...serviceFields }), output: serviceRow, access: manage, writes: true }),
  'services.update': procedure({ input: z.strictObject({ ...versioned, ...serviceFields, active: z.boolean() }), output: serviceRow, access: manage, writes: true }),
  /** Refused while a booked visit uses it (make it inactive instead). */
  'services.delete': procedure({ input: byId, output: okOutput, access: manage, writes: true }),
} as const;
