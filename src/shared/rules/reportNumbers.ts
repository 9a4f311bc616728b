/**
 * Counts, shares, hours and money (integer minor units, the currency's own number of decimals) in one locale: the
 * calendar's reports write them alike on screen and on paper.
 */
export function reportNumbers(locale: string) {
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(locale);
  const cur = new Map<string, Intl.NumberFormat>();
  return {
    int: (n: number) => count.format(n),
    /** A share 0…1; null (nothing to compare with) as a dash. */
    pct: (x: number | null) => (x == null ? '—' : pct.format(x)),
    /** Minutes as h:mm (a sum of hours, not a time of day). */
    hours: (min: number) => `${Math.floor(min / 60)}:${String(min % 60).padStart(2, '0')}`,
    money(minor: number, currency: string) {
      let f = cur.get(currency);
      if (!f) cur.set(currency, (f = new Intl.NumberFormat(locale, { style: 'currency', currency })));
      return f.format(minor / 10 ** (f.resolvedOptions().maximumFractionDigits ?? 2));
    },
  };
}
export type ReportNumbers = ReturnType<typeof reportNumbers>;
