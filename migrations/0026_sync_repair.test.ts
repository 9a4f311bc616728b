import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0026_sync_repair', () => {
  it('adds the repair marks to the device row: nothing to push in full and no reset asked, for a file that had none', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      expect(await migrateAll(db, migrations)).toContain('0026_sync_repair');
      const row = sqlite.prepare('select full_push, reset_requested_at, reset_done_at from sync_device where id = 1').get();
      expect(row).toEqual({ full_push: 0, reset_requested_at: null, reset_done_at: null });
      // A device row, not a synced table: no version, so neither the funnel nor the replica takes it for one.
      const cols = (sqlite.prepare(`select name from pragma_table_info('sync_device')`).all() as { name: string }[]).map((c) => c.name);
      expect(cols).not.toContain('version');
    } finally {
      await db.destroy();
    }
  });
});
