import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { entryAt, MAX_CATCH_UP, snapshotFile } from '../../src/main/modules/interventions/indexSnapshot';
import { readSnapshotImage, snapshotImage } from '../../src/main/modules/interventions/memory/snapshot';
import { startWebMode } from './webMode';

/**
 * Web mode started over an index snapshot further behind the database than a catch-up is allowed to go (as when an
 * old snapshot file comes back beside a newer database): its columns as they are, its mark set back to the change
 * `behind` interventions' changes ago. The snapshot is left for the table; returns when the index was ready and the
 * process's peak, which includes reading that snapshot, reading the table and writing a new snapshot.
 */
export async function readyFarBehind(dataDir: string, login: { login: string; password: string }, behind = MAX_CATCH_UP + 10_000): Promise<{ readyMs: number; peakMb: number; behind: number }> {
  const dbFile = path.join(dataDir, 'planora.db');
  const file = snapshotFile(dbFile);
  const read = readSnapshotImage(fs.readFileSync(file));
  if (!read) throw new Error('no snapshot to set back');
  const sqlite = new Database(dbFile, { readonly: true });
  let seq: number;
  try {
    seq = sqlite.prepare("select seq from change_log where table_name = 'intervention' order by seq desc limit 1 offset ?").pluck().get(behind - 1) as number;
    fs.writeFileSync(file, snapshotImage(read.cols, { seq: seq - 1, at: entryAt(sqlite, seq - 1) }));
  } finally {
    sqlite.close();
  }
  const setBack = fs.statSync(file).mtimeMs;
  const web = await startWebMode(dataDir, login);
  try {
    // Until the snapshot written after the table read is on disk, so its cost is in the peak.
    for (let waited = 0; fs.statSync(file).mtimeMs === setBack; waited += 100) {
      if (waited > 120_000) throw new Error('no new snapshot was written');
      await new Promise((r) => setTimeout(r, 100));
    }
    return { readyMs: web.readyMs, peakMb: web.peakMb(), behind };
  } finally {
    await web.stop();
  }
}
