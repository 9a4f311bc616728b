import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

const upTo = (last: string) => Object.fromEntries(Object.entries(migrations).filter(([n]) => n <= last));

describe('0009_intervention_warnings', () => {
  it('adds the allocation instant, the warnings (one per intervention and kind) and the scan state', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      await migrateAll(db, upTo('0008_annex_templates'));
      expect(await migrateAll(db, upTo('0009_intervention_warnings'))).toEqual(['0009_intervention_warnings']);
      const cols = sqlite.prepare(`select name from pragma_table_info('intervention')`).pluck().all();
      expect(cols).toContain('allocated_at');
      const at = '2026-12-06T09:00:00.000Z';
      const warning = { org_id: 'o', branch_id: 'b', intervention_id: 'i', kind: 'overdue', due_at: at, raised_at: at, resolved_at: null, times: 1, created_at: at, updated_at: at, deleted_at: null, version: 1 };
      await db.insertInto('intervention_warning').values({ ...warning, id: 'w1' }).execute();
      await expect(db.insertInto('intervention_warning').values({ ...warning, id: 'w2' }).execute()).rejects.toThrow(/UNIQUE/);
      await db.insertInto('intervention_warning').values({ ...warning, id: 'w3', kind: 'unallocated' }).execute();
      await db.insertInto('intervention_warning_scan').values({ org_id: 'o', scanned_to: at, limits: '{}', seq: 12 }).execute();
      expect(await db.selectFrom('intervention_warning').select('id').orderBy('id').execute()).toEqual([{ id: 'w1' }, { id: 'w3' }]);
    } finally {
      await db.destroy();
    }
  });
});
