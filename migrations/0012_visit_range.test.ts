import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

const upTo = (last: string) => Object.fromEntries(Object.entries(migrations).filter(([n]) => n <= last));

describe('0012_visit_range', () => {
  it('indexes the live visits already there, leaving the tombstones out', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      await migrateAll(db, upTo('0011_sms'));
      const ins = sqlite.prepare(
        `insert into visit (id, org_id, branch_id, user_id, kind, starts_at, ends_at, status, currency, created_at, updated_at, deleted_at) values (?, 'o', 'b', 'u', 'visit', ?, ?, 'booked', 'EUR', ?, ?, ?)`,
      );
      const at = '2026-12-07T09:00:00.000Z';
      ins.run('v1', at, '2026-12-07T09:30:00.000Z', at, at, null);
      ins.run('v2', at, '2026-12-07T09:30:00.000Z', at, at, at);
      expect(await migrateAll(db, upTo('0012_visit_range'))).toEqual(['0012_visit_range']);
      const week = `select id, status, version from visit indexed by visit_branch_range where org_id = 'o' and branch_id = 'b' and starts_at >= '2026-12-07' and deleted_at is null`;
      expect(sqlite.prepare(week).all()).toEqual([{ id: 'v1', status: 'booked', version: 1 }]);
    } finally {
      await db.destroy();
    }
  });
});
