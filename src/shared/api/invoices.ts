import { z } from 'zod';
import { procedure } from './contract';
import { byId, countryCode, id, month, nullableStrings, okOutput, optionalId, optionalText, requiredText, versioned } from './common';
import { reportFile } from './reports';

/**
 * Monthly invoices (issue 12): one draft per client from the month's done tasks (time × hourly rate, materials),
 * reviewed by a manager, approved (numbered, locked), then exported as a UBL 2.1 / Peppol BIS Billing 3.0 e-invoice and
 * a Rivile GAMA import file, and printed in the client's language. Amounts are integer minor units, quantities
 * thousandths, VAT rates hundredths of a percent.
 */
export const INVOICE_STATUSES = ['draft', 'approved', 'exported'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const INVOICE_LINE_KINDS = ['time', 'material', 'manual'] as const;

const minor = z.number().int().min(-1_000_000_000_00).max(1_000_000_000_00);
const quantityMilli = z.number().int().min(1).max(1_000_000_000);
const vatBp = z.number().int().min(0).max(10_000);
/** UN/ECE Recommendation 20 unit code. */
const unitCode = z.string().regex(/^[A-Z0-9]{1,3}$/);

export const invoiceRow = z.object({
  id: z.string(),
  version: z.number(),
  branchId: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  month: z.string(),
  status: z.enum(INVOICE_STATUSES),
  issueDate: z.string(),
  dueDate: z.string(),
  currency: z.string(),
  language: z.string(),
  netMinor: z.number(),
  vatMinor: z.number(),
  totalMinor: z.number(),
  lineCount: z.number(),
  /** Time lines without a rate (priced 0): the manager sets one before approving. */
  missingRates: z.number(),
  ...nullableStrings('number', 'approvedAt', 'exportedAt'),
});
export type InvoiceRow = z.infer<typeof invoiceRow>;

export const invoiceLine = z.object({
  id: z.string(),
  position: z.number(),
  kind: z.enum(INVOICE_LINE_KINDS),
  description: z.string(),
  quantityMilli: z.number(),
  unit: z.string(),
  unitPriceMinor: z.number(),
  vatBp: z.number(),
  netMinor: z.number(),
  missingRate: z.boolean(),
});
export type InvoiceLine = z.infer<typeof invoiceLine>;

export const vatSubtotal = z.object({ category: z.enum(['S', 'Z']), vatBp: z.number(), taxableMinor: z.number(), vatMinor: z.number() });
export const invoiceDetail = invoiceRow.extend({
  lines: z.array(invoiceLine),
  breakdown: z.array(vatSubtotal),
  /** The tasks it bills, by number (or id where a task has none). */
  tasks: z.array(z.object({ id: z.string(), number: z.string().nullable() })),
  ...nullableStrings('clientCode', 'clientVatId', 'clientAddress', 'clientCountry', 'clientEmail', 'note'),
});
export type InvoiceDetail = z.infer<typeof invoiceDetail>;

export const invoiceLineInput = z.strictObject({
  /** Omitted: a new manual line. */
  lineId: optionalId,
  description: requiredText(300),
  quantityMilli,
  unit: unitCode,
  unitPriceMinor: minor,
  vatBp,
});

/** The seller as the e-invoice and the accounting file name it, and the defaults of new invoices. */
export const invoiceSettings = z.object({
  version: z.number(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  vatBp,
  paymentDays: z.number().int().min(0).max(365),
  ...nullableStrings('sellerName', 'sellerCode', 'sellerVatId', 'sellerAddress', 'sellerCity', 'sellerPostalCode', 'sellerCountry', 'iban', 'email'),
});
export type InvoiceSettings = z.infer<typeof invoiceSettings>;
export const invoiceSettingsInput = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/),
  vatBp,
  paymentDays: z.number().int().min(0).max(365),
  sellerName: optionalText(200),
  sellerCode: optionalText(50),
  sellerVatId: optionalText(30),
  sellerAddress: optionalText(200),
  sellerCity: optionalText(100),
  sellerPostalCode: optionalText(20),
  sellerCountry: countryCode.nullable().optional(),
  iban: optionalText(40),
  email: optionalText(254),
});

export const taskMaterial = z.object({
  id: z.string(),
  version: z.number(),
  taskId: z.string(),
  productId: z.string().nullable(),
  name: z.string(),
  quantityMilli: z.number(),
  unit: z.string(),
  unitPriceMinor: z.number(),
  vatBp: z.number().nullable(),
  /** On an invoice already: no longer changed. */
  invoiced: z.boolean(),
});
export const taskMaterialInput = z.strictObject({
  id: optionalId,
  version: z.number().int().min(1).optional(),
  taskId: id,
  productId: optionalId,
  name: requiredText(200),
  quantityMilli,
  unit: unitCode,
  unitPriceMinor: minor.min(0),
  vatBp: vatBp.nullable().optional(),
});

export const invoiceFile = reportFile;
const scope = z.strictObject({ month, branchId: optionalId });
const read = { module: 'invoices', action: 'read' } as const;
const write = { module: 'invoices', action: 'write' } as const;

export const invoicesApi = {
  'invoices.list': procedure({ input: scope, output: z.array(invoiceRow), access: read, writes: false }),
  'invoices.get': procedure({ input: byId, output: invoiceDetail, access: read, writes: false }),
  /** One draft per client with done tasks in the month: drafts that would differ are replaced, approved invoices and their tasks left alone. */
  'invoices.generate': procedure({
    input: scope,
    output: z.object({ drafts: z.number(), replaced: z.number(), unchanged: z.number(), kept: z.number(), tasks: z.number() }),
    access: write,
    writes: true,
  }),
  'invoices.saveLine': procedure({ input: z.strictObject({ ...versioned, line: invoiceLineInput }), output: invoiceDetail, access: write, writes: true }),
  'invoices.removeLine': procedure({ input: z.strictObject({ ...versioned, lineId: id }), output: invoiceDetail, access: write, writes: true }),
  /** Numbers the draft from the branch's invoice series and locks it. */
  'invoices.approve': procedure({ input: z.strictObject(versioned), output: invoiceDetail, access: { module: 'invoices', action: 'approve' }, writes: true }),
  /** A draft thrown away: its tasks are free for the next generation. */
  'invoices.discard': procedure({ input: z.strictObject(versioned), output: okOutput, access: { module: 'invoices', action: 'delete' }, writes: true }),
  /** The e-invoice of an approved invoice; marks it exported. */
  'invoices.exportUbl': procedure({ input: byId, output: invoiceFile, access: read, writes: true }),
  /** The month's approved invoices as one Rivile GAMA import file; marks them exported. */
  'invoices.exportRivile': procedure({ input: scope, output: invoiceFile, access: read, writes: true }),
  /** The invoice on paper, in the client's language. */
  'invoices.pdf': procedure({ input: byId, output: invoiceFile, access: read, writes: false }),
  'invoices.settings': procedure({ input: z.strictObject({}), output: invoiceSettings, access: read, writes: false }),
  'invoices.saveSettings': procedure({ input: invoiceSettingsInput, output: invoiceSettings, access: { module: 'invoices', action: 'approve' }, writes: true }),
  'invoices.materials': procedure({ input: z.strictObject({ taskId: id }), output: z.array(taskMaterial), access: { module: 'tasks', action: 'read' }, writes: false }),
  'invoices.saveMaterial': procedure({ input: taskMaterialInput, output: taskMaterial, access: { module: 'tasks', action: 'write' }, writes: true }),
  'invoices.removeMaterial': procedure({ input: byId, output: okOutput, access: { module: 'tasks', action: 'write' }, writes: true }),
  /** What a task's materials are priced in: the invoices' currency and the VAT rate a material without its own gets. */
  'invoices.materialTerms': procedure({ input: z.strictObject({}), output: z.object({ currency: z.string(), vatBp: z.number() }), access: { module: 'tasks', action: 'read' }, writes: false }),
};

export const invoicesChanged = z.object({ ids: z.array(z.string()) });
