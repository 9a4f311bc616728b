import { describe, expect, it } from 'vitest';
import { migratedUpTo } from '../src/main/testing/migrations';

describe('0033_open_warnings_order', () => {
  it("reads an organization's newest open warnings in index order, and counts them against the deleted documents only", async () => {
    const { sqlite, close } = await migratedUpTo('0033_open_warnings_order');
    try {
      const plan = (q: string) => (sqlite.prepare(`explain query plan ${q}`).all() as { detail: string }[]).map((r) => r.detail).join(' / ');
      const open = `from intervention_warning w where w.resolved_at is null and w.deleted_at is null and w.org_id = 'o' and w.branch_id in ('a', 'b')`;
      const newest = plan(`select w.id ${open} order by w.raised_at desc, w.rowid desc limit 200`);
      expect(newest).toContain('USING INDEX intervention_warning_open_org');
      expect(newest).not.toContain('TEMP B-TREE');
      const count = plan(`select count(*) ${open} and w.intervention_id not in (select id from intervention where deleted_at is not null)`);
      expect(count).toMatch(/intervention USING (COVERING )?INDEX intervention_deleted/);
      expect(count).not.toContain('sqlite_autoindex_intervention_1');
    } finally {
      await close();
    }
  });
});
