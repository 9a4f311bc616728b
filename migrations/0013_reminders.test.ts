import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

const upTo = (last: string) => Object.fromEntries(Object.entries(migrations).filter(([n]) => n <= last));

describe('0013_reminders', () => {
  it('adds the reminder tables and leaves existing phones unflagged', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      await migrateAll(db, upTo('0012_visit_range'));
      const at = '2026-12-06T09:00:00.000Z';
      // A phone alone, without its client: only the new column is looked at.
      sqlite.pragma('foreign_keys = OFF');
      sqlite
        .prepare(`insert into client_phone (id, org_id, client_id, position, number, digits_rev, created_at, updated_at) values ('p1', 'o', 'c', 0, '+37120000000', '00000002173', ?, ?)`)
        .run(at, at);
      expect(await migrateAll(db, upTo('0013_reminders'))).toEqual(['0013_reminders']);
      expect(sqlite.prepare(`select not_found_at from client_phone where id = 'p1'`).get()).toEqual({ not_found_at: null });
      const tables = sqlite.prepare(`select name from sqlite_master where type = 'table' and (name like '%reminder%' or name = 'prompt_recording') order by name`).all();
      expect(tables).toEqual([{ name: 'prompt_recording' }, { name: 'reminder' }, { name: 'reminder_attempt' }, { name: 'reminder_cap_notice' }, { name: 'reminder_policy' }]);
    } finally {
      await db.destroy();
    }
  });

  it('keeps one live policy per organization and one per branch', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      await migrateAll(db, upTo('0013_reminders'));
      const at = '2026-12-06T09:00:00.000Z';
      const ins = sqlite.prepare(`insert into reminder_policy (id, org_id, branch_id, created_at, updated_at, deleted_at) values (?, 'o', ?, ?, ?, ?)`);
      ins.run('a', null, at, at, null);
      expect(() => ins.run('b', null, at, at, null)).toThrow(/UNIQUE/);
      ins.run('c', 'b1', at, at, null);
      expect(() => ins.run('d', 'b1', at, at, null)).toThrow(/UNIQUE/);
      // A tombstone does not hold the place.
      ins.run('e', 'b2', at, at, at);
      ins.run('f', 'b2', at, at, null);
    } finally {
      await db.destroy();
    }
  });
});
