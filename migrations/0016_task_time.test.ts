import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0016_task_time', () => {
  it('keeps one running timer per employee, and rates on task types and employees', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      expect(await migrateAll(db, migrations)).toContain('0016_task_time');
      const at = '2026-12-07T09:00:00.000Z';
      const ins = sqlite.prepare(
        `insert into task_time_entry (id, org_id, branch_id, task_id, employee_id, started_at, ended_at, seconds, day, source, created_at, updated_at)
         values (?, 'o', 'b', ?, ?, ?, ?, ?, '2026-12-07', 'timer', ?, ?)`,
      );
      ins.run('a', 't1', 'e1', at, null, null, at, at);
      expect(() => ins.run('b', 't2', 'e1', at, null, null, at, at)).toThrow(/UNIQUE/);
      ins.run('c', 't2', 'e1', at, '2026-12-07T10:00:00.000Z', 3600, at, at);
      ins.run('d', 't2', 'e2', at, null, null, at, at);
      const cols = (t: string) => (sqlite.prepare(`select name from pragma_table_info(?)`).all(t) as { name: string }[]).map((c) => c.name);
      expect(cols('task_type')).toContain('hourly_rate_minor');
      expect(cols('app_user')).toContain('hourly_rate_minor');
    } finally {
      await db.destroy();
    }
  });
});
