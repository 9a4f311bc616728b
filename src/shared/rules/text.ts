/** Lower case with diacritics folded ("Bērziņš" → "berzins"): one key for sorting and prefix search in every language. */
export function foldKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, ' ');
}

/** How many characters of a text a grid sorts on: notes can be long, and a million of them must fit in memory. */
export const SORT_KEY_CHARS = 64;

/**
 * The grid's sort key of a text column: its first characters, folded. The memory index and SQL (the `sort_key`
 * function every connection registers) sort by this one function, so both give the same order.
 */
export function sortKey(s: string): string {
  return foldKey(s.slice(0, SORT_KEY_CHARS));
}

/**
 * Two sort keys in SQLite's order (BINARY: UTF-8 bytes, which is code-point order); JavaScript's `<` compares UTF-16
 * units, which puts characters above U+FFFF before U+E000–U+FFFF.
 */
export function compareKeys(x: string, y: string): number {
  if (x === y) return 0;
  const n = Math.min(x.length, y.length);
  let i = 0;
  while (i < n && x.charCodeAt(i) === y.charCodeAt(i)) i++;
  if (i === n) return x.length - y.length;
  const a = x.charCodeAt(i);
  const b = y.charCodeAt(i);
  const sa = a >= 0xd800 && a <= 0xdfff;
  const sb = b >= 0xd800 && b <= 0xdfff;
  if (sa !== sb && (sa ? b : a) >= 0xe000) return sa ? 1 : -1;
  return a - b;
}
