import { z } from 'zod';
import { procedure } from './contract';
import { byId } from './common';
import { GRID_COLUMNS, SORT_FIELDS, gridScope } from './interventions';

/** The columns a person chose to show, in their order; each at most once. */
export const reportColumns = z
  .array(z.enum(GRID_COLUMNS))
  .min(1)
  .max(GRID_COLUMNS.length)
  .refine((cols) => new Set(cols).size === cols.length, { message: 'duplicate column' });

/**
 * A generated file: `fileId` names it under DATA/reports/. Web mode downloads it from /api/files/<fileId>;
 * the desktop app asks main through window.planora.openFile(fileId, action).
 */
export const reportFile = z.object({
  fileId: z.uuid(),
  fileName: z.string(),
  pages: z.number().int(),
  /** Rows printed (for the lists); 0 for the one-document reports. */
  rows: z.number().int(),
  /** A list longer than a PDF can sensibly hold is cut; the export prints all of it. */
  truncated: z.boolean(),
});
export type ReportFile = z.infer<typeof reportFile>;

/** What the desktop app does with a generated file: show it in the system's viewer, print it, or save a copy where the person says. */
export type FileAction = 'open' | 'print' | 'save';
/** `done` is false when the person closed the save dialog without choosing a place. */
export interface FileActionOutcome {
  done: boolean;
}

/** Chosen by the caller so it can match progress events that arrive before the answer. */
export const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** CSV field separator; by default the one Excel expects for the user's language (`;` where the decimal mark is a comma). */
export const CSV_DELIMITERS = [',', ';', '\t'] as const;

const read = { module: 'interventions', action: 'read' } as const;
const scoped = z.strictObject({ scope: gridScope });

export const reportsApi = {
  /** The printable intervention document: every field, the client, the timeline and a signatures area. */
  'reports.interventionForm': procedure({ input: byId, output: reportFile, access: read, writes: false }),
  /** The seed's "Fișa evoluție sesizare": the dated lines and milestones of one intervention. */
  'reports.evolutionSheet': procedure({ input: byId, output: reportFile, access: read, writes: false }),
  /** "Borderou sesizări", and the quick report: exactly the grid's filtered rows and shown columns, grouped like the grid with counts. */
  'reports.interventionList': procedure({
    input: z.strictObject({ scope: gridScope, columns: reportColumns, sort: z.enum(SORT_FIELDS).optional(), desc: z.boolean().optional() }),
    output: reportFile,
    access: read,
    writes: false,
  }),
  /** "Borderou obiecte sesizări": each object (product, serial/lot, client) of the scope's interventions, with counts. */
  'reports.objectsList': procedure({ input: scoped, output: reportFile, access: read, writes: false }),
  /** "Borderou detaliat obiecte sesizări": each object with its interventions under it. */
  'reports.objectsDetailed': procedure({ input: scoped, output: reportFile, access: read, writes: false }),
  /** "Borderou produse": the products that are the object of the scope's interventions, with counts by state. */
  'reports.productsList': procedure({ input: scoped, output: reportFile, access: read, writes: false }),
  /** CSV or XLSX of exactly the filtered rows and shown columns, streamed page by page; progress as `export.progress`. */
  'export.interventions': procedure({
    input: z.strictObject({
      scope: gridScope,
      columns: reportColumns,
      format: z.enum(EXPORT_FORMATS),
      sort: z.enum(SORT_FIELDS).optional(),
      desc: z.boolean().optional(),
      jobId: jobId.optional(),
      delimiter: z.enum(CSV_DELIMITERS).optional(),
    }),
    output: z.object({ fileId: z.uuid(), fileName: z.string(), rows: z.number().int(), jobId }),
    access: read,
    writes: false,
  }),
} as const;

/** Push events of this slice, for the events map of index.ts. */
export const reportsEvents = {
  'export.progress': z.object({ jobId: z.string(), done: z.number(), total: z.number() }),
} as const;
