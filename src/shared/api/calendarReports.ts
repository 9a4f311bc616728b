import { z } from 'zod';
import { procedure } from './contract';
import { byId, id, isoDate, optionalId } from './common';
import { reportFile } from './reports';
import { VISIT_KINDS, VISIT_STATUSES } from './visits';

/**
 * The calendar's reports (issue 9): visits by source, no-shows by client and by employee, employees' utilisation
 * (booked against working minutes), unpaid visits and the day's list per employee for printing; each as data for the
 * screen (a table and a chart) and as a PDF. Periods are branch dates, inclusive: a visit belongs to the day its
 * branch's clock shows when it starts. Cancelled visits and breaks count in none of them, except the day list, which
 * shows breaks (they are part of the day).
 */
export const CALENDAR_REPORTS = ['sources', 'noShows', 'utilisation', 'unpaid', 'dailyList'] as const;
export type CalendarReport = (typeof CALENDAR_REPORTS)[number];

/** The longest period a report reads: a year and a day (a leap year's 366 days). */
export const MAX_REPORT_DAYS = 366;

const periodFields = { from: isoDate, to: isoDate, branchId: optionalId, userId: optionalId };
/** Days of a period counted inclusively; the handlers refuse a period longer than MAX_REPORT_DAYS at `to`. */
export const periodDays = (p: { from: string; to: string }) => Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000) + 1;
export const reportPeriod = z.strictObject(periodFields).refine((p) => p.from <= p.to, { message: 'errors.end_before_start', path: ['to'] });
export type ReportPeriod = z.infer<typeof reportPeriod>;

const money = z.object({ currency: z.string(), minor: z.number().int() });

export const sourceRow = z.object({
  /** Null: visits booked without a source. */
  sourceId: id.nullable(),
  sourceName: z.string().nullable(),
  count: z.number().int(),
  /** Of all visits of the period, 0…1. */
  share: z.number(),
});
export const sourcesReport = z.object({ rows: z.array(sourceRow), total: z.number().int() });

export const noShowRow = z.object({
  id,
  name: z.string(),
  phone: z.string().nullable(),
  noShows: z.number().int(),
  /** Visits whose attendance is known (arrived or did not). */
  decided: z.number().int(),
  /** noShows / decided, 0…1. */
  rate: z.number(),
});
export const noShowsReport = z.object({ byClient: z.array(noShowRow), byEmployee: z.array(noShowRow), noShows: z.number().int(), decided: z.number().int() });

export const utilisationRow = z.object({
  userId: id,
  userName: z.string(),
  branchId: id,
  branchName: z.string(),
  bookedMin: z.number().int(),
  workingMin: z.number().int(),
  /** booked / working; null without working hours in the period. May pass 1 when visits were booked outside hours. */
  rate: z.number().nullable(),
  visits: z.number().int(),
});
export const utilisationReport = z.object({ rows: z.array(utilisationRow) });

export const unpaidRow = z.object({
  visitId: id,
  start: z.string(),
  timeZone: z.string(),
  status: z.enum(VISIT_STATUSES),
  clientId: id.nullable(),
  clientName: z.string().nullable(),
  clientPhone: z.string().nullable(),
  userName: z.string(),
  serviceName: z.string().nullable(),
  currency: z.string(),
  totalMinor: z.number().int(),
  paidMinor: z.number().int(),
  dueMinor: z.number().int(),
});
/** Totals per currency (a branch prices in one; an organization may have several). */
export const unpaidReport = z.object({ rows: z.array(unpaidRow), due: z.array(money) });

export const dailyLine = z.object({
  visitId: id,
  kind: z.enum(VISIT_KINDS),
  start: z.string(),
  end: z.string(),
  status: z.enum(VISIT_STATUSES),
  clientName: z.string().nullable(),
  clientPhone: z.string().nullable(),
  serviceName: z.string().nullable(),
  notes: z.string().nullable(),
  firstConsultation: z.boolean(),
  asap: z.boolean(),
});
export const dailyEmployee = z.object({ userId: id, userName: z.string(), lines: z.array(dailyLine), bookedMin: z.number().int() });
export const dailyListReport = z.object({ day: z.string(), timeZone: z.string(), branchName: z.string(), employees: z.array(dailyEmployee) });

/** The report's context: the zones its times are on (paper names them), said once per answer. */
const zoned = { timeZones: z.array(z.string()) };

const read = { module: 'calendar', action: 'read' } as const;
const dailyInput = z.strictObject({ branchId: id, day: isoDate, userId: optionalId });

export const calendarReportsApi = {
  'calendarReports.sources': procedure({ input: reportPeriod, output: sourcesReport.extend(zoned), access: read, writes: false }),
  'calendarReports.noShows': procedure({ input: reportPeriod, output: noShowsReport.extend(zoned), access: read, writes: false }),
  'calendarReports.utilisation': procedure({ input: reportPeriod, output: utilisationReport.extend(zoned), access: read, writes: false }),
  'calendarReports.unpaid': procedure({ input: reportPeriod, output: unpaidReport.extend(zoned), access: read, writes: false }),
  /** One branch's day, per employee, in time order: for printing and handing to each employee. */
  'calendarReports.dailyList': procedure({ input: dailyInput, output: dailyListReport, access: read, writes: false }),
  'calendarReports.dailyListPdf': procedure({ input: dailyInput, output: reportFile, access: read, writes: false }),
  /** Any of the other four as a PDF in the caller's language, times on the branch's clock with the zone named. */
  'calendarReports.pdf': procedure({
    input: z
      .strictObject({ report: z.enum(['sources', 'noShows', 'utilisation', 'unpaid']), ...periodFields })
      .refine((p) => p.from <= p.to, { message: 'errors.end_before_start', path: ['to'] }),
    output: reportFile,
    access: read,
    writes: false,
  }),
  /** The visit's receipt: organization and branch, client, time, lines with prices, payments, total, paid, due. */
  'reports.visitReceipt': procedure({ input: byId, output: reportFile, access: read, writes: false }),
} as const;
