/** "INT" + 42 with padding 5 → "INT00042". The number is whole: it already carries its series' prefix. */
export function formatDocNumber(prefix: string, n: number, padding: number): string {
  return `${prefix}${String(n).padStart(padding, '0')}`;
}

/**
 * The series as a column, a choice or a label names it: its prefix without the separator that joins it to the digits
 * ("RIX-" → "RIX"). Never put in front of a document's number, which begins with the prefix already ("RIX-RIX-000001").
 */
export function seriesName(prefix: string): string {
  return prefix.replace(/[\s\-_./#:]+$/u, '') || prefix;
}

/** How a document is named in titles and messages: its number alone, or `draft` until it is validated. */
export function documentName(number: string | null | undefined, draft: string): string {
  return number ? number : draft;
}
