import { formatMoney } from '../../../shared/rules/money';
import { milliText, rateText } from '../../../shared/rules/invoices/amounts';

/** The screen's numbers as the reader's locale writes them: amounts in the invoice's currency, quantities, VAT rates. */
export function invoiceFormat(locale: string) {
  const qty = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  return {
    money: (minor: number, currency: string) => formatMoney(minor, currency, locale),
    quantity: (milli: number) => qty.format(Number(milliText(milli))),
    rate: (bp: number) => `${rateText(bp)} %`,
  };
}

/** "12,5" or "12.5" typed by a person, in thousandths (quantities) or minor units (prices); null when it is not a number. */
export function parseScaled(text: string, scale: number): number | null {
  const clean = text.replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(clean)) return null;
  return Math.round(Number(clean) * scale);
}
