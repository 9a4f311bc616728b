import ExcelJS from 'exceljs';

export type XlsxCell = string | number | Date | null;
export type XlsxKind = 'text' | 'date' | 'dateTime';

/**
 * A streaming XLSX writer over exceljs's WorkbookWriter: rows go to disk as they come (inline strings, no shared-string table),
 * so 100,000 rows need little memory. Every cell of a column shares one style object: exceljs caches styles by object identity,
 * and a fresh object per cell costs it a style lookup per cell (a third of the time of a big export).
 */
export class XlsxWriter {
  private wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private ws: ExcelJS.Worksheet;
  private styles: Partial<ExcelJS.Style>[];
  private count = 0;

  constructor(file: string, sheetName: string, columns: { header: string; kind: XlsxKind; width: number }[]) {
    // Deflate level 1: a third less CPU than the default for a file about a quarter larger; an export is written once and opened soon.
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
    this.ws = this.wb.addWorksheet(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '), { views: [{ state: 'frozen', ySplit: 1 }] });
    this.ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
    // 14 and 22 are Excel's built-in short date and date-time formats: shown in the reader's regional format.
    const date: Partial<ExcelJS.Style> = { numFmt: 'mm-dd-yy' };
    const dateTime: Partial<ExcelJS.Style> = { numFmt: 'm/d/yy "h":mm' };
    const text: Partial<ExcelJS.Style> = {};
    this.styles = columns.map((c) => (c.kind === 'date' ? date : c.kind === 'dateTime' ? dateTime : text));
    const head = this.ws.getRow(1);
    const bold: Partial<ExcelJS.Style> = { font: { bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF0' } } };
    head.eachCell((cell) => {
      cell.style = bold;
    });
    head.commit();
    this.ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  }

  row(values: XlsxCell[]): void {
    // Empty cells as holes: exceljs then makes no cell object for them (a third of the cells of a wide export).
    const row = this.ws.addRow(values.map((v) => (v === null ? undefined : v)));
    const styles = this.styles;
    row.eachCell((cell, n) => {
      cell.style = styles[n - 1] as ExcelJS.Style;
    });
    row.commit();
    this.count++;
  }

  /**
   * exceljs hands rows to its zip stream without back-pressure: when deflate (in libuv's thread pool) falls behind, the XML
   * piles up in the entry's PassThrough (30 MB per 20,000 wide rows). Between pages we wait until that backlog is small.
   * It reads exceljs 4.4 internals; if they change, this quietly does nothing (memory is then the only cost).
   */
  async settle(maxBytes = 4 * 1048576): Promise<void> {
    type Legacy = {
      _writableState?: { length: number };
      _readableState?: { length: number };
      once(e: 'drain', f: () => void): void;
      removeListener(e: 'drain', f: () => void): void;
    };
    const pipes = (this.ws as unknown as { stream?: { pipes?: Legacy[] } }).stream?.pipes ?? [];
    const backlog = () => pipes.reduce((a, p) => a + (p._writableState?.length ?? 0) + (p._readableState?.length ?? 0), 0);
    const first = pipes[0];
    // At most ~20 s: a stalled disk must not hang the export forever.
    for (let i = 0; first && i < 2000 && backlog() > maxBytes; i++) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          first.removeListener('drain', done);
          resolve();
        };
        const timer = setTimeout(done, 10);
        first.once('drain', done);
      });
    }
  }

  get rows(): number {
    return this.count;
  }

  async close(): Promise<void> {
    this.ws.commit();
    await this.wb.commit();
  }
}
