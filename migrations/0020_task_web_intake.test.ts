import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0020_task_web_intake', () => {
  it('marks nobody public on the web, and keeps one record per submission of an organization', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      expect(await migrateAll(db, migrations)).toContain('0020_task_web_intake');
      const cols = sqlite.prepare(`select name, dflt_value from pragma_table_info('app_user') where name = 'public_on_web'`).all();
      expect(cols).toEqual([{ name: 'public_on_web', dflt_value: '0' }]);
      const at = '2026-12-07T09:00:00.000Z';
      const ins = sqlite.prepare(
        `insert into task_web_intake (id, org_id, branch_id, submission_id, task_id, reference, received_at, created_at, updated_at) values (?, ?, 'b', ?, 't', 'W-1', ?, ?, ?)`,
      );
      ins.run('a', 'o', 's1', at, at, at);
      expect(() => ins.run('b', 'o', 's1', at, at, at)).toThrow(/UNIQUE/);
      ins.run('c', 'o2', 's1', at, at, at);
    } finally {
      await db.destroy();
    }
  });
});
