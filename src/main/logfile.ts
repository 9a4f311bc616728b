import fs from 'node:fs';
import path from 'node:path';

/**
 * The core's log file in the data folder: the packaged Windows app has no console, so this is what support reads.
 * Size-rotated (planora.log, planora.log.1 … planora.log.N) so it never fills a clerk's disk.
 */
export const LOG_NAME = 'planora.log';

export interface LogFileOptions {
  /** Rotate before a write would take the file past this size. */
  maxBytes?: number;
  /** Rotated files kept beside the current one. */
  keep?: number;
  now?: () => Date;
}

/** Whether a line of `incoming` bytes must start a new file; a lone oversize line still goes into an empty one. */
export function mustRotate(currentBytes: number, incoming: number, maxBytes: number): boolean {
  return currentBytes > 0 && currentBytes + incoming > maxBytes;
}

/** One log line: time, message, and the error's first line and stack indented below it. */
export function formatLine(at: Date, msg: string, err?: unknown): string {
  let text = `${at.toISOString()} ${msg}`;
  if (err !== undefined && err !== '') {
    const detail = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
    text += `\n  ${detail.replace(/\n/g, '\n  ')}`;
  }
  return `${text}\n`;
}

export class RotatingLog {
  readonly file: string;
  readonly #maxBytes: number;
  readonly #keep: number;
  readonly #now: () => Date;
  #size: number | null = null;

  constructor(dir: string, opts: LogFileOptions = {}) {
    this.file = path.join(dir, LOG_NAME);
    this.#maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
    this.#keep = opts.keep ?? 4;
    this.#now = opts.now ?? (() => new Date());
  }

  write(msg: string, err?: unknown): void {
    const line = Buffer.from(formatLine(this.#now(), msg, err), 'utf8');
    try {
      this.#size ??= sizeOf(this.file);
      if (mustRotate(this.#size, line.length, this.#maxBytes)) this.#rotate();
      fs.appendFileSync(this.file, line, { mode: 0o600 });
      this.#size += line.length;
    } catch {
      // A full disk or a locked file must not take the core down with it; the message is lost, the work goes on.
      this.#size = null;
    }
  }

  #rotate(): void {
    fs.rmSync(`${this.file}.${this.#keep}`, { force: true });
    for (let n = this.#keep - 1; n >= 1; n--) renameIfThere(`${this.file}.${n}`, `${this.file}.${n + 1}`);
    renameIfThere(this.file, `${this.file}.1`);
    this.#size = 0;
  }
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function renameIfThere(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/**
 * The core's `log`: every line into the file; with `echo`, problems (a line with an error) also on stderr for
 * whoever started web mode in a terminal. Progress notes stay in the file, where they do not interleave with
 * what the person at the terminal needs (the address, the logins).
 */
export function coreLog(dataDir: string, opts: LogFileOptions & { echo: boolean }): (msg: string, err?: unknown) => void {
  const log = new RotatingLog(dataDir, opts);
  return (msg, err) => {
    log.write(msg, err);
    if (opts.echo && err !== undefined && err !== '') console.error(`[planora] ${msg}`, err instanceof Error ? err.message : err);
  };
}
