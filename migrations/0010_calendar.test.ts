import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

const upTo = (last: string) => Object.fromEntries(Object.entries(migrations).filter(([n]) => n <= last));

describe('0010_calendar', () => {
  it('adds working hours (one week per employee and branch), services, visits with lines and payments', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      await migrateAll(db, upTo('0009_intervention_warnings'));
      expect(await migrateAll(db, upTo('0010_calendar'))).toEqual(['0010_calendar']);
      const at = '2026-12-06T09:00:00.000Z';
      const row = { org_id: 'o', created_at: at, updated_at: at, deleted_at: null, version: 1 };
      const week = { ...row, branch_id: 'b', user_id: 'u', week: '{}' };
      await db.insertInto('work_schedule').values({ ...week, id: 's1' }).execute();
      await expect(db.insertInto('work_schedule').values({ ...week, id: 's2' }).execute()).rejects.toThrow(/UNIQUE/);
      // Only what a visit must say: the rest has its default.
      sqlite
        .prepare(`insert into visit (id, org_id, branch_id, user_id, kind, starts_at, ends_at, status, currency, created_at, updated_at) values ('v1', 'o', 'b', 'u', 'visit', ?, ?, 'booked', 'EUR', ?, ?)`)
        .run(at, at, at, at);
      const visit = await db.selectFrom('visit').select(['reminder', 'total_minor', 'paid_minor', 'asap', 'version']).executeTakeFirstOrThrow();
      expect(visit).toEqual({ reminder: 'none', total_minor: 0, paid_minor: 0, asap: 0, version: 1 });
      const indexes = sqlite.prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'visit'`).pluck().all();
      expect(indexes).toEqual(expect.arrayContaining(['visit_user_start', 'visit_branch_start', 'visit_client', 'visit_asap']));
    } finally {
      await db.destroy();
    }
  });
});
