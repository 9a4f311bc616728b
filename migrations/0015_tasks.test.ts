import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0015_tasks', () => {
  it('adds the task tables, and one intake record per message of a mailbox', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      expect(await migrateAll(db, migrations)).toContain('0015_tasks');
      const tables = sqlite.prepare(`select name from sqlite_master where type = 'table' and name like 'task%' order by name`).all();
      // Later migrations add more task tables.
      expect(tables).toEqual(expect.arrayContaining([{ name: 'task' }, { name: 'task_attachment' }, { name: 'task_mail' }, { name: 'task_mailbox' }, { name: 'task_note' }, { name: 'task_type' }]));
      const at = '2026-12-06T09:00:00.000Z';
      const ins = sqlite.prepare(
        `insert into task_mail (id, org_id, branch_id, mailbox_id, message_key, uid_validity, uid, outcome, received_at, created_at, updated_at) values (?, 'o', 'b', ?, ?, '7', ?, 'task', ?, ?, ?)`,
      );
      ins.run('a', 'm1', '<x@example.test>', 1, at, at, at);
      expect(() => ins.run('b', 'm1', '<x@example.test>', 2, at, at, at)).toThrow(/UNIQUE/);
      ins.run('c', 'm2', '<x@example.test>', 1, at, at, at);
    } finally {
      await db.destroy();
    }
  });
});
