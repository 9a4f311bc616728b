import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

const BEFORE = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0032'));
const UP_TO = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0033'));

describe('0032_client_count', () => {
  it('counts the live clients already there, then keeps each organization exact through inserts, tombstones, restores, moves and deletes', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      await migrateAll(db, BEFORE);
      const stamps = { created_at: 'x', updated_at: 'x' };
      const org = sqlite.prepare(`insert into org (id, name, country, time_zone, languages, created_at, updated_at) values (?, ?, 'LV', 'Europe/Riga', '["lv"]', 'x', 'x')`);
      for (const id of ['a', 'b', 'c']) org.run(id, id);
      const client = sqlite.prepare(
        `insert into client (id, org_id, kind, name, name_key, deleted_at, created_at, updated_at) values (@id, @org, 'person', @id, @id, @deleted, @created_at, @updated_at)`,
      );
      for (let i = 0; i < 5; i++) client.run({ id: `a${i}`, org: 'a', deleted: i === 4 ? 'gone' : null, ...stamps });
      client.run({ id: 'b0', org: 'b', deleted: null, ...stamps });

      expect(await migrateAll(db, UP_TO)).toEqual(['0032_client_count']);
      const counts = () => Object.fromEntries((sqlite.prepare('select org_id, n from client_count order by org_id').all() as { org_id: string; n: number }[]).map((r) => [r.org_id, r.n]));
      const truth = () =>
        Object.fromEntries((sqlite.prepare('select org_id, count(*) as n from client where deleted_at is null group by org_id').all() as { org_id: string; n: number }[]).map((r) => [r.org_id, r.n]));
      expect(counts()).toEqual({ a: 4, b: 1 });

      client.run({ id: 'c0', org: 'c', deleted: null, ...stamps });
      client.run({ id: 'c1', org: 'c', deleted: 'born deleted', ...stamps });
      expect(counts()).toEqual({ a: 4, b: 1, c: 1 });

      sqlite.prepare(`update client set deleted_at = 'now' where id = 'a0'`).run();
      // Tombstoning a tombstone, and an edit that leaves deleted_at alone, change nothing.
      sqlite.prepare(`update client set deleted_at = 'again' where id = 'a4'`).run();
      sqlite.prepare(`update client set name = 'renamed', deleted_at = deleted_at where id = 'a1'`).run();
      expect(counts()).toEqual({ a: 3, b: 1, c: 1 });

      sqlite.prepare(`update client set deleted_at = null where id = 'a4'`).run();
      sqlite.prepare(`update client set org_id = 'b' where id = 'a2'`).run();
      sqlite.prepare(`delete from client where id in ('c0', 'c1')`).run();
      expect(counts()).toEqual({ a: 3, b: 2, c: 0 });
      expect({ ...truth(), c: 0 }).toEqual(counts());

      // A write that fails rolls its count back with it.
      const failing = sqlite.transaction(() => {
        client.run({ id: 'b9', org: 'b', deleted: null, ...stamps });
        client.run({ id: 'b9', org: 'b', deleted: null, ...stamps });
      });
      expect(() => failing()).toThrow(/UNIQUE/);
      expect(counts().b).toBe(2);
    } finally {
      await db.destroy();
    }
  });
});
