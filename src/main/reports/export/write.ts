import { walkSnapshot } from '../../grid/pacing';
import type { GridSnapshot } from '../../grid/source';
import { CsvWriter } from './csv';
import { XlsxWriter, type XlsxCell, type XlsxKind } from './xlsx';

/**
 * Rows read per query: big enough to amortize the query, small enough that one query (run synchronously) keeps
 * a grid page or a save waiting only a few milliseconds, and memory stays flat.
 */
export const EXPORT_PAGE = 250;

/** The longest stretch an export works without letting other calls in (writing rows is synchronous too). */
const SLICE_MS = 8;

/** What any grid's export writes: its columns, and each row's cells as text (CSV) and as typed values (XLSX). */
export interface ExportSheet<Row> {
  name: string;
  columns: { header: string; kind: XlsxKind; width: number }[];
  delimiter: ',' | ';' | '\t';
  csv(row: Row): string[];
  xlsx(row: Row): XlsxCell[];
}

/** Streams a grid's snapshot to a CSV or XLSX file, paced so other calls are answered meanwhile; returns the rows written. */
export async function writeSnapshot<Row>(path: string, format: 'csv' | 'xlsx', snapshot: GridSnapshot<Row>, sheet: ExportSheet<Row>, progress?: (p: { done: number; total: number }) => void): Promise<number> {
  const walk = { pageSize: EXPORT_PAGE, sliceMs: SLICE_MS, progress };
  if (format === 'csv') {
    const out = new CsvWriter(path, sheet.delimiter);
    try {
      await out.row(sheet.columns.map((c) => c.header));
      const done = await walkSnapshot(snapshot, { ...walk, row: (r) => out.row(sheet.csv(r)) });
      await out.close();
      return done;
    } catch (e) {
      out.abort();
      throw e;
    }
  }
  const out = new XlsxWriter(path, sheet.name, sheet.columns);
  const done = await walkSnapshot(snapshot, { ...walk, row: (r) => out.row(sheet.xlsx(r)), betweenPages: () => out.settle() });
  await out.close();
  return done;
}
