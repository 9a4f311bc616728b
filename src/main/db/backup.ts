import fs from 'node:fs';
import path from 'node:path';
import type { Sqlite } from './connection';
import type { Clock } from '../clock';
import { openSqlite } from './connection';

export const BACKUP_PREFIX = 'planora-';

/** Timestamped name that sorts by time: planora-20261123T120000Z-reason.db */
export function backupName(clock: Clock, reason: string): string {
  const stamp = new Date(clock.now()).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${BACKUP_PREFIX}${stamp}-${reason}.db`;
}

/**
 * A TRUNCATE checkpoint that does not wait for other connections (the busy timeout would block the thread that
 * answers calls for up to 10 s): false when another process's reader or writer kept it from completing.
 * The caller holds the connection (`withConnection`): on a connection inside a transaction SQLite refuses it.
 */
export function checkpointWal(sqlite: Sqlite): boolean {
  const timeout = Number(sqlite.pragma('busy_timeout', { simple: true }));
  sqlite.pragma('busy_timeout = 0');
  try {
    const [row] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return !row?.busy;
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}

/**
 * Online backup through SQLite's backup API (never a file copy under WAL), after a TRUNCATE checkpoint
 * so the log does not keep growing. Keeps the newest `keep` backups. The caller holds the connection.
 */
export async function backupTo(sqlite: Sqlite, dir: string, name: string, keep: number): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  checkpointWal(sqlite);
  const target = path.join(dir, name);
  const tmp = `${target}.part`;
  await sqlite.backup(tmp);
  fs.renameSync(tmp, target);
  pruneBackups(dir, keep);
  return target;
}

export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(BACKUP_PREFIX) && f.endsWith('.db'))
    .sort()
    .map((f) => path.join(dir, f));
}

function pruneBackups(dir: string, keep: number): void {
  const all = listBackups(dir);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) fs.rmSync(old, { force: true });
}

/** Returns the first failing line of `PRAGMA quick_check`/`integrity_check`, or null when the file is sound. */
export function checkFile(file: string, full = false): string | null {
  let sqlite: Sqlite | undefined;
  try {
    sqlite = openSqlite(file, { readonly: true });
    const rows = sqlite.pragma(full ? 'integrity_check' : 'quick_check') as { quick_check?: string; integrity_check?: string }[];
    const first = rows[0] ? Object.values(rows[0])[0] : 'no answer';
    return first === 'ok' ? null : String(first);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    sqlite?.close();
  }
}

/**
 * Replaces the database with a backup; the program must not have the file open. The file it replaces is kept
 * as `planora.db.before-restore` (with its log): a damaged file may still hold what the backup lacks.
 */
export function restoreFrom(backupFile: string, dbFile: string): void {
  const problem = checkFile(backupFile, true);
  if (problem) throw new Error(`The backup ${backupFile} is damaged: ${problem}`);
  const tmp = `${dbFile}.restoring`;
  fs.copyFileSync(backupFile, tmp);
  const kept = `${dbFile}.before-restore`;
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(kept + suffix, { force: true });
  if (fs.existsSync(dbFile)) fs.renameSync(dbFile, kept);
  if (fs.existsSync(`${dbFile}-wal`)) fs.renameSync(`${dbFile}-wal`, `${kept}-wal`);
  fs.rmSync(`${dbFile}-shm`, { force: true });
  fs.renameSync(tmp, dbFile);
}
