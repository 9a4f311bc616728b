/**
 * FTS5 query: every word of the search must start a word of the name. Quotes keep user text out of FTS syntax.
 * The words go to FTS as typed (lower case, composed): its tokenizer folds diacritics the same way for the query as
 * for the indexed text. Folding them here too (\`foldKey\` strips marks the tokenizer keeps, like the breve of
 * Cyrillic "й") made "Сергей" find nothing.
 */
export function ftsQuery(search: string): string | null {
  const words = ftsWords(search);
  if (!words.length) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

/** The words of a search as FTS is given them: lower case, composed, split at anything but letters, digits and marks. */
export function ftsWords(search: string): string[] {
  return search.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);
}
