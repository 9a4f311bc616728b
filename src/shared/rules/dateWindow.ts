/**
 * The dates a document may carry. Far-off dates are typing slips (1900 for 2019, 2999 for 2029) that
 * would sit at the top or bottom of every date-sorted list for good; old paper archives reach back
 * decades, plans rarely further than a few years ahead.
 */
export interface DateWindowConfig {
  /** The earliest date accepted, YYYY-MM-DD. */
  earliest: string;
  /** How many years past today a date may lie. */
  yearsAhead: number;
}

/** "Document date window": 2000-01-01 … today + 10 years. */
export const DOCUMENT_DATE_WINDOW: DateWindowConfig = { earliest: '2000-01-01', yearsAhead: 10 };

/** Today's bounds, from today's date (YYYY-MM-DD, given by the caller's clock). */
export function dateWindow(today: string, cfg: DateWindowConfig = DOCUMENT_DATE_WINDOW): { min: string; max: string } {
  const year = Number(today.slice(0, 4)) + cfg.yearsAhead;
  let monthDay = today.slice(5, 10);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (monthDay === '02-29' && !leap) monthDay = '02-28';
  return { min: cfg.earliest, max: `${String(year).padStart(4, '0')}-${monthDay}` };
}

/** Whether a date, or the UTC date of an instant, lies within the bounds (both ends included). */
export function withinWindow(dateOrInstant: string, bounds: { min: string; max: string }): boolean {
  const day = dateOrInstant.slice(0, 10);
  return day >= bounds.min && day <= bounds.max;
}
