import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

const upTo = (last: string) => Object.fromEntries(Object.entries(migrations).filter(([n]) => n <= last));

describe('0014_sync', () => {
  it('gives the file its installation id and leaves earlier changes unstamped and local', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      await migrateAll(db, upTo('0013_reminders'));
      sqlite
        .prepare(`insert into change_log (org_id, branch_id, table_name, row_id, op, columns, version, user_id, at) values ('o', null, 'client', 'c', 'insert', '["name"]', 1, null, '2026-12-06T09:00:00.000Z')`)
        .run();
      expect(await migrateAll(db, upTo('0014_sync'))).toEqual(['0014_sync']);
      expect(sqlite.prepare(`select hlc, origin from change_log`).all()).toEqual([{ hlc: null, origin: null }]);
      const device = sqlite.prepare(`select * from sync_device`).all() as Record<string, unknown>[];
      expect(device).toHaveLength(1);
      expect(device[0]).toMatchObject({ id: 1, cursor: 0, pushed_seq: 0, interval_seconds: 30, device_id: null, org_id: null });
      expect(device[0]!.installation_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const tables = sqlite.prepare(`select name from sqlite_master where type = 'table' and name like 'sync_%' order by name`).pluck().all();
      expect(tables).toEqual(['sync_cell', 'sync_conflict', 'sync_device', 'sync_inbox']);
    } finally {
      await db.destroy();
    }
  });

  it('keeps one stamp per cell', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      await migrateAll(db, upTo('0014_sync'));
      const ins = sqlite.prepare(`insert into sync_cell (table_name, row_id, column_name, hlc, node, seq) values ('client', 'c', 'name', ?, 'n', 1)`);
      ins.run('a');
      expect(() => ins.run('b')).toThrow(/UNIQUE/);
    } finally {
      await db.destroy();
    }
  });
});
