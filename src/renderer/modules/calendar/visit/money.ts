/**
 * Money on a visit: amounts are integer minor units of the branch's currency (what main stores and adds up); the
 * clerk reads and types them in major units with the currency's own number of decimals (0 for JPY, 2 for EUR).
 */

export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An unknown code still shows amounts; two decimals is what most currencies have.
    return 2;
  }
}

export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

/** Typed major units → minor units, rounded to the currency's smallest unit (0.1 + 0.2 stays 30 cents). */
export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** minorDigits(currency));
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(toMajor(minor, currency));
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

/** The visit's total from its lines as they stand in the form (blank quantities and prices count as nothing). */
export function linesTotal(lines: readonly { quantity: number | ''; priceMinor: number | '' }[]): number {
  return lines.reduce((sum, l) => sum + (Number(l.quantity) || 0) * (Number(l.priceMinor) || 0), 0);
}

/** What is left to pay; an overpayment leaves nothing, never a negative amount. */
export function remainingMinor(totalMinor: number, paidMinor: number): number {
  return Math.max(0, totalMinor - paidMinor);
}

/** The decimal mark of a locale: "," for lt-LT and ru-RU, "." for en-GB. */
export function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}
