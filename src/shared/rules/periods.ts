/** The working period (YYYY-MM) a document date (YYYY-MM-DD or an ISO instant read in UTC) falls in. */
export function periodOf(date: string): string {
  return date.slice(0, 7);
}

export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}
