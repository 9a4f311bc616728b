import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0027_chat_settings', () => {
  it('makes the chat settings synced tables with safe defaults, one operator row per employee', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      expect(await migrateAll(db, migrations)).toContain('0027_chat_settings');
      const stamps = { org_id: 'o', created_at: 'x', updated_at: 'x' };
      sqlite.prepare(`insert into chat_setting (id, org_id, created_at, updated_at) values ('o', 'o', 'x', 'x')`).run();
      expect(sqlite.prepare('select * from chat_setting').get()).toMatchObject({
        strategy: 'experienced_first',
        escalate_after_minutes: 5,
        max_chats_each: 3,
        questionnaire: '{}',
        topics: '[]',
        greetings: '{}',
        version: 1,
        deleted_at: null,
      });
      const add = sqlite.prepare(`insert into chat_operator (id, user_id, org_id, created_at, updated_at) values (@id, @user_id, @org_id, @created_at, @updated_at)`);
      add.run({ id: 'u1', user_id: 'u1', ...stamps });
      expect(sqlite.prepare('select experience_level, cost_level, sms_on_start from chat_operator').get()).toEqual({ experience_level: 3, cost_level: 3, sms_on_start: 0 });
      expect(() => add.run({ id: 'u1-again', user_id: 'u1', ...stamps })).toThrow(/UNIQUE/);
      // Synced tables, by the replica's own test: an id, a version, stamps and tombstones.
      for (const t of ['chat_setting', 'chat_operator']) {
        const cols = (sqlite.prepare(`select name from pragma_table_info(?)`).all(t) as { name: string }[]).map((c) => c.name);
        expect(cols).toEqual(expect.arrayContaining(['id', 'org_id', 'version', 'updated_at', 'deleted_at', 'created_at']));
      }
    } finally {
      await db.destroy();
    }
  });
});
