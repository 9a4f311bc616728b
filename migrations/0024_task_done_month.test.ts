import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0024_task_done_month', () => {
  it('reads a branch month of done tasks by an index, not by every done task of the branch', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      expect(await migrateAll(db, migrations)).toContain('0024_task_done_month');
      // The invoices' own condition, as generate.ts writes it.
      const plan = sqlite
        .prepare(
          `explain query plan select t.id from task t where t.org_id = ? and t.branch_id = ? and t.status = 'done' and t.deleted_at is null and t.done_at >= ? and t.done_at < ? order by t.done_at`,
        )
        .all('o', 'b', '2026-11-01', '2026-12-01') as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX task_done_month \(branch_id=\? AND done_at>\? AND done_at<\?\)/);
    } finally {
      await db.destroy();
    }
  });
});
