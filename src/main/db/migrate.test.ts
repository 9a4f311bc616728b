import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations/index';
import { ManualClock } from '../clock';
import { defaultConfig, type CoreConfig } from '../config';
import { createCore, DatabaseDamagedError } from '../core';
import { setupOrg, startTestApp, tempDir } from '../testing/harness';
import { corruptLeafPage, fileDigest } from '../testing/files';
import { listBackups, restoreFrom } from './backup';
import { kyselyOver, openSqlite } from './connection';
import { appliedMigrations, DbFromFutureError, migrateAll, pendingMigrations } from './migrate';

const ALL = Object.keys(migrations).sort();
const FIRST = ALL[0]!;

function config(dir: string, over: Partial<CoreConfig> = {}): CoreConfig {
  return defaultConfig(dir, { jobs: false, log: () => undefined, clock: new ManualClock(Date.parse('2026-11-23T09:00:00Z')), ...over });
}

/** A database file with only the given migrations applied, closed. */
async function dbWith(file: string, names: string[]): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = kyselyOver(openSqlite(file));
  await migrateAll(db, Object.fromEntries(names.map((n) => [n, migrations[n]!])));
  await db.destroy();
}

function tables(file: string): string[] {
  const s = new Database(file, { readonly: true });
  try {
    return s.prepare(`select name from sqlite_master where type = 'table' order by name`).pluck().all() as string[];
  } finally {
    s.close();
  }
}

function appliedIn(file: string): string[] {
  const s = new Database(file, { readonly: true });
  try {
    return s.prepare('select name from kysely_migration order by name').pluck().all() as string[];
  } finally {
    s.close();
  }
}

/** A set-up organization with some clients, closed cleanly; returns the config. */
async function populated(dir = tempDir(), clients = 60): Promise<CoreConfig> {
  const app = await startTestApp({}, dir);
  const owner = await setupOrg(app);
  for (let i = 0; i < clients; i++) {
    await app.call(owner, 'clients.create', {
      kind: 'person',
      name: `Līga Ozoliņa ${i}`,
      notes: `Pieraksts ${i}: zvanīt pēc 17:00, durvju kods ${1000 + i}`,
      phones: [{ number: `+3712${String(2000000 + i).slice(-7)}` }],
      emails: [],
      addresses: [{ street: `Elizabetes iela ${i + 1}`, locality: 'Rīga', country: 'LV' }],
      contacts: [],
    });
  }
  const cfg = app.core.config;
  await app.close();
  return cfg;
}

describe('migrations at start', () => {
  it('migrates an empty folder to the newest schema without a backup, and reopens without migrating again', async () => {
    const dir = tempDir();
    const core = await createCore(config(dir));
    expect(await appliedMigrations(core.db)).toEqual(ALL);
    expect(await pendingMigrations(core.db, migrations)).toEqual([]);
    await core.close();
    const again = await createCore(config(dir));
    await again.close();
    expect(listBackups(path.join(dir, 'backups'))).toEqual([]);
  });

  it('refuses a database written by a newer program with a clear message, and leaves it untouched', async () => {
    const dir = tempDir();
    const cfg = config(dir);
    await (await createCore(cfg)).close();
    const s = new Database(cfg.dbFile);
    s.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999_from_the_future', '2030-01-01T00:00:00.000Z');
    s.close();
    const before = fileDigest(cfg.dbFile);

    const refused = await createCore(cfg).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DbFromFutureError);
    const err = refused as DbFromFutureError;
    expect(err.unknown).toEqual(['9999_from_the_future']);
    expect(err.message).toContain('9999_from_the_future');
    expect(err.message).toMatch(/newer version of Planora/);
    expect(err.message).toMatch(/restore a backup/);

    expect(fileDigest(cfg.dbFile)).toBe(before);
    expect(fs.existsSync(`${cfg.dbFile}.running`)).toBe(false);
    expect(listBackups(cfg.backupDir)).toEqual([]);
    expect(appliedIn(cfg.dbFile)).toEqual([...ALL, '9999_from_the_future']);
  });

  it('backs up a database before migrating it; the backup holds the schema as it was', async () => {
    const dir = tempDir();
    const cfg = config(dir);
    await dbWith(cfg.dbFile, [FIRST]);
    const tablesBefore = tables(cfg.dbFile);
    expect(tablesBefore).not.toContain('client');

    const core = await createCore(cfg);
    await core.close();
    expect(appliedIn(cfg.dbFile)).toEqual(ALL);

    const backups = listBackups(cfg.backupDir);
    expect(backups.map((b) => path.basename(b))).toEqual(['planora-20261123T090000Z-before-migration.db']);
    expect(appliedIn(backups[0]!)).toEqual([FIRST]);
    expect(tables(backups[0]!)).toEqual(tablesBefore);
    expect(fs.readdirSync(cfg.backupDir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('keeps only the newest backupKeep backups', async () => {
    const dir = tempDir();
    const clock = new ManualClock(Date.parse('2026-11-23T09:00:00Z'));
    const core = await createCore(config(dir, { clock, backupKeep: 3 }));
    const written: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      written.push(await core.backup('manual'));
    }
    await core.close();
    const kept = listBackups(core.config.backupDir);
    expect(kept).toEqual(written.slice(2));
    for (const b of kept) expect(appliedIn(b)).toEqual(ALL);
  });

  it('restores a sound backup, and refuses a damaged one without touching the database', async () => {
    const cfg = await populated();
    let core = await createCore(cfg);
    const backup = await core.backup('manual');
    const clientsInBackup = core.sqlite.prepare('select count(*) from client').pluck().get();
    core.sqlite.prepare('update client set notes = ? where rowid = 1').run('changed after the backup');
    await core.close();

    restoreFrom(backup, cfg.dbFile);
    core = await createCore(cfg);
    expect(core.sqlite.prepare('select count(*) from client').pluck().get()).toBe(clientsInBackup);
    expect(core.sqlite.prepare('select notes from client where rowid = 1').pluck().get()).not.toBe('changed after the backup');
    core.sqlite.prepare('update client set notes = ? where rowid = 1').run('kept');
    await core.close();

    const damaged = path.join(cfg.backupDir, 'planora-20261123T100000Z-damaged.db');
    fs.copyFileSync(backup, damaged);
    corruptLeafPage(damaged, 'client');
    const before = fileDigest(cfg.dbFile);
    expect(() => restoreFrom(damaged, cfg.dbFile)).toThrow(/is damaged/);
    expect(fileDigest(cfg.dbFile)).toBe(before);
    expect(fs.existsSync(`${cfg.dbFile}.restoring`)).toBe(false);
    core = await createCore(cfg);
    expect(core.sqlite.prepare('select notes from client where rowid = 1').pluck().get()).toBe('kept');
    await core.close();
  });

  it('detects a damaged file at start after an unclean shutdown, and leaves it as it is', async () => {
    const cfg = await populated();
    corruptLeafPage(cfg.dbFile, 'client');
    fs.writeFileSync(`${cfg.dbFile}.running`, '12345');
    const before = fileDigest(cfg.dbFile);

    const refused = await createCore(cfg).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DatabaseDamagedError);
    const err = refused as DatabaseDamagedError;
    expect(err.file).toBe(cfg.dbFile);
    expect(err.problem).toBeTruthy();
    expect(err.message).toContain('planora db restore');
    expect(fileDigest(cfg.dbFile)).toBe(before);
    expect(listBackups(cfg.backupDir)).toEqual([]);
  });

  it('marks a running core and clears the mark on a clean close', async () => {
    const dir = tempDir();
    const core = await createCore(config(dir));
    expect(fs.readFileSync(`${core.config.dbFile}.running`, 'utf8')).toBe(String(process.pid));
    await core.close();
    expect(fs.existsSync(`${core.config.dbFile}.running`)).toBe(false);
  });

  // Migrations run at start, each in its own transaction. A migration that fails part-way (a bug, a
  // full disk, a crash) must leave nothing behind, so the fixed program can run it again.
  it('rolls back a migration that fails part-way, so it can run again', async () => {
    const file = path.join(tempDir(), 'planora.db');
    const broken: Migration = {
      async up(db: Kysely<any>) {
        await db.schema.createTable('half_done').addColumn('id', 'text', (c) => c.primaryKey()).execute();
        await sql`insert into half_done (id) values ('a')`.execute(db);
        await sql`this is not sql`.execute(db);
      },
    };
    const fixed: Migration = {
      async up(db: Kysely<any>) {
        await db.schema.createTable('half_done').addColumn('id', 'text', (c) => c.primaryKey()).execute();
      },
    };
    const db = kyselyOver(openSqlite(file));
    try {
      await migrateAll(db, { [FIRST]: migrations[FIRST]! });
      await expect(migrateAll(db, { [FIRST]: migrations[FIRST]!, '9000_test': broken })).rejects.toThrow();
      expect(await appliedMigrations(db)).toEqual([FIRST]);
      const left = await sql<{ name: string }>`select name from sqlite_master where name = 'half_done'`.execute(db);
      expect(left.rows, 'the failed migration left its table behind').toEqual([]);
      await expect(migrateAll(db, { [FIRST]: migrations[FIRST]!, '9000_test': fixed })).resolves.toEqual(['9000_test']);
    } finally {
      await db.destroy();
    }
  });
});
