import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

const BEFORE = Object.keys(migrations)
  .sort()
  .filter((n) => n < '0005_search_prefixes');

describe('0005_search_prefixes', () => {
  it('adds the quick-search table with short-prefix indexes; short prefixes find words', async () => {
    const db = kyselyOver(openSqlite(path.join(tempDir(), 'm.db')));
    try {
      await migrateAll(db, Object.fromEntries(BEFORE.map((n) => [n, migrations[n]!])));
      expect(await migrateAll(db, Object.fromEntries(Object.entries(migrations).filter(([n]) => n <= '0005_search_prefixes')))).toEqual(['0005_search_prefixes']);
      const made = (await sql<{ sql: string }>`select sql from sqlite_master where name = 'intervention_search'`.execute(db)).rows[0]!.sql;
      expect(made).toContain("prefix='3 4'");
      await sql`insert into intervention_search(rowid, number, client, phone, notes) values (7, 'RIX-000042', 'Kalniņš Jānis', '37129123456 29123456', 'Katls pil')`.execute(db);
      const find = async (q: string) => (await sql<{ rowid: number }>`select rowid from intervention_search where intervention_search match ${q}`.execute(db)).rows.map((r) => r.rowid);
      expect(await find('"kat"*')).toEqual([7]);
      expect(await find('"kaln"* "291"*')).toEqual([7]);
      expect(await find('"kap"*')).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
