import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

const BEFORE = Object.keys(migrations)
  .sort()
  .filter((n) => n < '0006_change_log');

describe('0006_change_log', () => {
  it('adds the change record, numbering writes in the order they land', async () => {
    const db = kyselyOver(openSqlite(path.join(tempDir(), 'm.db')));
    try {
      await migrateAll(db, Object.fromEntries(BEFORE.map((n) => [n, migrations[n]!])));
      expect(await migrateAll(db, Object.fromEntries(Object.entries(migrations).filter(([n]) => n <= '0006_change_log')))).toEqual(['0006_change_log']);
      const change = { org_id: 'org', branch_id: null, table_name: 'client', op: 'insert', columns: '["name"]', version: 1, user_id: 'u', at: '2026-12-06T09:00:00.000Z' };
      await db.insertInto('change_log').values({ ...change, row_id: 'a' }).execute();
      await db.insertInto('change_log').values({ ...change, row_id: 'b' }).execute();
      const rows = await db.selectFrom('change_log').select(['seq', 'row_id']).orderBy('seq').execute();
      expect(rows.map((r) => r.row_id)).toEqual(['a', 'b']);
      expect(rows[1]!.seq).toBeGreaterThan(rows[0]!.seq);
    } finally {
      await db.destroy();
    }
  });
});
