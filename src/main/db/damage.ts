import fs from 'node:fs';
import path from 'node:path';
import { listBackups } from './backup';

/** SQLite's own words for a file that is not, or no longer, a sound database. */
export function isDamageError(e: unknown): e is Error {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Reads the 100-byte header only, so it costs nothing at every start: a file that is not SQLite at all, or
 * shorter than its header says (cut off by a failed copy, a full disk, a sync tool), is refused before
 * SQLite reads garbage. The page count is trusted only when SQLite marked it valid, and not while a write-ahead
 * log that may still hold the missing pages is beside the file.
 */
export function headerProblem(file: string): string | null {
  const size = fs.statSync(file).size;
  if (size === 0) return null; // SQLite writes the header at the first write: an empty file is a new database
  const head = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (size < 100 || !head.subarray(0, 16).equals(MAGIC)) return 'file is not a database';
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return 'file is not a database (bad page size)';
  const walSize = fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0;
  const pages = head.readUInt32BE(28);
  const countValid = pages > 0 && head.readUInt32BE(24) === head.readUInt32BE(92);
  if (walSize === 0 && countValid && size < pages * pageSize) return `the file is cut off: ${size} of ${pages * pageSize} bytes`;
  return null;
}

export interface DamageReport {
  /** What SQLite or the header check said. */
  problem: string;
  file: string;
  dataDir: string;
  /** The newest backup, which `db restore` takes by default. */
  newestBackup: string | null;
  /** The commands that put it back, for a source checkout and for an installed program. */
  commands: string[];
}

function quoted(p: string): string {
  return /^[\w./:\\-]+$/.test(p) ? p : `"${p.replace(/"/g, '\\"')}"`;
}

export function damageReport(problem: string, dbFile: string, dataDir: string, backupDir: string): DamageReport {
  const newest = listBackups(backupDir).at(-1) ?? null;
  const data = `--data ${quoted(path.resolve(dataDir))}`;
  return { problem, file: dbFile, dataDir, newestBackup: newest, commands: [`npm run db -- restore ${data}`, `planora db restore ${data}`] };
}

/** The same explanation for a terminal and a log. */
export function damageText(r: DamageReport): string {
  return [
    `Planora cannot open its database ${r.file}: it is damaged (${r.problem}).`,
    r.newestBackup ? `The newest backup is ${r.newestBackup}.` : `There is no backup in ${path.join(r.dataDir, 'backups')}.`,
    r.newestBackup
      ? `Stop Planora, then restore that backup (the damaged file is kept beside it as planora.db.before-restore):\n  ${r.commands[0]}\n  (installed program: ${r.commands[1]})`
      : 'Copy a backup of planora.db from elsewhere, then restore it with `planora db restore FILE`.',
  ].join('\n');
}
