import { ftsWords } from '../../../db/fts';

/** The quick search's FTS table keeps prefix indexes of 3 and 4 characters (migration 0005). */
const INDEXED_PREFIX = 4;

/**
 * FTS5's unicode61 tokenizer as far as a word start is concerned: separators are spaces, punctuation and controls;
 * `remove_diacritics 2` strips marks from Latin letters only (so Cyrillic "й" stays itself); case is folded.
 */
function ftsTokens(text: string): string[] {
  return latinFolded(text).toLowerCase().split(/[\p{Z}\p{P}\p{C}]+/u);
}

/** What \`remove_diacritics 2\` does to a word: Latin letters lose their marks, other scripts keep theirs. */
function latinFolded(text: string): string {
  return text.normalize('NFD').replace(/([A-Za-z])\p{M}+/gu, '$1').normalize('NFC');
}

/** A quick search asked through the 4-character prefix index, with the longer words checked on each document's own text. */
export interface ShortPrefixSearch {
  fts: string;
  /**
   * The longer words as whole words (the short ones still as prefixes): FTS5 reads these lazily too, and a document
   * it finds holds every longer word without its text being read (most documents that match a word typed in full).
   */
  exact: string;
  /** Whether a longer word is all digits, so could start a word of the phone's text (digits only). */
  digits: boolean;
  /** Whether a document's searched texts (number, client, phone, notes) hold every longer word as a word start. */
  holds(texts: readonly string[]): boolean;
}

/**
 * A word longer than the prefix indexes makes FTS5 merge the lists of every word it starts before handing back the
 * first row (tens of ms for a word in 150,000 documents); its first four characters read one list, lazily. Null when
 * every word is short enough already.
 */
export function viaIndexedPrefix(search: string): ShortPrefixSearch | null {
  const words = ftsWords(search).map(latinFolded);
  const long = words.filter((w) => w.length > INDEXED_PREFIX);
  if (!long.length) return null;
  return {
    fts: words.map((w) => `"${w.slice(0, INDEXED_PREFIX)}"*`).join(' '),
    exact: words.map((w) => (w.length > INDEXED_PREFIX ? `"${w}"` : `"${w}"*`)).join(' '),
    digits: long.some((w) => /^\p{N}+$/u.test(w)),
    holds(texts) {
      const tokens = ftsTokens(texts.join(' '));
      return long.every((w) => tokens.some((t) => t.startsWith(w)));
    },
  };
}
