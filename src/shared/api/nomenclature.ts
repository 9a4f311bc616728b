import { z } from 'zod';
import { procedure } from './contract';
import { byId, id, okOutput, optionalId, optionalText, pageInput, pageOf, requiredText, text, versioned } from './common';

/**
 * The editable lists behind an intervention's fields ("nomenclatoare"): types, classifications 1–3,
 * commercial zones, vehicles, and the clients' contracts and estimates; and the visits' sources. Products (the object of an intervention) have their own table.
 */
export const NOMENCLATURE_KINDS = [
  'intervention_type',
  'classification',
  'classification2',
  'classification3',
  'zone',
  'vehicle',
  'contract',
  'estimate',
  /** Where a visit's client came from (an SMS campaign, Google ads, a referral…): the calendar's, kept here to be edited with the other lists. */
  'visit_source',
] as const;
export type NomenclatureKind = (typeof NOMENCLATURE_KINDS)[number];

/** Kinds whose items belong to one client: an intervention may only use its own client's contract or estimate. */
export const CLIENT_BOUND_KINDS = ['contract', 'estimate'] as const satisfies readonly NomenclatureKind[];
export function isClientBound(kind: NomenclatureKind): boolean {
  return (CLIENT_BOUND_KINDS as readonly string[]).includes(kind);
}

/** Codes are short identifiers a clerk types ("Z01", "CTR-2026/15"); names are what lists show. */
export const CODE_MAX = 40;
export const NAME_MAX = 200;

const kind = z.enum(NOMENCLATURE_KINDS);
const code = optionalText(CODE_MAX);
const name = requiredText(NAME_MAX);
/** Rows to return whatever the filters say (inactive ones too): a select shows the value it already holds. */
const include = z.array(id).max(20).optional();

export const nomenclatureRow = z.object({
  id,
  kind,
  code: z.string().nullable(),
  name: z.string(),
  clientId: id.nullable(),
  /** The owning client's name, for contracts and estimates. */
  clientName: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type NomenclatureRow = z.infer<typeof nomenclatureRow>;

export const productRow = z.object({
  id,
  code: z.string().nullable(),
  name: z.string(),
  /** A system of products (an installation) rather than a single product. */
  isSystem: z.boolean(),
  active: z.boolean(),
  version: z.number().int(),
});
export type ProductRow = z.infer<typeof productRow>;

// Everyone who works with interventions reads the lists (the pickers); changing them is a right of its own.
const read = { module: 'nomenclature', action: 'read' } as const;
const write = { module: 'nomenclature', action: 'write' } as const;
const remove = { module: 'nomenclature', action: 'delete' } as const;

export const nomenclatureApi = {
  /** One kind's items by name (diacritics folded), name or word prefix, or code prefix; active ones unless asked. */
  'nomenclature.list': procedure({
    input: z.strictObject({
      kind,
      search: text(100).optional(),
      includeInactive: z.boolean().optional(),
      /** Contracts and estimates: only this client's. */
      clientId: id.optional(),
      include,
      limit: z.number().int().min(1).max(1000).default(500),
      offset: pageInput.offset,
    }),
    output: z.array(nomenclatureRow),
    access: read,
    writes: false,
  }),
  'nomenclature.create': procedure({
    input: z.strictObject({ kind, code, name, clientId: optionalId }),
    output: nomenclatureRow,
    access: write,
    writes: true,
  }),
  'nomenclature.update': procedure({
    input: z.strictObject({ ...versioned, code, name, active: z.boolean(), clientId: optionalId }),
    output: nomenclatureRow,
    access: write,
    writes: true,
  }),
  /** A tombstone; refused while a live intervention uses the item (make it inactive instead). */
  'nomenclature.delete': procedure({ input: byId, output: okOutput, access: remove, writes: true }),

  'products.list': procedure({
    input: z.strictObject({ search: text(100).optional(), includeInactive: z.boolean().optional(), include, ...pageInput }),
    output: pageOf(productRow),
    access: read,
    writes: false,
  }),
  'products.create': procedure({
    input: z.strictObject({ code, name, isSystem: z.boolean() }),
    output: productRow,
    access: write,
    writes: true,
  }),
  'products.update': procedure({
    input: z.strictObject({ ...versioned, code, name, isSystem: z.boolean(), active: z.boolean() }),
    output: productRow,
    access: write,
    writes: true,
  }),
  'products.delete': procedure({ input: byId, output: okOutput, access: remove, writes: true }),
} as const;
