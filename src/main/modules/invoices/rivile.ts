import { minorDigits } from '../../../shared/rules/money';
import { divRound, milliText, minorToDecimal, rateText } from '../../../shared/rules/invoices/amounts';
import { el, wrap, type InvoiceDocument } from './document';

/**
 * Rivile GAMA's sales documents as its import takes them: per document an `I06` header (table I06_PARH, "pirkimų /
 * pardavimų hederis") holding its `I07` lines (table I07_PARD, "detalios eilutės"), the tags named after the tables'
 * fields as Rivile documents them for the import and for its API's EDIT_I06 (gidas.rivile.lt). Operation type 51 is a
 * sale; service lines are type 2 and product lines type 1, coded by the client's item codes in GAMA (`I07_KODAS`).
 */
export const RIVILE_SALE = '51';
/** The item codes GAMA books services and goods under when the organization has not mapped its own. */
export const RIVILE_SERVICE_CODE = 'PASLAUGA';
export const RIVILE_GOODS_CODE = 'PREKE';

/** Unit codes as GAMA's unit list names them (UN/ECE codes mean nothing to it). */
const UNITS: Record<string, string> = { HUR: 'VAL', H87: 'VNT', C62: 'VNT', MTR: 'M', KGM: 'KG', LTR: 'L', MTK: 'M2' };

function lineVat(netMinor: number, vatBp: number): number {
  return divRound(netMinor * vatBp, 10_000);
}

function document(doc: InvoiceDocument): string {
  const inv = doc.invoice;
  const digits = minorDigits(inv.currency);
  const money = (minor: number) => minorToDecimal(minor, digits);
  const foreign = inv.currency !== 'EUR';
  // GAMA keeps VAT per line; the lines' own rounding may differ from the document's by a cent, which goes on the
  // largest line of its rate so the file's lines add up to the document's VAT exactly as the invoice printed it.
  const vats = inv.lines.map((l) => lineVat(l.netMinor, l.vatBp));
  for (const b of inv.breakdown) {
    const idx = inv.lines.map((l, i) => ({ l, i })).filter((x) => x.l.vatBp === b.vatBp);
    const diff = b.vatMinor - idx.reduce((s, x) => s + vats[x.i]!, 0);
    const biggest = idx.sort((a, z) => Math.abs(z.l.netMinor) - Math.abs(a.l.netMinor))[0];
    if (biggest && diff) vats[biggest.i]! += diff;
  }
  const lines = inv.lines.map((l, i) => {
    const service = l.kind !== 'material';
    const vat = vats[i]!;
    return wrap(
      'I07',
      el('I07_KODAS', service ? RIVILE_SERVICE_CODE : RIVILE_GOODS_CODE),
      el('I07_TIPAS', service ? '2' : '1'),
      el('I07_PAV', l.description.slice(0, 200)),
      el('I07_KODAS_US', UNITS[l.unit] ?? l.unit),
      el('T_KIEKIS', milliText(l.quantityMilli)),
      foreign ? el('I07_VAL_KAINA', money(l.unitPriceMinor)) : el('I07_KAINA_BE', money(l.unitPriceMinor)),
      foreign ? el('I07_SUMA_VAL', money(l.netMinor)) : el('I07_SUMA', money(l.netMinor)),
      foreign ? el('I07_PVM_VAL', money(vat)) : el('I07_PVM', money(vat)),
      el('I07_MOKESTIS', l.vatBp > 0 ? '1' : '0'),
      el('I07_MOKESTIS_P', rateText(l.vatBp)),
    );
  });
  return wrap(
    'I06',
    el('I06_OP_TIP', RIVILE_SALE),
    el('I06_VAL_POZ', foreign ? '1' : '0'),
    foreign ? el('I06_KODAS_VL', inv.currency) : '',
    el('I06_DOK_NR', inv.number),
    el('I06_OP_DATA', inv.issueDate),
    el('I06_DOK_DATA', inv.issueDate),
    el('I06_MOK_DATA', inv.dueDate),
    el('I06_KODAS_KS', inv.clientCode ?? inv.clientId.slice(0, 12).toUpperCase()),
    el('I06_PAV', inv.clientName.slice(0, 100)),
    el('I06_ADR', inv.clientAddress),
    el('I06_PASTABOS', inv.note),
    el('I06_APRASYMAS1', `${doc.seller.branchName} ${inv.month}`),
    el('I06_SUMA', money(inv.netMinor)),
    el('I06_SUMA_PVM', money(inv.vatMinor)),
    ...lines,
  );
}

/** The month's documents in one UTF-8 file (Lithuanian letters as they are, no byte-order mark), one I06 each. */
export function rivileFile(docs: readonly InvoiceDocument[]): string {
  return ['<?xml version="1.0" encoding="UTF-8"?>\n', '<root>\n', ...docs.map((d) => `${document(d)}\n`), '</root>\n'].join('');
}
