import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0028_chat_archive', () => {
  it('makes the local chat archive: conversations by the hub’s id, messages once per conversation and number, a cursor per organization', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      expect(await migrateAll(db, migrations)).toContain('0028_chat_archive');
      sqlite.prepare(`insert into chat_archive_conversation (id, org_id, started_at) values ('c1', 'o', 1)`).run();
      expect(sqlite.prepare('select status, answers, ip, page, rev, last_author, client_id from chat_archive_conversation').get()).toEqual({ status: 'open', answers: '{}', ip: '', page: '', rev: 0, last_author: null, client_id: null });
      const add = sqlite.prepare(`insert into chat_archive_message (conversation_id, seq, org_id, author, text, at) values ('c1', ?, 'o', 'visitor', 'x', 1)`);
      add.run(1);
      add.run(2);
      expect(() => add.run(1)).toThrow(/UNIQUE|PRIMARY/);
      sqlite.prepare(`insert into chat_archive_cursor (org_id, rev) values ('o', 5)`).run();
      expect(() => sqlite.prepare(`insert into chat_archive_cursor (org_id, rev) values ('o', 6)`).run()).toThrow(/UNIQUE|PRIMARY/);
      // Not synced: no version, stamps or tombstones, so the replica and the write funnel leave it alone.
      const cols = (sqlite.prepare(`select name from pragma_table_info('chat_archive_message')`).all() as { name: string }[]).map((c) => c.name);
      expect(cols).not.toContain('version');
    } finally {
      sqlite.close();
    }
  });
});
