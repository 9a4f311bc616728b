import type Database from 'better-sqlite3';
import type { InterventionColumns } from './columns';
import type { CompiledScans } from './compiled';
import { viaIndexedPrefix } from './searchPrefix';
import { searchValues } from '../searchIndex';

type SearchedRow = Parameters<typeof searchValues>[0];

/** The statements a newest-first search reads with (on the connection the index was loaded from). */
export interface NewestStatements {
  /** FTS rowids of a match, highest first. */
  newest: Database.Statement;
  /** The same query again, so two matches can be read side by side. */
  newestBeside: Database.Statement;
  /** A document's searched texts by rowid. */
  searchedText: Database.Statement;
}

/**
 * The best `need` matches of a quick search in the grid's default order (latest document day first, then the
 * higher rowid) without reading every match: FTS hands rowids highest first, and once the last of the best is later
 * than any day a lower rowid holds (`latestAtOrBelow`), nothing left can enter. Null when more than `maxRead` rowids
 * would be read.
 */
export function newestMatches(cols: InterventionColumns, scans: CompiledScans, fts: string, text: string, need: number, maxRead: number, st: NewestStatements): number[] | null {
  const { live, capacity } = cols;
  const day = cols.code.docDay;
  const top: number[] = [];
  const before = (a: number, b: number) => day[a]! > day[b]! || (day[a] === day[b] && a > b);
  // Longer words through the prefix index, checked on the document's own text (as the quick search indexed it) —
  // unless the same match with the whole words, read alongside, already holds the row.
  const short = viaIndexedPrefix(text);
  const whole = short ? (st.newestBeside.iterate(short.exact) as IterableIterator<number>) : null;
  let wholeAt = Number.POSITIVE_INFINITY;
  const holds = (r: number) => {
    if (!short) return true;
    while (wholeAt > r) {
      const next = whole!.next();
      wholeAt = next.done ? -1 : next.value;
    }
    return wholeAt === r || short.holds(searchValues(st.searchedText.get(r) as SearchedRow, short.digits));
  };
  let read = 0;
  try {
    for (const r of st.newest.iterate(short?.fts ?? fts) as IterableIterator<number>) {
      if (++read > maxRead) return null;
      if (r < capacity && live[r] === 1 && scans.test(r) && holds(r)) {
        let lo = 0;
        let hi = top.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (before(top[mid]!, r)) lo = mid + 1;
          else hi = mid;
        }
        if (lo < need) {
          top.splice(lo, 0, r);
          if (top.length > need) top.pop();
        }
      }
      if (top.length === need && day[top[need - 1]!]! >= cols.latestAtOrBelow(r - 1)) break;
    }
  } finally {
    // Ends the whole-word read early, freeing its statement for the next search.
    whole?.return?.();
  }
  return top;
}
