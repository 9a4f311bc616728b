import type { Content, TableCell } from 'pdfmake/interfaces';
import type { Ctx } from '../../api/context';
import { frameFor, makeFmt, reportEnv, savePdf } from '../../reports';
import type { ReportFile } from '../../../shared/api/reports';
import { formatMoney } from '../../../shared/rules/money';
import { milliText, rateText } from '../../../shared/rules/invoices/amounts';
import { monthDays } from '../../../shared/rules/invoices/lines';
import type { InvoiceDocument } from './document';

const th = (text: string, alignment?: 'right'): TableCell => ({ text, style: 'th', alignment });
const right = (text: string, bold = false): TableCell => ({ text, alignment: 'right', bold });

/**
 * The invoice on paper in its client's language (the one it was generated in), whoever prints it: seller and buyer,
 * number and dates, the lines, VAT by rate and the totals, the same figures as the e-invoice.
 */
export async function invoicePaper(ctx: Ctx, doc: InvoiceDocument): Promise<ReportFile> {
  const base = await reportEnv(ctx);
  const { invoice: inv, seller } = doc;
  const fmt = makeFmt(inv.language, base.fmt.tz);
  const env = { ...base, fmt };
  const tr = (key: string, params?: Record<string, string | number>) => fmt.tr(`invoices.pdf.${key}`, params);
  const money = (minor: number) => formatMoney(minor, inv.currency, fmt.lng);
  const unit = (code: string) => {
    const text = fmt.tr(`invoices.units.${code}`);
    return text === `invoices.units.${code}` ? code : text;
  };
  const { first, last } = monthDays(inv.month);
  const party = (label: string, lines: (string | null | undefined)[]): Content => ({
    stack: [{ text: label, style: 'label' }, ...lines.filter((l): l is string => !!l).map((l, i) => ({ text: l, bold: i === 0 }))],
  });
  const sellerName = seller.sellerName ?? seller.orgName;
  const parties: Content = {
    columns: [
      party(tr('seller'), [
        sellerName,
        [seller.sellerAddress, [seller.sellerPostalCode, seller.sellerCity].filter(Boolean).join(' '), seller.sellerCountry].filter(Boolean).join(', '),
        seller.sellerCode ? `${tr('companyCode')}: ${seller.sellerCode}` : null,
        seller.sellerVatId ? `${tr('vatCode')}: ${seller.sellerVatId}` : null,
        seller.iban ? `${tr('iban')}: ${seller.iban}` : null,
      ]),
      party(tr('buyer'), [
        inv.clientName,
        [inv.clientAddress, inv.clientCountry].filter(Boolean).join(', '),
        inv.clientCode ? `${tr('companyCode')}: ${inv.clientCode}` : null,
        inv.clientVatId ? `${tr('vatCode')}: ${inv.clientVatId}` : null,
      ]),
    ],
    columnGap: 16,
  };
  const facts: Content = {
    margin: [0, 8, 0, 0],
    table: {
      widths: [110, '*'],
      body: [
        [{ text: tr('number'), style: 'label' }, inv.number ?? tr('draft')],
        [{ text: tr('issueDate'), style: 'label' }, fmt.date(inv.issueDate)],
        [{ text: tr('dueDate'), style: 'label' }, fmt.date(inv.dueDate)],
        [{ text: tr('period'), style: 'label' }, `${fmt.date(first)} – ${fmt.date(last)}`],
        ...(inv.tasks.length ? [[{ text: tr('tasks'), style: 'label' }, inv.tasks.map((t) => t.number ?? '—').join(', ')]] : []),
      ],
    },
    layout: 'form',
  };
  const lineTable: Content = {
    margin: [0, 10, 0, 0],
    table: {
      headerRows: 1,
      widths: [18, '*', 44, 34, 60, 36, 66],
      body: [
        [th('#'), th(tr('description')), th(tr('quantity'), 'right'), th(tr('unit')), th(tr('price'), 'right'), th(tr('vatRate'), 'right'), th(tr('net'), 'right')],
        ...inv.lines.map((l, i) => [String(i + 1), l.description, right(milliText(l.quantityMilli)), unit(l.unit), right(money(l.unitPriceMinor)), right(`${rateText(l.vatBp)} %`), right(money(l.netMinor))]),
      ],
    },
    layout: 'dense',
  };
  const vatTable: Content = {
    margin: [0, 10, 0, 0],
    table: {
      headerRows: 1,
      widths: ['*', 70, 90, 90],
      body: [
        [th(''), th(tr('vatRate'), 'right'), th(tr('taxable'), 'right'), th(tr('vat'), 'right')],
        ...inv.breakdown.map((b) => ['', right(`${rateText(b.vatBp)} %`), right(money(b.taxableMinor)), right(money(b.vatMinor))]),
      ],
    },
    layout: 'dense',
  };
  const totals: Content = {
    margin: [0, 10, 0, 0],
    table: {
      widths: ['*', 110],
      body: [
        [right(tr('totalNet')), right(money(inv.netMinor))],
        [right(tr('totalVat')), right(money(inv.vatMinor))],
        [right(tr('total')), right(money(inv.totalMinor), true)],
      ],
    },
    layout: 'noBorders',
  };
  const title = inv.number ? tr('title', { number: inv.number }) : tr('draftTitle');
  const frame = frameFor(env, title, { orgName: sellerName, subtitle: `${inv.clientName} · ${inv.month}`, language: inv.language });
  return savePdf(env, frame, [parties, facts, lineTable, vatTable, totals], inv.clientName, { rows: inv.lines.length, truncated: false });
}
