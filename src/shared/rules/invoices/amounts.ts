/**
 * Invoice arithmetic in integer minor units, as EN 16931 counts it: each line's net amount is rounded once, the VAT of
 * a category (code and rate) is its rate on the sum of its lines' nets, rounded once (BR-CO-17), and the document's
 * totals are sums of those rounded figures, so they reconcile to the cent (BR-CO-10, -13, -14, -15, -16).
 */

/** A quantity in thousandths (1.5 h is 1500) and a VAT rate in hundredths of a percent (21 % is 2100). */
export interface LineInput {
  quantityMilli: number;
  unitPriceMinor: number;
  vatBp: number;
}

/** EN 16931's VAT category: S standard (any rate above zero), Z zero-rated. */
export type VatCategory = 'S' | 'Z';

export interface VatBreakdown {
  category: VatCategory;
  vatBp: number;
  taxableMinor: number;
  vatMinor: number;
}

export interface InvoiceTotals {
  /** BT-106: sum of the lines' net amounts. */
  lineNetMinor: number;
  /** BT-109: without VAT (no document-level allowances or charges). */
  taxExclusiveMinor: number;
  /** BT-110. */
  vatMinor: number;
  /** BT-112. */
  taxInclusiveMinor: number;
  /** BT-115. */
  payableMinor: number;
  breakdown: VatBreakdown[];
}

/** Rounds a ratio of integers half away from zero, exactly (no float drift for amounts below 2^53). */
export function divRound(numerator: number, denominator: number): number {
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const q = Math.floor(n / d);
  const r = n - q * d;
  return sign * (2 * r >= d ? q + 1 : q);
}

export function lineNetMinor(line: Pick<LineInput, 'quantityMilli' | 'unitPriceMinor'>): number {
  return divRound(line.quantityMilli * line.unitPriceMinor, 1000);
}

export function vatCategory(vatBp: number): VatCategory {
  return vatBp > 0 ? 'S' : 'Z';
}

/** Hours in thousandths from seconds: a time line's quantity (3.6 s is the smallest step billed). */
export function hoursMilli(seconds: number): number {
  return divRound(seconds * 1000, 3600);
}

/** The document's totals from its lines' already-rounded net amounts. */
export function invoiceTotals(lines: readonly { netMinor: number; vatBp: number }[]): InvoiceTotals {
  const byRate = new Map<number, number>();
  for (const l of lines) byRate.set(l.vatBp, (byRate.get(l.vatBp) ?? 0) + l.netMinor);
  const breakdown = [...byRate.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([vatBp, taxableMinor]) => ({ category: vatCategory(vatBp), vatBp, taxableMinor, vatMinor: divRound(taxableMinor * vatBp, 10_000) }));
  const lineNet = lines.reduce((s, l) => s + l.netMinor, 0);
  const vat = breakdown.reduce((s, b) => s + b.vatMinor, 0);
  return { lineNetMinor: lineNet, taxExclusiveMinor: lineNet, vatMinor: vat, taxInclusiveMinor: lineNet + vat, payableMinor: lineNet + vat, breakdown };
}

/** "1234" with 2 digits as "12.34": the decimal text XML and accounting files take (never a float's). */
export function minorToDecimal(minor: number, digits: number): string {
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const s = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** A VAT rate in hundredths of a percent as text: 2100 → "21", 550 → "5.5". */
export function rateText(vatBp: number): string {
  return minorToDecimal(vatBp, 2).replace(/\.?0+$/, '') || '0';
}

/** Thousandths as text with trailing zeros dropped: 1500 → "1.5". */
export function milliText(milli: number): string {
  return minorToDecimal(milli, 3).replace(/\.?0+$/, '') || '0';
}
