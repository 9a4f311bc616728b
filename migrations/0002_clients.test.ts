import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../src/main/testing/harness';
import { migratedUpTo, plan, schemaNames, type MigratedDb } from '../src/main/testing/migrations';
import type { Sqlite } from '../src/main/db/connection';

let m: MigratedDb;
beforeEach(async () => {
  m = await migratedUpTo('0002_clients');
  m.sqlite
    .prepare(`insert into org (id, name, country, time_zone, languages, created_at, updated_at) values ('o1', 'Serviss', 'LV', 'Europe/Riga', '["lv"]', ?, ?)`)
    .run(T, T);
});
afterEach(async () => m.close());

const T = '2026-11-23T09:00:00.000Z';

function addClient(id: string, name: string, over: Record<string, unknown> = {}) {
  const row = { id, org_id: 'o1', kind: 'person', name, name_key: name.toLowerCase(), created_at: T, updated_at: T, ...over };
  const keys = Object.keys(row);
  m.sqlite.prepare(`insert into client (${keys.join(', ')}) values (${keys.map((k) => `@${k}`).join(', ')})`).run(row);
}

/** Names found by an FTS query, through the content table as the repository reads them. */
function search(db: Sqlite, q: string): string[] {
  return db.prepare(`select c.name from client c where c.rowid in (select rowid from client_fts where client_fts match ?) order by c.name`).pluck().all(q) as string[];
}

function ftsIntegrity(db: Sqlite) {
  // Compares the full-text index with the content table; throws when they disagree.
  db.exec(`insert into client_fts(client_fts, rank) values ('integrity-check', 1)`);
}

describe('0002_clients', () => {
  it('adds the client tables, their indexes and the full-text triggers', () => {
    expect(schemaNames(m.sqlite, 'table')).toEqual(
      expect.arrayContaining(['client', 'client_phone', 'client_email', 'client_address', 'client_contact', 'client_fts']),
    );
    const indexes = schemaNames(m.sqlite, 'index').filter((n) => n.startsWith('client'));
    expect(indexes).toEqual([
      'client_address_client',
      'client_contact_client',
      'client_email_client',
      'client_email_key',
      'client_org_fiscal',
      'client_org_name',
      'client_org_updated',
      'client_phone_client',
      'client_phone_digits',
    ]);
    expect(schemaNames(m.sqlite, 'trigger')).toEqual(['client_fts_ad', 'client_fts_ai', 'client_fts_au']);
  });

  it('keeps client_fts in step with client on insert, rename, other updates and delete', () => {
    addClient('c1', 'Jānis Bērziņš');
    addClient('c2', 'Ольга Смирнова');
    addClient('c3', 'SIA Ģertrūdes Serviss', { kind: 'company' });
    ftsIntegrity(m.sqlite);
    // Any word, by prefix, diacritics folded; Cyrillic too.
    expect(search(m.sqlite, 'berz*')).toEqual(['Jānis Bērziņš']);
    expect(search(m.sqlite, 'jan*')).toEqual(['Jānis Bērziņš']);
    expect(search(m.sqlite, 'gertr*')).toEqual(['SIA Ģertrūdes Serviss']);
    expect(search(m.sqlite, 'смир*')).toEqual(['Ольга Смирнова']);

    m.sqlite.prepare(`update client set name = 'Jānis Ozoliņš' where id = 'c1'`).run();
    ftsIntegrity(m.sqlite);
    expect(search(m.sqlite, 'berz*')).toEqual([]);
    expect(search(m.sqlite, 'ozol*')).toEqual(['Jānis Ozoliņš']);

    // Updating other columns leaves the index alone, and it stays right.
    m.sqlite.prepare(`update client set notes = 'zvanīt', version = version + 1 where id = 'c1'`).run();
    ftsIntegrity(m.sqlite);
    expect(search(m.sqlite, 'ozol*')).toEqual(['Jānis Ozoliņš']);
    expect(search(m.sqlite, 'zvan*')).toEqual([]);

    m.sqlite.prepare(`delete from client where id = 'c2'`).run();
    ftsIntegrity(m.sqlite);
    expect(search(m.sqlite, 'смир*')).toEqual([]);
    expect(m.sqlite.prepare(`select count(*) from client_fts`).pluck().get()).toBe(2);
  });

  it('keeps the full-text index valid through VACUUM INTO and a rolled-back rename', () => {
    for (let i = 0; i < 50; i++) addClient(`c${i}`, `Rūta Petrauskienė ${i}`);
    m.sqlite.prepare(`delete from client where id in ('c3', 'c17', 'c40')`).run();
    const rename = m.sqlite.transaction(() => {
      m.sqlite.prepare(`update client set name = 'Tomas Urbonas' where id = 'c5'`).run();
      throw new Error('cancelled');
    });
    expect(() => rename()).toThrow('cancelled');
    ftsIntegrity(m.sqlite);
    expect(search(m.sqlite, 'urbon*')).toEqual([]);

    const copy = path.join(tempDir(), 'copy.db');
    m.sqlite.prepare('vacuum into ?').run(copy);
    const c = new Database(copy);
    try {
      ftsIntegrity(c);
      expect(search(c, 'petrausk*')).toHaveLength(47);
      expect(search(c, '"17"')).toEqual([]);
      expect(search(c, '"18"')).toEqual(['Rūta Petrauskienė 18']);
    } finally {
      c.close();
    }
  });

  it('ties phones, e-mails, addresses and contacts to an existing client', () => {
    addClient('c1', 'Anna');
    const child = { org_id: 'o1', position: 0, created_at: T, updated_at: T };
    m.sqlite.prepare(`insert into client_phone (id, client_id, number, digits_rev, org_id, position, created_at, updated_at) values ('p1', 'c1', '+37129123456', '65432192173', @org_id, @position, @created_at, @updated_at)`).run(child);
    expect(() =>
      m.sqlite.prepare(`insert into client_phone (id, client_id, number, digits_rev, org_id, position, created_at, updated_at) values ('p2', 'nope', '+37129000000', '00000092173', @org_id, @position, @created_at, @updated_at)`).run(child),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      m.sqlite.prepare(`insert into client_email (id, client_id, address, address_key, org_id, position, created_at, updated_at) values ('e1', 'nope', 'a@b.lv', 'a@b.lv', @org_id, @position, @created_at, @updated_at)`).run(child),
    ).toThrow(/FOREIGN KEY/);
    expect(() => addClient('c2', 'Nobody', { org_id: 'nope' })).toThrow(/FOREIGN KEY/);
    expect(m.sqlite.prepare(`select version, deleted_at from client_phone where id = 'p1'`).get()).toEqual({ version: 1, deleted_at: null });
  });

  it('answers list pages and the searches from indexes', () => {
    expect(plan(m.sqlite, `select id from client where org_id = ? and deleted_at is null order by name_key, id limit 100`, 'o1')).toMatch(/USING (COVERING )?INDEX client_org_name/);
    expect(plan(m.sqlite, `select id from client where org_id = ? and deleted_at is null order by updated_at desc limit 100`, 'o1')).toMatch(/USING INDEX client_org_updated/);
    expect(plan(m.sqlite, `select id from client where org_id = ? and deleted_at is null and fiscal_code >= ? and fiscal_code < ?`, 'o1', 'LV4', 'LV4\uffff')).toMatch(/USING (COVERING )?INDEX client_org_fiscal/);
    expect(plan(m.sqlite, `select client_id from client_phone where org_id = ? and digits_rev >= ? and digits_rev < ?`, 'o1', '6543', '6543\uffff')).toMatch(/USING INDEX client_phone_digits/);
    expect(plan(m.sqlite, `select client_id from client_email where org_id = ? and address_key = ?`, 'o1', 'a@b.lv')).toMatch(/USING INDEX client_email_key/);
    expect(plan(m.sqlite, `select * from client_phone where client_id = ? order by position`, 'c1')).toMatch(/USING INDEX client_phone_client/);
  });
});
