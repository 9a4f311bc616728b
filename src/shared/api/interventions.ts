import { z } from 'zod';
import { procedure } from './contract';
import { byId, id, isoDate, isoInstant, nullableStrings, okOutput, optionalId, optionalMultilineText, optionalText, plainString, requiredMultilineText, requiredText, text, versioned } from './common';
import { interventionSettings, WARNING_KINDS } from './interventionSettings';

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** Workflow status, derived by main from the document's fields; never typed by a person. */
export const STATUSES = ['received', 'allocated', 'confirmed', 'finalized', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];

/** The seed's 11 grouping fields. */
export const GROUP_FIELDS = ['client', 'classification2', 'classification3', 'classification', 'docDate', 'object', 'priority', 'status', 'zone', 'startAt', 'endAt'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];
export const DATE_GROUP_FIELDS: readonly GroupField[] = ['docDate', 'startAt', 'endAt'];
export const DATE_BUCKETS = ['day', 'week', 'month'] as const;
export type DateBucket = (typeof DATE_BUCKETS)[number];

/** The seed's 28 columns of the main grid (plus the document's id for opening it). */
export const GRID_COLUMNS = [
  'series',
  'number',
  'docDate',
  'client',
  'type',
  'object',
  'startAt',
  'endAt',
  'status',
  'priority',
  'takenBy',
  'valid',
  'cancelled',
  'notes',
  'vehicle',
  'fiscalCode',
  'phone',
  'email',
  'address',
  'locality',
  'county',
  'country',
  'zone',
  'classification2',
  'classification3',
  'classification',
  'objectSerial',
  'responsible',
  'contact',
] as const;
export type GridColumn = (typeof GRID_COLUMNS)[number];

/** Every grid column sorts (the memory index keeps each one's order), plus the last change. */
export const SORT_FIELDS = [...GRID_COLUMNS, 'updatedAt'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/** The seed's 9 filters, plus status, priority and a quick search over number, client, phone and notes. */
export const gridFilters = z.strictObject({
  dateFrom: isoDate.optional(),
  dateTo: isoDate.optional(),
  clientId: optionalId,
  takenById: optionalId,
  classificationId: optionalId,
  responsibleId: optionalId,
  address: text(200).optional(),
  zoneId: optionalId,
  classification2Id: optionalId,
  classification3Id: optionalId,
  statuses: z.array(z.enum(STATUSES)).max(STATUSES.length).optional(),
  priorities: z.array(z.enum(PRIORITIES)).max(PRIORITIES.length).optional(),
  search: text(100).optional(),
  branchId: optionalId,
});
export type GridFilters = z.infer<typeof gridFilters>;

export const groupLevel = z.strictObject({ field: z.enum(GROUP_FIELDS), bucket: z.enum(DATE_BUCKETS).optional() });
export type GroupLevel = z.infer<typeof groupLevel>;
/** A group's key at one level: an id, an enum value, or a date bucket start (YYYY-MM-DD); null for "(empty)". */
/** The one limit for a timeline file, in both transports (the message names it in MB). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Bytes per uploadChunk call: its base64 (1.4 MB) stays below web mode's 2 MB body limit. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

export const groupKey = plainString(64).nullable();

/** Rows of one group: the grouping levels and the keys of the group (and its parents) to stay inside. */
export const gridScope = z.strictObject({
  filters: gridFilters,
  groupBy: z.array(groupLevel).max(4).optional(),
  groupPath: z.array(groupKey).max(4).optional(),
});
export type GridScope = z.infer<typeof gridScope>;

export const gridRow = z.object({
  id,
  ...nullableStrings('series', 'number'),
  docDate: z.string(),
  clientId: id,
  client: z.string(),
  ...nullableStrings('type', 'object', 'objectSerial', 'startAt', 'endAt'),
  status: z.enum(STATUSES),
  priority: z.enum(PRIORITIES),
  ...nullableStrings('takenBy', 'responsible'),
  valid: z.boolean(),
  cancelled: z.boolean(),
  ...nullableStrings('notes', 'vehicle', 'fiscalCode', 'phone', 'email', 'address', 'locality', 'county', 'country', 'zone'),
  ...nullableStrings('classification', 'classification2', 'classification3', 'contact'),
  /** An open warning (the seed's "warnings"): `warnings` names which, as the warnings scan recorded them. */
  warning: z.boolean(),
  warnings: z.array(z.enum(WARNING_KINDS)).max(WARNING_KINDS.length),
  version: z.number().int(),
  /** The branch's IANA zone: its start and end are read on that clock, wherever they are shown or printed. */
  timeZone: z.string(),
});
export type GridRow = z.infer<typeof gridRow>;

export const interventionFields = {
  branchId: id,
  clientId: id,
  contactId: optionalId,
  priority: z.enum(PRIORITIES),
  confirmedReal: z.boolean().optional(),
  typeId: optionalId,
  seriesId: optionalId,
  docDate: isoDate,
  objectProductId: optionalId,
  objectSerial: optionalText(100),
  responsibleId: optionalId,
  takenById: optionalId,
  startAt: isoInstant.nullable().optional(),
  endAt: isoInstant.nullable().optional(),
  notes: optionalMultilineText(4000),
  contractId: optionalId,
  estimateId: optionalId,
  vehicleId: optionalId,
  classificationId: optionalId,
  classification2Id: optionalId,
  classification3Id: optionalId,
  zoneId: optionalId,
};

/** A document's editable fields, as `interventions.create` and `update` take them. */
export type InterventionFields = z.output<z.ZodObject<typeof interventionFields>>;

export const noteRow = z.object({
  id,
  at: z.string(),
  personId: id.nullable(),
  person: z.string().nullable(),
  /** 1: dated line with file and registry reference; 2: a plain remark (the seed's two windows). */
  style: z.union([z.literal(1), z.literal(2)]),
  text: z.string(),
  attachmentName: z.string().nullable(),
  attachmentSize: z.number().int().nullable(),
  attachmentSha256: z.string().nullable(),
  registryRef: z.string().nullable(),
  /** Shown to the client in the client portal. */
  public: z.boolean(),
});
export type NoteRow = z.infer<typeof noteRow>;

export const interventionDetail = z.object({
  id,
  branchId: id,
  seriesId: id.nullable(),
  series: z.string().nullable(),
  number: z.string().nullable(),
  /** The number it was validated under before the hub confirmed the final one (the same while not yet confirmed). */
  provisionalNumber: z.string().nullable(),
  docDate: z.string(),
  clientId: id,
  clientInfo: z.string(),
  contactId: id.nullable(),
  priority: z.enum(PRIORITIES),
  confirmedReal: z.boolean(),
  typeId: id.nullable(),
  objectProductId: id.nullable(),
  objectSerial: z.string().nullable(),
  responsibleId: id.nullable(),
  takenById: id.nullable(),
  startAt: z.string().nullable(),
  endAt: z.string().nullable(),
  status: z.enum(STATUSES),
  assigneeConfirmedAt: z.string().nullable(),
  finalizedAt: z.string().nullable(),
  valid: z.boolean(),
  validatedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  notes: z.string().nullable(),
  contractId: id.nullable(),
  estimateId: id.nullable(),
  vehicleId: id.nullable(),
  classificationId: id.nullable(),
  classification2Id: id.nullable(),
  classification3Id: id.nullable(),
  zoneId: id.nullable(),
  pendingApproval: z.enum(['cancel', 'finalize']).nullable(),
  timeline: z.array(noteRow),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The branch's IANA zone: the form reads and writes start and end on that clock. */
  timeZone: z.string(),
  /** Who saved this version (null: nobody signed in, or written before the change record); with `updatedAt`, what a form open elsewhere names. */
  updatedBy: z.string().nullable(),
});
export type InterventionDetail = z.infer<typeof interventionDetail>;

/**
 * Where a client's object was found. Today only their past interventions; sold products can join once invoicing exists
 * (the seed picks the object "from the product nomenclature or from the client's invoices").
 */
export const CLIENT_OBJECT_SOURCES = ['intervention'] as const;
export const clientObject = z.object({
  productId: id,
  code: z.string().nullable(),
  name: z.string(),
  isSystem: z.boolean(),
  active: z.boolean(),
  /** Serial or lot; null when it was left empty. */
  serial: z.string().nullable(),
  source: z.enum(CLIENT_OBJECT_SOURCES),
  /** The document date of the latest intervention on this object (YYYY-MM-DD). */
  lastDate: z.string(),
});
export type ClientObject = z.infer<typeof clientObject>;

/** One value of a field and how many rows hold it (null: none). */
const gridTally = z.object({ key: z.string().nullable(), count: z.number().int() });
/** One line of a client's history on the client card: newest first. */
export const clientInterventionRow = z.object({
  id,
  /** With its series' prefix; null while the document is a draft. */
  number: z.string().nullable(),
  docDate: z.string(),
  status: z.enum(STATUSES),
  valid: z.boolean(),
  ...nullableStrings('type', 'takenBy'),
});
export type ClientInterventionRow = z.infer<typeof clientInterventionRow>;

export const interventionsApi = {
  'interventions.list': procedure({
    input: z.strictObject({
      scope: gridScope,
      sort: z.enum(SORT_FIELDS).optional(),
      desc: z.boolean().optional(),
      offset: z.number().int().min(0).max(10_000_000),
      limit: z.number().int().min(1).max(500),
    }),
    output: z.object({ rows: z.array(gridRow) }),
    access: { module: 'interventions', action: 'read' },
    writes: false,
  }),
  'interventions.count': procedure({
    /** With the grid's sort, the rows are also put in order for the pages that follow (counting costs a little more). */
    input: z.strictObject({
      scope: gridScope,
      sort: z.enum(SORT_FIELDS).optional(),
      desc: z.boolean().optional(),
      /** Also the first rows of that order, in the same answer: a new scope's screen needs no second round trip. */
      first: z.number().int().min(1).max(500).optional(),
    }),
    output: z.object({ total: z.number().int(), rows: z.array(gridRow).optional() }),
    access: { module: 'interventions', action: 'read' },
    writes: false,
  }),
  /** The groups at the level below `scope.groupPath`, with counts. */
  'interventions.groups': procedure({
    input: z.strictObject({ scope: gridScope }),
    output: z.array(z.object({ key: z.string().nullable(), label: z.string().nullable(), count: z.number().int() })),
    access: { module: 'interventions', action: 'read' },
    writes: false,
  }),
  /** The footer's totals: the scope's count, and its rows counted by status and by priority (a group's alone with `groupPath`). */
  'interventions.totals': procedure({
    input: z.strictObject({ scope: gridScope }),
    output: z.object({ total: z.number().int(), status: z.array(gridTally), priority: z.array(gridTally) }),
    access: { module: 'interventions', action: 'read' },
    writes: false,
  }),
  'interventions.get': procedure({ input: byId, output: interventionDetail, access: { module: 'interventions', action: 'read' }, writes: false }),
  /**
   * The objects (product + serial/lot) this client already had, most recent first, one row per distinct pair:
   * the intervention form offers them before the product list. `excludeId`: the document being edited.
   */
  'interventions.clientObjects': procedure({
    input: z.strictObject({ clientId: id, search: text(100).optional(), excludeId: optionalId, limit: z.number().int().min(1).max(200).optional() }),
    output: z.array(clientObject),
    access: { module: 'interventions', action: 'read' },
    writes: false,
  }),
  /**
   * The client's interventions the caller may see (their branches unless they see all), newest first: the client card's
   * history. `total` counts them all when more than `limit` exist.
   */
  'interventions.ofClient': procedure({
    input: z.strictObject({ clientId: id, limit: z.number().int().min(1).max(200).optional() }),
    output: z.object({ rows: z.array(clientInterventionRow), total: z.number().int() }),
    access: { module: 'interventions', action: 'read' },
    writes: false,
  }),
  'interventions.create': procedure({
    input: z.strictObject(interventionFields),
    output: interventionDetail,
    access: { module: 'interventions', action: 'write' },
    writes: true,
  }),
  'interventions.update': procedure({
    input: z.strictObject({ ...versioned, ...interventionFields }),
    output: interventionDetail,
    access: { module: 'interventions', action: 'write' },
    writes: true,
  }),
  /** The person the intervention is allocated to says they will do it. */
  'interventions.confirm': procedure({ input: z.strictObject(versioned), output: interventionDetail, access: { module: 'interventions', action: 'write' }, writes: true }),
  'interventions.finalize': procedure({ input: z.strictObject(versioned), output: interventionDetail, access: { module: 'interventions', action: 'write' }, writes: true }),
  'interventions.cancel': procedure({
    input: z.strictObject({ ...versioned, reason: requiredMultilineText(500) }),
    output: interventionDetail,
    access: { module: 'interventions', action: 'write' },
    writes: true,
  }),
  /** Validation gives the document its number from its series. */
  'interventions.validate': procedure({ input: z.strictObject(versioned), output: interventionDetail, access: { module: 'interventions', action: 'write' }, writes: true }),
  'interventions.delete': procedure({ input: byId, output: okOutput, access: { module: 'interventions', action: 'delete' }, writes: true }),
  'interventions.addNote': procedure({
    input: z.strictObject({
      id,
      style: z.union([z.literal(1), z.literal(2)]),
      text: requiredMultilineText(4000),
      registryRef: optionalText(100),
      /** A file sent before with interventions.uploadChunk. */
      attachment: z.strictObject({ name: requiredText(200), uploadId: id }).optional(),
      /** Shown to the client in the portal (default: not). */
      public: z.boolean().optional(),
    }),
    output: noteRow,
    access: { module: 'interventions', action: 'write' },
    writes: true,
  }),
  /** Shows a timeline entry to the client in the portal, or hides it again. */
  'interventions.setNotePublic': procedure({
    input: z.strictObject({ id, noteId: id, public: z.boolean() }),
    output: noteRow,
    access: { module: 'interventions', action: 'write' },
    writes: true,
  }),
  /**
   * A timeline file travels in pieces of UPLOAD_CHUNK_BYTES, each an ordinary call of either transport (HTTP or IPC) well under any body
   * limit; main appends each to a temporary file while hashing it, so no file is ever whole in memory, and refuses
   * the piece that would pass ATTACHMENT_MAX_BYTES. The upload is its caller's only, and lasts an hour unused.
   */
  'interventions.uploadChunk': procedure({
    input: z.strictObject({
      /** Absent for the first piece. */
      uploadId: optionalId,
      /** Bytes already sent: a lost or repeated piece is refused rather than stored out of place. */
      offset: z.number().int().min(0).max(ATTACHMENT_MAX_BYTES),
      data: plainString(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/)
        .refine((s) => s.length % 4 === 0),
    }),
    output: z.object({ uploadId: id, size: z.number().int() }),
    access: { module: 'interventions', action: 'write' },
    writes: false,
  }),
} as const;

export const calendarEvent = z.object({
  id,
  title: z.string(),
  start: z.string(),
  end: z.string(),
  personId: id.nullable(),
  person: z.string().nullable(),
  status: z.enum(STATUSES),
  priority: z.enum(PRIORITIES),
  version: z.number().int(),
  /** Its person has other work scheduled at the same time (rules/overlap.ts). */
  overlap: z.boolean(),
});

/** Another scheduled job of the same person that a planned time overlaps. */
export const overlapRow = z.object({
  id,
  number: z.string().nullable(),
  client: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(STATUSES),
  timeZone: z.string(),
});

export const approvalRow = z.object({
  id,
  interventionId: id,
  kind: z.enum(['cancel', 'finalize']),
  reason: z.string().nullable(),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  client: z.string(),
  number: z.string().nullable(),
});

export const VIEW_KINDS = ['view', 'report'] as const;
export const savedView = z.object({
  id,
  name: z.string(),
  kind: z.enum(VIEW_KINDS),
  shared: z.boolean(),
  favorite: z.boolean(),
  mine: z.boolean(),
  /** Columns, filters, grouping and sort, as the grid screen stores them. */
  config: z.string(),
});

export const interventionsFlowApi = {
  'interventions.settings': procedure({ input: z.strictObject({}), output: interventionSettings, access: { module: 'interventions', action: 'read' }, writes: false }),
  'interventions.setSettings': procedure({ input: interventionSettings, output: interventionSettings, access: { module: 'interventions', action: 'approve' }, writes: true }),
  /** Assistant: allocate the selected interventions to a person and time. */
  'interventions.allocateMany': procedure({
    input: z.strictObject({ ids: z.array(id).min(1).max(500), takenById: id, responsibleId: id, startAt: isoInstant, endAt: isoInstant }),
    output: z.object({ updated: z.number().int() }),
    access: { module: 'interventions', action: 'write' },
    writes: true,
  }),
  /** Assistant: hand the waiting (received, unassigned) interventions to people, by priority and by how much each already has waiting. */
  'interventions.distribute': procedure({
    input: z.strictObject({ personIds: z.array(id).min(1).max(200), branchId: optionalId }),
    output: z.object({ assignments: z.array(z.object({ id, personId: id })) }),
    access: { module: 'interventions', action: 'write' },
    writes: true,
  }),
  'interventions.calendar': procedure({
    input: z.strictObject({ from: isoInstant, to: isoInstant, personId: optionalId, branchId: optionalId }),
    output: z.array(calendarEvent),
    access: { module: 'interventions', action: 'read' },
    writes: false,
  }),
  /** Drag in the calendar: same rules as the form. */
  'interventions.reschedule': procedure({
    input: z.strictObject({ ...versioned, startAt: isoInstant, endAt: isoInstant, takenById: optionalId }),
    output: interventionDetail,
    access: { module: 'interventions', action: 'write' },
    writes: true,
  }),
  /**
   * The person's other scheduled work that a planned time overlaps (only in the caller's branches). A warning, not a
   * refusal: a dispatcher may knowingly book two short visits in one slot, so saving stays allowed.
   */
  'interventions.overlaps': procedure({
    input: z.strictObject({ personId: id, startAt: isoInstant, endAt: isoInstant, excludeId: optionalId }),
    output: z.array(overlapRow),
    access: { module: 'interventions', action: 'read' },
    writes: false,
  }),
  'interventions.approvals': procedure({ input: z.strictObject({}), output: z.array(approvalRow), access: { module: 'interventions', action: 'approve' }, writes: false }),
  'interventions.decide': procedure({
    input: z.strictObject({ approvalId: id, approve: z.boolean() }),
    output: okOutput,
    access: { module: 'interventions', action: 'approve' },
    writes: true,
  }),
  'views.list': procedure({ input: z.strictObject({ module: z.literal('interventions') }), output: z.array(savedView), access: { module: 'interventions', action: 'read' }, writes: false }),
  'views.save': procedure({
    input: z.strictObject({ id: optionalId, module: z.literal('interventions'), kind: z.enum(VIEW_KINDS), name: requiredText(100), shared: z.boolean(), config: plainString(20_000, true) }),
    output: savedView,
    access: { module: 'interventions', action: 'read' },
    writes: true,
  }),
  'views.setFavorite': procedure({ input: z.strictObject({ id, favorite: z.boolean() }), output: savedView, access: { module: 'interventions', action: 'read' }, writes: true }),
  'views.delete': procedure({ input: byId, output: okOutput, access: { module: 'interventions', action: 'read' }, writes: true }),
} as const;
