import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0031_chat_pictures', () => {
  it('adds the logo and photo addresses, empty on rows saved before', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      const until27 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0028'));
      await migrateAll(db, until27);
      sqlite.prepare(`insert into chat_setting (id, org_id, created_at, updated_at) values ('o', 'o', 'x', 'x')`).run();
      sqlite.prepare(`insert into chat_operator (id, user_id, org_id, created_at, updated_at) values ('u', 'u', 'o', 'x', 'x')`).run();
      expect(await migrateAll(db, migrations)).toContain('0031_chat_pictures');
      expect(sqlite.prepare('select logo_url from chat_setting').get()).toEqual({ logo_url: null });
      expect(sqlite.prepare('select photo_url, experience_level from chat_operator').get()).toEqual({ photo_url: null, experience_level: 3 });
    } finally {
      await db.destroy();
    }
  });
});
