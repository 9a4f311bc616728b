/** Lower case with diacritics folded ("Bērziņš" → "berzins"): one key for sorting and prefix search in every language. */
export function foldKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, ' ');
}
