import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

const BEFORE = Object.keys(migrations)
  .sort()
  .filter((n) => n < '0004_mail');

describe('0004_mail', () => {
  it('adds the SMTP settings table and outbox indexes, leaving queued mail as it was', async () => {
    const db = kyselyOver(openSqlite(path.join(tempDir(), 'm.db')));
    try {
      await migrateAll(db, Object.fromEntries(BEFORE.map((n) => [n, migrations[n]!])));
      const row = {
        id: 'o1',
        org_id: 'org',
        channel: 'email',
        recipient: 'a@b.lv',
        subject: 'S',
        body: 'B',
        status: 'pending',
        attempts: 2,
        next_attempt_at: '2026-11-23T09:00:00.000Z',
        last_error: 'x',
        ref_entity: 'intervention',
        ref_id: 'i1',
        created_at: '2026-11-23T08:00:00.000Z',
        sent_at: null,
      };
      await db.insertInto('outbox').values(row).execute();

      expect(await migrateAll(db, Object.fromEntries(Object.entries(migrations).filter(([n]) => n <= '0004_mail')))).toEqual(['0004_mail']);
      expect(await db.selectFrom('outbox').selectAll().execute()).toEqual([row]);

      const stamps = { created_at: 'now', updated_at: 'now', deleted_at: null, version: 1 };
      const setting = { org_id: 'org', host: 'smtp.example.lv', port: 587, secure: 0, user: null, password_enc: null, from_address: 'a@b.lv', ...stamps };
      await db.insertInto('mail_setting').values({ id: 's1', ...setting }).execute();
      // One live account per organization; a tombstoned one does not count.
      await expect(db.insertInto('mail_setting').values({ id: 's2', ...setting }).execute()).rejects.toThrow(/UNIQUE/);
      await db.updateTable('mail_setting').set({ deleted_at: 'now' }).where('id', '=', 's1').execute();
      await db.insertInto('mail_setting').values({ id: 's2', ...setting }).execute();

      const indexes = (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'outbox' order by name`.execute(db)).rows.map((r) => r.name);
      expect(indexes).toEqual(expect.arrayContaining(['outbox_due', 'outbox_org_created', 'outbox_org_status', 'outbox_ref']));
    } finally {
      await db.destroy();
    }
  });
});
