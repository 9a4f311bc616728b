import type { Selectable } from 'kysely';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { inScope } from '../../api/scope';
import type { InvoiceTable } from '../../db/schema';
import { isoNow } from '../../clock';
import { assertPeriodOpen } from '../periods';
import { defaultSeriesId, takeNumbering } from '../series';
import type { InvoiceDetail, InvoiceRow } from '../../../shared/api/invoices';
import { invoiceTotals, lineNetMinor } from '../../../shared/rules/invoices/amounts';
import { branchesInReach, removeDraft } from './generate';
import { invoiceLineRows, invoiceRows } from './tables';

type Invoice = Selectable<InvoiceTable>;
const NOT_FOUND = { key: 'invoice_not_found', field: 'id' };

function toRow(i: Invoice, counts: { lines: number; missing: number }): InvoiceRow {
  return {
    id: i.id,
    version: i.version,
    branchId: i.branch_id,
    clientId: i.client_id,
    clientName: i.client_name,
    month: i.month,
    status: i.status,
    issueDate: i.issue_date,
    dueDate: i.due_date,
    currency: i.currency,
    language: i.language,
    netMinor: i.net_minor,
    vatMinor: i.vat_minor,
    totalMinor: i.total_minor,
    lineCount: counts.lines,
    missingRates: counts.missing,
    number: i.number,
    approvedAt: i.approved_at,
    exportedAt: i.exported_at,
  };
}

export async function listInvoices(ctx: Ctx, input: { month: string; branchId?: string | null }): Promise<InvoiceRow[]> {
  const user = me(ctx);
  await branchesInReach(ctx, input.branchId);
  let q = ctx.db
    .selectFrom('invoice as i')
    .selectAll('i')
    .select((eb) => [
      eb.selectFrom('invoice_line as l').select((x) => x.fn.countAll<number>().as('n')).whereRef('l.invoice_id', '=', 'i.id').where('l.deleted_at', 'is', null).as('lines'),
      eb.selectFrom('invoice_line as l').select((x) => x.fn.countAll<number>().as('n')).whereRef('l.invoice_id', '=', 'i.id').where('l.deleted_at', 'is', null).where('l.missing_rate', '=', 1).as('missing'),
    ])
    .where('i.month', '=', input.month)
    .where('i.deleted_at', 'is', null)
    .where(inScope(user, { org: 'i.org_id', branch: 'i.branch_id' }));
  if (input.branchId) q = q.where('i.branch_id', '=', input.branchId);
  const rows = await q.orderBy('i.client_name').orderBy('i.id').execute();
  return rows.map((r) => toRow(r, { lines: Number(r.lines ?? 0), missing: Number(r.missing ?? 0) }));
}

export async function loadInvoice(ctx: Ctx, id: string): Promise<Invoice> {
  return invoiceRows.in(ctx).load(id, NOT_FOUND);
}

async function linesOf(ctx: Ctx, invoiceId: string) {
  return ctx.db
    .selectFrom('invoice_line as l')
    .selectAll('l')
    .where('l.invoice_id', '=', invoiceId)
    .where('l.deleted_at', 'is', null)
    .orderBy('l.position')
    .execute();
}

export async function invoiceDetail(ctx: Ctx, id: string): Promise<InvoiceDetail> {
  const inv = await loadInvoice(ctx, id);
  const lines = await linesOf(ctx, inv.id);
  const totals = invoiceTotals(lines.map((l) => ({ netMinor: l.net_minor, vatBp: l.vat_bp })));
  return {
    ...toRow(inv, { lines: lines.length, missing: lines.filter((l) => l.missing_rate === 1).length }),
    clientCode: inv.client_code,
    clientVatId: inv.client_vat_id,
    clientAddress: inv.client_address,
    clientCountry: inv.client_country,
    clientEmail: inv.client_email,
    note: inv.note,
    breakdown: totals.breakdown,
    lines: lines.map((l) => ({
      id: l.id,
      position: l.position,
      kind: l.kind,
      description: l.description,
      quantityMilli: l.quantity_milli,
      unit: l.unit,
      unitPriceMinor: l.unit_price_minor,
      vatBp: l.vat_bp,
      netMinor: l.net_minor,
      missingRate: l.missing_rate === 1,
    })),
    tasks: await tasksOf(ctx, JSON.parse(inv.task_ids) as string[]),
  };
}

async function tasksOf(ctx: Ctx, ids: string[]): Promise<{ id: string; number: string | null }[]> {
  const out: { id: string; number: string | null }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await ctx.db.selectFrom('task').select(['id', 'number']).where('id', 'in', ids.slice(i, i + 500)).execute();
    out.push(...rows);
  }
  return out.sort((a, b) => (a.number ?? a.id).localeCompare(b.number ?? b.id, undefined, { numeric: true }));
}

/** A draft of an open month, at the version the caller read: what every review step starts from. */
async function editableDraft(ctx: Ctx, id: string, version: number): Promise<Invoice> {
  const inv = await loadInvoice(ctx, id);
  if (inv.version !== version) throw fail.conflict('stale', 'version');
  if (inv.status !== 'draft') throw fail.conflict('invoice_locked', 'id');
  await assertPeriodOpen(ctx, inv.issue_date, 'month');
  return inv;
}

/** The totals follow the lines: recomputed from them after every change, never patched by difference. */
async function retotal(ctx: Ctx, inv: Invoice): Promise<void> {
  const lines = await linesOf(ctx, inv.id);
  const t = invoiceTotals(lines.map((l) => ({ netMinor: l.net_minor, vatBp: l.vat_bp })));
  await invoiceRows.in(ctx).update(inv, { net_minor: t.taxExclusiveMinor, vat_minor: t.vatMinor, total_minor: t.taxInclusiveMinor });
}

export interface LineInput {
  lineId?: string | null;
  description: string;
  quantityMilli: number;
  unit: string;
  unitPriceMinor: number;
  vatBp: number;
}

export async function saveLine(ctx: Ctx, id: string, version: number, line: LineInput): Promise<InvoiceDetail> {
  const inv = await editableDraft(ctx, id, version);
  const values = {
    description: line.description,
    quantity_milli: line.quantityMilli,
    unit: line.unit,
    unit_price_minor: line.unitPriceMinor,
    vat_bp: line.vatBp,
    net_minor: lineNetMinor(line),
    // A price the manager typed is a price, even 0.
    missing_rate: 0,
  };
  if (line.lineId) {
    const before = await invoiceLineRows.in(ctx).load(line.lineId, { key: 'invoice_line_not_found', field: 'lineId' });
    if (before.invoice_id !== inv.id) throw fail.notFound('invoice_line_not_found', 'lineId');
    await invoiceLineRows.in(ctx).update(before, values);
  } else {
    const last = await ctx.db.selectFrom('invoice_line').select((eb) => eb.fn.max('position').as('p')).where('invoice_id', '=', inv.id).executeTakeFirst();
    await invoiceLineRows.in(ctx).insert({ ...values, branch_id: inv.branch_id, invoice_id: inv.id, position: Number(last?.p ?? 0) + 1, kind: 'manual' });
  }
  await retotal(ctx, inv);
  return invoiceDetail(ctx, inv.id);
}

export async function removeLine(ctx: Ctx, id: string, version: number, lineId: string): Promise<InvoiceDetail> {
  const inv = await editableDraft(ctx, id, version);
  const before = await invoiceLineRows.in(ctx).load(lineId, { key: 'invoice_line_not_found', field: 'lineId' });
  if (before.invoice_id !== inv.id) throw fail.notFound('invoice_line_not_found', 'lineId');
  await invoiceLineRows.in(ctx).remove(before);
  await retotal(ctx, inv);
  return invoiceDetail(ctx, inv.id);
}

export async function approveInvoice(ctx: Ctx, id: string, version: number): Promise<InvoiceDetail> {
  const inv = await editableDraft(ctx, id, version);
  const lines = await linesOf(ctx, inv.id);
  if (!lines.length) throw fail.validation('invoice_empty', 'id');
  if (lines.some((l) => l.missing_rate === 1)) throw fail.validation('invoice_missing_rate', 'lines');
  const user = me(ctx);
  const seriesId = await defaultSeriesId(ctx, user.orgId, inv.branch_id, 'invoice');
  if (!seriesId) throw fail.validation('invoice_no_series', 'id');
  const { number, provisional_number } = await takeNumbering(ctx, seriesId);
  await invoiceRows.in(ctx).update(inv, { status: 'approved', series_id: seriesId, number, provisional_number, approved_at: isoNow(ctx.clock), approved_by: user.id });
  return invoiceDetail(ctx, inv.id);
}

export async function discardInvoice(ctx: Ctx, id: string, version: number): Promise<void> {
  const inv = await editableDraft(ctx, id, version);
  await removeDraft(ctx, inv);
}

/** Approved invoices handed to the accountant or the buyer: marked once, the first time. */
export async function markExported(ctx: Ctx, invoices: readonly Invoice[]): Promise<void> {
  const at = isoNow(ctx.clock);
  for (const inv of invoices) if (inv.status === 'approved') await invoiceRows.in(ctx).update(inv, { status: 'exported', exported_at: at });
}

/** Only what was approved leaves the house: a draft's numbers are not final. */
export function assertIssued(inv: Invoice): void {
  if (inv.status === 'draft') throw fail.conflict('invoice_not_approved', 'id');
}
