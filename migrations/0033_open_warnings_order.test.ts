import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

const upTo = (last: string) => Object.fromEntries(Object.entries(migrations).filter(([n]) => n <= last));

describe('0033_open_warnings_order', () => {
  it("reads an organization's newest open warnings in index order, and counts them against the deleted documents only", async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      await migrateAll(db, upTo('0032_client_count'));
      expect(await migrateAll(db, upTo('0033_open_warnings_order'))).toEqual(['0033_open_warnings_order']);
      const plan = (q: string) => (sqlite.prepare(`explain query plan ${q}`).all() as { detail: string }[]).map((r) => r.detail).join(' / ');
      const open = `from intervention_warning w where w.resolved_at is null and w.deleted_at is null and w.org_id = 'o' and w.branch_id in ('a', 'b')`;
      const newest = plan(`select w.id ${open} order by w.raised_at desc, w.rowid desc limit 200`);
      expect(newest).toContain('USING INDEX intervention_warning_open_org');
      expect(newest).not.toContain('TEMP B-TREE');
      const count = plan(`select count(*) ${open} and w.intervention_id not in (select id from intervention where deleted_at is not null)`);
      expect(count).toMatch(/intervention USING (COVERING )?INDEX intervention_deleted/);
      expect(count).not.toContain('sqlite_autoindex_intervention_1');
    } finally {
      await db.destroy();
    }
  });
});
