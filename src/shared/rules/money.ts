/**
 * Amounts are kept as integers in a currency's minor units (cents, luma) with the currency's ISO code; how many
 * minor digits a currency has is Intl's answer (ISO 4217), so EUR 35.50 is 3550 and every screen agrees.
 */

export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** A typed amount (35.5) in minor units (3550), rounded to the currency's smallest unit. */
export function toMinor(amount: number, currency: string): number {
  return Math.round(amount * 10 ** minorDigits(currency));
}

/** Minor units (3550) as an amount (35.5). */
export function fromMinor(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

/** "35,50 €" in the reader's locale. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(fromMinor(minor, currency));
  } catch {
    return `${fromMinor(minor, currency)} ${currency}`;
  }
}
