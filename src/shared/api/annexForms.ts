import { z } from 'zod';
import { procedure } from './contract';
import { byId, id, okOutput, optionalId, plainString, requiredText, versioned } from './common';
import { reportFile } from './reports';

/**
 * Annex forms (the seed's "formulare anexe … Formulare HTML"): templates an administrator writes in Liquid, printed
 * as an intervention's annex. Main renders them with the document's data (values escaped, no script, time and size
 * limits) and keeps only a small HTML subset, sent as the tree below: the preview draws it as React elements and the
 * PDF as pdfmake content, so no template's markup ever reaches a page as HTML.
 */

/** The tags an annex may hold; anything else is dropped (its text kept, except script-like content). */
export const ANNEX_TAGS = ['h1', 'h2', 'h3', 'h4', 'p', 'strong', 'em', 'u', 'br', 'hr', 'ul', 'ol', 'li', 'table', 'tr', 'th', 'td'] as const;
export type AnnexTag = (typeof ANNEX_TAGS)[number];
export const ANNEX_ALIGNS = ['left', 'center', 'right'] as const;
export type AnnexAlign = (typeof ANNEX_ALIGNS)[number];
export const ANNEX_MAX_COLSPAN = 12;

export type AnnexNode = string | AnnexElement;
export interface AnnexElement {
  tag: AnnexTag;
  align?: AnnexAlign;
  colspan?: number;
  children: AnnexNode[];
}
export const annexNode: z.ZodType<AnnexNode> = z.lazy(() =>
  z.union([
    z.string(),
    z.object({
      tag: z.enum(ANNEX_TAGS),
      align: z.enum(ANNEX_ALIGNS).optional(),
      colspan: z.number().int().min(2).max(ANNEX_MAX_COLSPAN).optional(),
      children: z.array(annexNode),
    }),
  ]),
);

/**
 * What a template may print, grouped as it writes them (`{{ intervention.number }}`, `{% for line in timeline %}`),
 * each with the catalog key of its label: the editor lists them in the reader's language and inserts them on a click.
 * A field the grid shows too is named as its column is, so the editor, the screen and the paper say the same.
 */
export const ANNEX_FIELDS = {
  intervention: {
    number: 'reports.form.number',
    series: 'interventions.col.series',
    doc_date: 'interventions.col.docDate',
    status: 'interventions.col.status',
    priority: 'interventions.col.priority',
    type: 'interventions.col.type',
    branch: 'reports.form.branch',
    notes: 'interventions.col.notes',
    start: 'interventions.col.startAt',
    end: 'interventions.col.endAt',
    taken_by: 'interventions.col.takenBy',
    responsible: 'interventions.col.responsible',
    vehicle: 'interventions.col.vehicle',
    zone: 'interventions.col.zone',
    classification: 'interventions.col.classification',
    classification2: 'interventions.col.classification2',
    classification3: 'interventions.col.classification3',
    contract: 'reports.form.contract',
    estimate: 'reports.form.estimate',
    confirmed_at: 'reports.form.assigneeConfirmedAt',
    finalized_at: 'reports.form.finalizedAt',
    cancel_reason: 'reports.form.cancelReason',
    time_zone: 'annex.fields.timeZone',
  },
  client: {
    name: 'interventions.col.client',
    fiscal_code: 'interventions.col.fiscalCode',
    phone: 'interventions.col.phone',
    email: 'interventions.col.email',
    address: 'interventions.col.address',
    contact: 'reports.form.contactPerson',
  },
  object: {
    code: 'annex.fields.objectCode',
    name: 'interventions.col.object',
    serial: 'interventions.col.objectSerial',
  },
  organization: {
    name: 'annex.fields.organization',
  },
  printed: {
    date: 'annex.fields.printedDate',
    by: 'annex.fields.printedBy',
  },
} as const;
/** The timeline's lines, each `line` in `{% for line in timeline %}`. */
export const ANNEX_TIMELINE_FIELDS = {
  at: 'reports.timeline.at',
  person: 'reports.timeline.person',
  text: 'reports.timeline.text',
} as const;
export type AnnexGroup = keyof typeof ANNEX_FIELDS;

/** The file format of exported templates; `version` says which shape a later program must read. */
export const ANNEX_FILE_FORMAT = 'planora.annexForms';
export const ANNEX_FILE_VERSION = 1;
export const ANNEX_BODY_MAX = 50_000;
export const ANNEX_NAME_MAX = 100;
/** The contract's cap on any one text: a file of some dozens of templates. */
export const ANNEX_FILE_MAX = 100_000;

const name = requiredText(ANNEX_NAME_MAX);
const body = plainString(ANNEX_BODY_MAX, true).min(1);

/** One template as the file holds it: the type by name, as the organizations that trade files name their own ids. */
export const annexFileTemplate = z.strictObject({ name, type: requiredText(200).nullable(), body });
export const annexFile = z.strictObject({
  format: z.literal(ANNEX_FILE_FORMAT),
  version: z.literal(ANNEX_FILE_VERSION),
  templates: z.array(annexFileTemplate).max(200),
});
export type AnnexFile = z.infer<typeof annexFile>;

export const annexTemplateRow = z.object({
  id,
  name: z.string(),
  typeId: id.nullable(),
  /** The intervention type's name; null: offered on every document. */
  type: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type AnnexTemplateRow = z.infer<typeof annexTemplateRow>;
export const annexTemplate = annexTemplateRow.extend({ body: z.string() });
export type AnnexTemplate = z.infer<typeof annexTemplate>;

const templateFields = { name, typeId: optionalId, body };
const read = { module: 'interventions', action: 'read' } as const;
/** Templates are the organization's paper: its administrators (owners, admins) write them. */
const manage = { module: 'organization', action: 'write' } as const;

export const annexFormsApi = {
  /** Every template, or those offered on one document (its type's and those for every type). */
  'annexForms.list': procedure({ input: z.strictObject({ interventionId: optionalId }), output: z.array(annexTemplateRow), access: read, writes: false }),
  'annexForms.get': procedure({ input: byId, output: annexTemplate, access: read, writes: false }),
  'annexForms.create': procedure({ input: z.strictObject(templateFields), output: annexTemplate, access: manage, writes: true }),
  'annexForms.update': procedure({ input: z.strictObject({ ...versioned, ...templateFields }), output: annexTemplate, access: manage, writes: true }),
  'annexForms.delete': procedure({ input: byId, output: okOutput, access: manage, writes: true }),
  /** A template being written, rendered on a real document: what the annex would print. */
  'annexForms.preview': procedure({
    input: z.strictObject({ interventionId: id, body }),
    output: z.object({ nodes: z.array(annexNode) }),
    access: manage,
    writes: false,
  }),
  /** The annex of a document as PDF, through the reports' files: opened, printed or saved like the form. */
  'annexForms.print': procedure({ input: z.strictObject({ interventionId: id, templateId: id }), output: reportFile, access: read, writes: false }),
  /** Every template in one JSON file (format and version inside), saved like a report. */
  'annexForms.export': procedure({ input: z.strictObject({}), output: reportFile, access: manage, writes: false }),
  /** Templates from an exported file: same name replaced, others added; a bad file changes nothing. */
  'annexForms.import': procedure({
    input: z.strictObject({ content: plainString(ANNEX_FILE_MAX, true).min(1) }),
    output: z.object({ created: z.number().int(), updated: z.number().int() }),
    access: manage,
    writes: true,
  }),
} as const;
