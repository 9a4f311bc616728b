import fs from 'node:fs';
import { once } from 'node:events';

/** Excel reads a UTF-8 CSV right only when it starts with a byte-order mark. */
export const BOM = '\uFEFF';

/**
 * One CSV field (RFC 4180): quoted when it holds the separator, a quote, a line break or edge spaces; quotes doubled.
 * A text that a spreadsheet would run as a formula (=, @, or + - followed by something other than a number) gets a leading
 * apostrophe, so opening an export never executes what a client typed (CSV injection). Phone numbers like +371… stay as they are.
 */
export function csvField(value: string, delimiter: string): string {
  let v = value;
  if (/^[=@\t\r]/.test(v) || /^[+-](?![\d\s().]*$)/.test(v)) v = `'${v}`;
  if (v.includes(delimiter) || /["\r\n]/.test(v) || /^\s|\s$/.test(v)) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

export function csvLine(values: string[], delimiter: string): string {
  return values.map((v) => csvField(v, delimiter)).join(delimiter) + '\r\n';
}

/** Writes lines to a file with back-pressure, so a big export never piles up in memory. */
export class CsvWriter {
  private out: fs.WriteStream;
  private failed: Error | null = null;
  constructor(
    file: string,
    private delimiter: string,
  ) {
    this.out = fs.createWriteStream(file, { encoding: 'utf8' });
    this.out.on('error', (e) => {
      this.failed = e;
    });
    this.out.write(BOM);
  }
  async row(values: string[]): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.out.write(csvLine(values, this.delimiter))) await once(this.out, 'drain');
  }
  async close(): Promise<void> {
    if (this.failed) throw this.failed;
    this.out.end();
    await once(this.out, 'close');
    if (this.failed) throw this.failed;
  }
  abort(): void {
    this.out.destroy();
  }
}

/** The separator Excel expects in the reader's locale: `;` where numbers are written with a decimal comma, else `,`. */
export function defaultDelimiter(locale: string): ',' | ';' {
  return new Intl.NumberFormat(locale).format(1.5).includes(',') ? ';' : ',';
}
