import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

const BEFORE = Object.keys(migrations)
  .sort()
  .filter((n) => n < '0008_annex_templates');

describe('0008_annex_templates', () => {
  it('adds the annex template table, a synced table with an optional type', async () => {
    const db = kyselyOver(openSqlite(path.join(tempDir(), 'm.db')));
    try {
      await migrateAll(db, Object.fromEntries(BEFORE.map((n) => [n, migrations[n]!])));
      expect(await migrateAll(db, Object.fromEntries(Object.entries(migrations).filter(([n]) => n <= '0008_annex_templates')))).toEqual(['0008_annex_templates']);
      const at = '2026-12-06T09:00:00.000Z';
      await db.insertInto('annex_template').values({ id: 'a', org_id: 'org', type_id: null, name: 'Acceptance', body: '<p>{{ intervention.number }}</p>', created_at: at, updated_at: at, version: 1 }).execute();
      const row = await db.selectFrom('annex_template').selectAll().where('id', '=', 'a').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ type_id: null, version: 1, deleted_at: null, body: '<p>{{ intervention.number }}</p>' });
    } finally {
      await db.destroy();
    }
  });
});
