import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

const upTo = (last: string) => Object.fromEntries(Object.entries(migrations).filter(([n]) => n <= last));

describe('0011_sms', () => {
  it('gives the outbox the gateway’s reference of a message, empty for what was there before', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      await migrateAll(db, upTo('0010_calendar'));
      const at = '2026-12-06T09:00:00.000Z';
      sqlite
        .prepare(`insert into outbox (id, org_id, channel, recipient, subject, body, status, attempts, next_attempt_at, created_at) values ('m1', 'o', 'email', 'a@b.lv', 's', 'b', 'sent', 1, ?, ?)`)
        .run(at, at);
      expect(await migrateAll(db, upTo('0011_sms'))).toEqual(['0011_sms']);
      expect(sqlite.prepare(`select provider_ref from outbox where id = 'm1'`).get()).toEqual({ provider_ref: null });
    } finally {
      await db.destroy();
    }
  });
});
