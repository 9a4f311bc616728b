/** "INT" + 42 with padding 5 → "INT00042". */
export function formatDocNumber(prefix: string, n: number, padding: number): string {
  return `${prefix}${String(n).padStart(padding, '0')}`;
}
