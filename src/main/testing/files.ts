import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';

/** Hash of a file's bytes (and of its -wal when present), to prove a refused start left the database alone. */
export function fileDigest(file: string): string {
  const h = createHash('sha256');
  h.update(fs.readFileSync(file));
  if (fs.existsSync(`${file}-wal`)) h.update(fs.readFileSync(`${file}-wal`));
  return h.digest('hex');
}

/**
 * Damages a closed database the way a bad sector or a torn write would: overwrites `bytes` bytes in the middle of
 * the fullest leaf page of `table`'s b-tree. Returns the page number. The file must not be open elsewhere.
 */
export function corruptLeafPage(file: string, table: string, bytes = 512): number {
  const db = new Database(file);
  let page: number;
  let pageSize: number;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    pageSize = db.pragma('page_size', { simple: true }) as number;
    const leaf = db.prepare(`select pageno from dbstat where name = ? and pagetype = 'leaf' order by unused asc, pageno limit 1`).get(table) as { pageno: number } | undefined;
    if (!leaf) throw new Error(`table ${table} has no leaf page to damage`);
    page = leaf.pageno;
  } finally {
    db.close();
  }
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(bytes, 0xa5), 0, bytes, (page - 1) * pageSize + Math.floor((pageSize - bytes) / 2));
  } finally {
    fs.closeSync(fd);
  }
  return page;
}
