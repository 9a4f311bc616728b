import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0025_provisional_numbers', () => {
  it('gives numbered documents a provisional number column, and keeps the per-series counter apart from synced tables', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      expect(await migrateAll(db, migrations)).toContain('0025_provisional_numbers');
      const cols = (t: string) => (sqlite.prepare(`select name from pragma_table_info(?)`).all(t) as { name: string }[]).map((c) => c.name);
      for (const t of ['intervention', 'task', 'invoice']) expect(cols(t)).toContain('provisional_number');
      expect(cols('series_provisional')).toEqual(['series_id', 'last_counter']);
    } finally {
      await db.destroy();
    }
  });
});
