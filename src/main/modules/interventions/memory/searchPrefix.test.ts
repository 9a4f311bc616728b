import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ftsQuery } from '../../../db/fts';
import { viaIndexedPrefix } from './searchPrefix';

/**
 * A longer word asked through the 4-character prefix index and checked on the document's text must find exactly
 * what FTS5 finds for the whole word: diacritics, case, Cyrillic and Armenian, punctuation and symbols.
 */

const db = new Database(':memory:');
afterAll(() => db.close());
db.exec(`create virtual table s using fts5(number, client, phone, notes, content='', contentless_delete=1, prefix='3 4', tokenize="unicode61 remove_diacritics 2")`);
const DOCS: [string, string, string, string][] = [
  ['RIX-000123', 'Bērziņš Jānis', '37120000001 20000001', 'Apkope gada; katls pil'],
  ['RIX-000124', 'Ozola Anna', '', 'apkopes līgums — KATLS® jauns'],
  ['LPX-000001', 'Иванов Пётр', '37129999999 29999999', 'Обслуживание котла, срочно'],
  ['LPX-000002', 'Գրիգորյան Արամ', '', 'обслуживаний нет; Ремонт'],
  ['', 'Popescu Ion', '', 'Remont încălzire: țeavă spartă'],
  ['', 'Kazlauskas Tomas', '', 'apko-pe (dalīts) katl,s'],
  ['RIX-000125', 'Ąžuolas Šarūnas', '', 'Šildymo apžiūra 2°C'],
  ['LPX-000003', 'Сергей Смирнова', '', 'Алёна перезвонит'],
];
const insert = db.prepare('insert into s(rowid, number, client, phone, notes) values (?, ?, ?, ?, ?)');
DOCS.forEach((d, i) => insert.run(i + 1, ...d));
const match = db.prepare('select rowid from s where s match ? order by rowid').pluck();

describe('a long word through the 4-character prefix index', () => {
  it('finds what FTS5 finds for the whole word', () => {
    const searches = ['apkope', 'Apkopes', 'katls', 'katls apkope', 'обслуживание', 'обслуживани', 'обслуживаний', 'Գրիգորյան', 'incalzire', 'încălzire', 'teava', 'sarunas', 'Šildymo', 'apzi', 'berzins janis', '3712000', '000123', 'ремонт', 'remont', 'Сергей', 'сергей смирнова', 'Алёна'];
    let compared = 0;
    let exactFound = 0;
    for (const q of searches) {
      const fts = ftsQuery(q)!;
      const whole = match.all(fts) as number[];
      const short = viaIndexedPrefix(q);
      if (!short) {
        expect(q.replace(/[^\p{L}\p{N}]/gu, '').length <= 4 || q.split(/\s+/).every((w) => w.length <= 4), q).toBe(true);
        continue;
      }
      const viaPrefix = (match.all(short.fts) as number[]).filter((r) => short.holds(DOCS[r - 1]!));
      expect(viaPrefix, q).toEqual(whole);
      // Words not all digits are checked without the phone's text (digits only).
      const withoutPhone = (match.all(short.fts) as number[]).filter((r) => {
        const [number, client, phone, notes] = DOCS[r - 1]!;
        return short.holds([number, client, short.digits ? phone : '', notes]);
      });
      expect(withoutPhone, q).toEqual(whole);
      // Whole words found without reading the text are among them.
      const exact = match.all(short.exact) as number[];
      expect(exact.filter((r) => !whole.includes(r)), q).toEqual([]);
      exactFound += exact.length;
      compared++;
    }
    expect(compared).toBeGreaterThan(12);
    // Letters whose mark the tokenizer keeps (й, ё) are found as typed, by both ways.
    for (const q of ['Сергей', 'сергей смирнова', 'Алёна']) expect(match.all(ftsQuery(q)!), q).toEqual([8]);
    expect(exactFound).toBeGreaterThan(5);
    // The searches found documents, not only empty lists.
    expect(searches.filter((q) => (match.all(ftsQuery(q)!) as number[]).length > 0).length).toBeGreaterThan(12);
  });
});
