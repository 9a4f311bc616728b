import { foldKey } from '../../shared/rules/text';

/** FTS5 query: every word of the search must start a word of the name. Quotes keep user text out of FTS syntax. */
export function ftsQuery(search: string): string | null {
  const words = foldKey(search).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!words.length) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}
