import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0017_task_checklist', () => {
  it('keeps a template per task type and a copy per task, each item with who ticked it and when', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      expect(await migrateAll(db, migrations)).toContain('0017_task_checklist');
      const at = '2026-12-07T09:00:00.000Z';
      sqlite.prepare(`insert into task_type_check_item (id, org_id, type_id, text, position, required, created_at, updated_at) values ('i', 'o', 'ty', 'Gas pressure', 0, 1, ?, ?)`).run(at, at);
      sqlite
        .prepare(`insert into task_check_item (id, org_id, branch_id, task_id, text, position, required, checked_by, checked_at, created_at, updated_at) values ('c', 'o', 'b', 't', 'Gas pressure', 0, 1, 'u', ?, ?, ?)`)
        .run(at, at, at);
      expect(sqlite.prepare(`select text, required, checked_by, note from task_check_item`).all()).toEqual([{ text: 'Gas pressure', required: 1, checked_by: 'u', note: null }]);
    } finally {
      await db.destroy();
    }
  });
});
