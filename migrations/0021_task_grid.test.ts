import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0021_task_grid', () => {
  it("answers the grid's first page in its order from one index alone, and counts groups off an index", async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      expect(await migrateAll(db, migrations)).toContain('0021_task_grid');
      const plan = (q: string) => (sqlite.prepare(`explain query plan ${q}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
      const where = `t.deleted_at is null and t.org_id = 'o' and t.branch_id in ('a', 'b')`;
      const page = `select t.rowid from task t where ${where} order by (t.status in ('done', 'cancelled')), t.priority_rank, coalesce(t.due_date, '9999-12-31'), t.branch_id, t.status, t.due_date, t.rowid limit 100 offset 5000`;
      expect(plan(page)).toMatch(/USING COVERING INDEX task_grid_rank/);
      expect(plan(page)).not.toMatch(/TEMP B-TREE/);
      expect(plan(`select t.status, count(*) from task t where ${where} group by t.status`)).toMatch(/COVERING INDEX task_grid_status/);
      expect(plan(`select t.status, count(*) from task t where ${where} group by t.status`)).not.toMatch(/TEMP B-TREE/);
    } finally {
      await db.destroy();
    }
  });
});
