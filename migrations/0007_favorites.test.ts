import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { funnelGaps } from '../src/main/api/funnel';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

const upTo = (last: string) => Object.fromEntries(Object.entries(migrations).filter(([n]) => n <= last));
const AT = '2026-11-20T10:00:00.000Z';

describe('0007_favorites', () => {
  it('moves each star from the view to its owner: a personal view\'s user, a shared view\'s last starrer or else its maker', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      await migrateAll(db, upTo('0006_change_log'));
      const view = (id: string, user_id: string | null, favorite: number, deleted_at: string | null = null) =>
        db.insertInto('saved_view').values({ id, org_id: 'org', user_id, module: 'interventions', kind: 'view', name: id, config: '{}', favorite, created_at: AT, updated_at: AT, deleted_at, version: 1 }).execute();
      const change = (row_id: string, op: string, columns: string[], user_id: string) =>
        db.insertInto('change_log').values({ org_id: 'org', branch_id: null, table_name: 'saved_view', row_id, op, columns: JSON.stringify(columns), version: 1, user_id, at: AT }).execute();
      await view('personal', 'anna', 1);
      await view('shared-starred', null, 1);
      await change('shared-starred', 'insert', ['name', 'favorite'], 'maker');
      await change('shared-starred', 'update', ['favorite'], 'starrer');
      await change('shared-starred', 'update', ['name'], 'renamer');
      await view('shared-old', null, 1);
      await db.insertInto('audit_log').values({ id: 'a1', org_id: 'org', branch_id: null, at: AT, user_id: 'old.maker', module: 'interventions', entity: 'view', entity_id: 'shared-old', action: 'create', summary: null, diff: null }).execute();
      await view('not-starred', null, 0);
      await view('deleted', 'anna', 1, AT);
      await view('nobody-known', null, 1);

      expect(await migrateAll(db, upTo('0007_favorites'))).toEqual(['0007_favorites']);

      const stars = await db.selectFrom('favorite').select(['user_id', 'kind', 'target', 'org_id', 'deleted_at', 'version']).orderBy('target').execute();
      expect(stars).toEqual([
        { user_id: 'anna', kind: 'view', target: 'personal', org_id: 'org', deleted_at: null, version: 1 },
        { user_id: 'old.maker', kind: 'view', target: 'shared-old', org_id: 'org', deleted_at: null, version: 1 },
        { user_id: 'starrer', kind: 'view', target: 'shared-starred', org_id: 'org', deleted_at: null, version: 1 },
      ]);
      // Each carried star has its change record, as if written through the funnel: a sync carries it, the check finds no gap.
      expect(funnelGaps(sqlite).filter((g) => g.table === 'favorite')).toEqual([]);
      expect(await db.selectFrom('change_log').select(['op', 'user_id']).where('table_name', '=', 'favorite').orderBy('user_id').execute()).toEqual([
        { op: 'insert', user_id: 'anna' },
        { op: 'insert', user_id: 'old.maker' },
        { op: 'insert', user_id: 'starrer' },
      ]);
      // One star per person and target.
      await expect(db.insertInto('favorite').values({ id: 'x', org_id: 'org', user_id: 'anna', kind: 'view', target: 'personal', created_at: AT, updated_at: AT, deleted_at: null, version: 1 }).execute()).rejects.toThrow(/UNIQUE/);
    } finally {
      await db.destroy();
    }
  });
});
