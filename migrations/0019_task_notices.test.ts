import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0019_task_notices', () => {
  it('gives every person a notice channel per priority (e-mail by default), and keeps notices and applied field actions apart from synced tables', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      expect(await migrateAll(db, migrations)).toContain('0019_task_notices');
      const cols = (t: string) => (sqlite.prepare(`select name, dflt_value from pragma_table_info(?)`).all(t) as { name: string; dflt_value: string | null }[]);
      const user = Object.fromEntries(cols('app_user').map((c) => [c.name, c.dflt_value]));
      expect(user).toMatchObject({ notice_urgent: "'email'", notice_medium: "'email'", notice_not_urgent: "'email'", notice_phone: null });
      // Not synced: no version or tombstone, so neither the funnel nor the replica takes them for synced tables.
      for (const t of ['task_notice', 'task_field_action', 'task_field_cursor']) expect(cols(t).map((c) => c.name)).not.toContain('version');
      const ins = sqlite.prepare(`insert into task_field_action (action_id, org_id, task_id, kind, outcome, applied_at) values (?, 'o', 't', 'note', 'applied', '2026-12-07T09:00:00.000Z')`);
      ins.run('a1');
      expect(() => ins.run('a1')).toThrow(/UNIQUE|PRIMARY/);
    } finally {
      await db.destroy();
    }
  });
});
