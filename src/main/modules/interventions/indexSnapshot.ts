import fs from 'node:fs';
import type { Db, Sqlite } from '../../db/connection';
import { INDEXED_COLUMNS, type IndexedRow } from './memory/columns';
import type { InterventionIndex } from './memory/memoryIndex';
import { readSnapshotImage, snapshotParts } from './memory/snapshot';

/** The memory index's snapshot lives beside the database it was read from. */
export function snapshotFile(dbFile: string): string {
  return `${dbFile}.grid-index`;
}

const topSeq = (sqlite: Sqlite) => Number(sqlite.prepare('select coalesce(max(seq), 0) from change_log').pluck().get());

/** The change record's entry at `seq` as one string: the same in every copy of one history, different in another. */
export function entryAt(sqlite: Sqlite, seq: number): string | null {
  if (seq === 0) return null;
  return (sqlite.prepare("select table_name || ' ' || row_id || ' ' || version || ' ' || at from change_log where seq = ?").pluck().get(seq) as string | undefined) ?? null;
}

/**
 * Beyond this many changes a catch-up costs more than reading the table (a million took 110 s and 3.6 GB, where the
 * table reads in 20 s): the snapshot is then left for the table.
 */
export const MAX_CATCH_UP = 50_000;

/**
 * The index from its snapshot, caught up with every intervention the change record shows written since: under the
 * writer's lock, so no save lands between the catch-up and the index taking over. Returns how many rows were caught
 * up, or null when there is no usable snapshot (missing, damaged, of another layout or another history, ahead of
 * this database as after a restore, or too far behind it): the caller then reads the table.
 */
export async function loadSnapshot(index: InterventionIndex, db: Db, sqlite: Sqlite, file: string, maxCatchUp = MAX_CATCH_UP): Promise<number | null> {
  let image: Buffer;
  try {
    image = await fs.promises.readFile(file);
  } catch {
    return null;
  }
  const read = readSnapshotImage(image);
  if (!read) return null;
  return db.connection().execute(async () => {
    const { seq, at } = read.mark;
    const top = topSeq(sqlite);
    // A snapshot at position 0 names no entry of any history, so it cannot show it belongs to this one.
    if (top < seq || entryAt(sqlite, seq) !== at || (seq === 0 && top > 0)) return null;
    // Counted only as far as the cutoff: a snapshot a million changes behind is refused without counting them all.
    const behind = Number(sqlite.prepare("select count(*) from (select 1 from change_log where seq > ? and table_name = 'intervention' limit ?)").pluck().get(seq, maxCatchUp + 1));
    if (behind > maxCatchUp) return null;
    const changed = sqlite
      .prepare(`select rowid, ${INDEXED_COLUMNS.join(', ')} from intervention where id in (select row_id from change_log where seq > ? and table_name = 'intervention')`)
      .all(seq) as IndexedRow[];
    for (const row of changed) read.cols.write(row);
    index.adopt(read.cols, sqlite);
    return changed.length;
  });
}

/**
 * Writes the index's snapshot (to a temporary file, synced, then renamed over the old one). The columns are written
 * in place under the writer's lock, once the index updates of commits made before it have run: no change can reach
 * them meanwhile, so the file holds every change up to the position it records without a copy of a few hundred MB
 * in memory; anything later is caught up at the next start. Saves wait for the write (a fraction of a second, after
 * a load and at close); reads do not.
 */
export async function writeSnapshot(index: InterventionIndex, db: Db, sqlite: Sqlite, file: string): Promise<boolean> {
  const tmp = `${file}.tmp`;
  const fh = await fs.promises.open(tmp, 'w');
  let written = false;
  try {
    written = await db.connection().execute(async () => {
      // A commit's index update runs just after the commit, in the promise callbacks that follow it.
      await new Promise((resolve) => setImmediate(resolve));
      if (!index.ready) return false;
      const seq = topSeq(sqlite);
      const { parts, crc } = snapshotParts(index.cols, { seq, at: entryAt(sqlite, seq) });
      // writeFile writes all of a piece (a single write may take only part of a large one).
      for (const part of parts) if (part.length) await fh.writeFile(part);
      const at = Buffer.alloc(4);
      at.writeUInt32LE(crc);
      await fh.write(at, 0, 4, 12);
      return true;
    });
    if (written) await fh.sync();
  } finally {
    await fh.close();
  }
  if (!written) {
    await fs.promises.rm(tmp, { force: true });
    return false;
  }
  await fs.promises.rename(tmp, file);
  return true;
}
