import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0029_task_chat_link', () => {
  it("links a task to its chat conversation and request, finds it by the conversation by an index, and keeps applied actions once", async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      expect(await migrateAll(db, migrations)).toContain('0029_task_chat_link');
      const columns = (sqlite.prepare(`pragma table_info(task)`).all() as { name: string; notnull: number }[]).filter((c) => ['chat_conversation_id', 'request_kind', 'request_id'].includes(c.name));
      expect(columns.map((c) => [c.name, c.notnull])).toEqual([
        ['chat_conversation_id', 0],
        ['request_kind', 0],
        ['request_id', 0],
      ]);
      const plan = sqlite.prepare(`explain query plan select id from task where chat_conversation_id = ?`).all('c') as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX task_chat_conversation/);
      const add = sqlite.prepare(`insert into task_chat_action (action_id, org_id, conversation_id, task_id, outcome, applied_at) values ('a1', 'o', 'c', null, 'applied', 'x')`);
      add.run();
      expect(() => add.run()).toThrow(/UNIQUE|PRIMARY/);
    } finally {
      await db.destroy();
    }
  });
});
