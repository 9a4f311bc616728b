/** One warning in a line, the same in every language ("RIX-000042 Anna Ozola — Past its scheduled end"): a draft has no number yet, its client says which it is. */
export function warningLine(number: string | null, client: string, kind: string): string {
  return `${[number, client].filter(Boolean).join(' ')} — ${kind}`;
}
