import type { Sqlite } from '../../db/connection';
import { phoneSearchText } from '../../../shared/rules/phone';

/**
 * What the quick search indexes of a document: its number, the client's name, the phone as dialled both ways, the
 * notes. The phone's text is digits only and costs a parse, so a check of words that are not all digits leaves it out.
 * The number is joined by the provisional one it was validated under, so a paper printed before the hub confirmed
 * the final number still finds the document.
 */
export function searchValues(r: { number: string | null; provisional_number?: string | null; client_name: string; client_phone: string | null; notes: string | null }, phone = true): [string, string, string, string] {
  const number = r.provisional_number && r.provisional_number !== r.number ? `${r.number ?? ''} ${r.provisional_number}` : (r.number ?? '');
  return [number, r.client_name, phone ? phoneSearchText(r.client_phone) : '', r.notes ?? ''];
}

export const SEARCH_INSERT = 'insert into intervention_search(rowid, number, client, phone, notes) values (?, ?, ?, ?, ?)';

/**
 * Fills the quick-search table when it is empty and live documents exist (the first start after migration 0005),
 * in one transaction before the core answers calls: about 15 s at a million documents, once. Returns how many.
 */
export function fillSearchIfEmpty(sqlite: Sqlite): number {
  if (sqlite.prepare('select rowid from intervention_search limit 1').get() !== undefined) return 0;
  if (sqlite.prepare('select 1 from intervention where deleted_at is null limit 1').get() === undefined) return 0;
  const insert = sqlite.prepare(SEARCH_INSERT);
  // In slices of rowids: a statement being iterated keeps the connection busy for the inserts.
  const slice = sqlite.prepare('select rowid as rid, number, provisional_number, client_name, client_phone, notes from intervention where deleted_at is null and rowid > ? order by rowid limit 5000');
  let n = 0;
  sqlite.transaction(() => {
    for (let after = 0; ; ) {
      const rows = slice.all(after) as { rid: number; number: string | null; provisional_number: string | null; client_name: string; client_phone: string | null; notes: string | null }[];
      for (const r of rows) insert.run(r.rid, ...searchValues(r));
      n += rows.length;
      if (rows.length < 5000) break;
      after = rows[rows.length - 1]!.rid;
    }
  })();
  return n;
}
