import fs from 'node:fs';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { inScope } from '../../api/scope';
import { writeReportFile } from '../../reports';
import type { ReportFile } from '../../../shared/api/reports';
import type { InvoiceDocument } from './document';
import { branchesInReach } from './generate';
import { invoicePaper } from './paper';
import { assertIssued, invoiceDetail, loadInvoice, markExported } from './review';
import { rivileFile } from './rivile';
import { readInvoiceSettings } from './settings';
import { ublInvoice } from './ubl';

export async function documentOf(ctx: Ctx, id: string): Promise<InvoiceDocument> {
  const user = me(ctx);
  const invoice = await invoiceDetail(ctx, id);
  const { version: _v, ...settings } = await readInvoiceSettings(ctx, user.orgId);
  const branch = await ctx.db.selectFrom('branch').select('name').where('id', '=', invoice.branchId).executeTakeFirst();
  return { invoice, seller: { ...settings, orgName: user.orgName, branchName: branch?.name ?? '' } };
}

/** Writes a text file under DATA/reports for the caller; a failed write leaves none behind. */
async function saveText(ctx: Ctx, baseName: string, text: string): Promise<ReportFile> {
  const user = me(ctx);
  const file = await writeReportFile(ctx.config.dataDir, 'xml', baseName, { orgId: user.orgId, userId: user.id }, ctx.clock.now(), (path) => fs.writeFileSync(path, text, 'utf8'));
  return { fileId: file.fileId, fileName: file.fileName, pages: 0, rows: 1, truncated: false };
}

export async function exportUbl(ctx: Ctx, id: string): Promise<ReportFile> {
  const inv = await loadInvoice(ctx, id);
  assertIssued(inv);
  const doc = await documentOf(ctx, id);
  const file = await saveText(ctx, `${inv.number} UBL`, ublInvoice(doc));
  await markExported(ctx, [inv]);
  return file;
}

export async function exportRivile(ctx: Ctx, input: { month: string; branchId?: string | null }): Promise<ReportFile> {
  const user = me(ctx);
  await branchesInReach(ctx, input.branchId);
  let q = ctx.db
    .selectFrom('invoice')
    .selectAll()
    .where('month', '=', input.month)
    .where('status', '<>', 'draft')
    .where('deleted_at', 'is', null)
    .where(inScope(user, { org: 'invoice.org_id', branch: 'invoice.branch_id' }));
  if (input.branchId) q = q.where('branch_id', '=', input.branchId);
  const invoices = await q.orderBy('number').execute();
  if (!invoices.length) throw fail.validation('invoice_none_approved', 'month');
  const docs: InvoiceDocument[] = [];
  for (const inv of invoices) docs.push(await documentOf(ctx, inv.id));
  const file = await saveText(ctx, `Rivile ${input.month}`, rivileFile(docs));
  await markExported(ctx, invoices);
  return file;
}

export async function invoicePdf(ctx: Ctx, id: string): Promise<ReportFile> {
  return invoicePaper(ctx, await documentOf(ctx, id));
}
