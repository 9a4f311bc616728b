import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0023_task_web_reference', () => {
  it('finds a task\'s web form record by an index, not by reading every record', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      expect(await migrateAll(db, migrations)).toContain('0023_task_web_reference');
      const plan = sqlite.prepare(`explain query plan select reference from task_web_intake where task_id = ? and deleted_at is null`).all('t') as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX task_web_intake_task/);
    } finally {
      await db.destroy();
    }
  });
});
