import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0022_task_field_outcome', () => {
  it('keeps one outcome per phone action id, as a synced row (id, version, stamps, tombstone)', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      expect(await migrateAll(db, migrations)).toContain('0022_task_field_outcome');
      const cols = (sqlite.prepare(`select name from pragma_table_info('task_field_outcome')`).pluck().all() as string[]).sort();
      expect(cols).toEqual(expect.arrayContaining(['id', 'version', 'updated_at', 'deleted_at', 'outcome', 'reason', 'params', 'acted_at']));
      const at = '2026-12-07T09:00:00.000Z';
      const ins = sqlite.prepare(
        `insert into task_field_outcome (id, org_id, branch_id, task_id, employee_id, kind, outcome, acted_at, created_at, updated_at) values (?, 'o', 'b', 't', 'e', 'timer_start', 'applied', ?, ?, ?)`,
      );
      ins.run('a1', at, at, at);
      expect(() => ins.run('a1', at, at, at)).toThrow(/UNIQUE/);
      expect(sqlite.prepare(`select version from task_field_outcome where id = 'a1'`).pluck().get()).toBe(1);
    } finally {
      await db.destroy();
    }
  });
});
