import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listBackups } from './db/backup';
import { setupOrg, startTestApp, tempDir } from './testing/harness';
import { corruptLeafPage, fileDigest } from './testing/files';
import { runTs } from './testing/processes';

const cli = (...args: string[]) => runTs('src/main/cli.ts', args);
/** Every CLI start loads the whole program through tsx: seconds each on a busy machine. */
const SLOW = 240_000;

/** A data folder with an organization and `n` clients, closed cleanly. */
async function dataDir(n = 40): Promise<{ dir: string; dbFile: string }> {
  const app = await startTestApp();
  const owner = await setupOrg(app);
  for (let i = 0; i < n; i++) {
    await app.call(owner, 'clients.create', {
      kind: 'person',
      name: `Andrei Popescu ${i}`,
      notes: `Client din Chișinău, sună după ora 18 (${i})`,
      phones: [{ number: `+3712${String(3000000 + i).slice(-7)}` }],
      emails: [],
      addresses: [],
      contacts: [],
    });
  }
  const out = { dir: app.dir, dbFile: app.core.config.dbFile };
  await app.close();
  return out;
}

const count = (file: string) => {
  const s = new Database(file, { readonly: true });
  try {
    return s.prepare('select count(*) from client').pluck().get() as number;
  } finally {
    s.close();
  }
};

describe('planora db (command line)', () => {
  it('backs up, checks and restores a data folder', async () => {
    const { dir, dbFile } = await dataDir();

    const backup = await cli('db', 'backup', '--data', dir);
    expect(backup.code, backup.stderr).toBe(0);
    const written = /^Backup written: (.+)$/m.exec(backup.stdout)?.[1];
    expect(written).toBeTruthy();
    expect(path.dirname(written!)).toBe(path.join(dir, 'backups'));
    expect(path.basename(written!)).toMatch(/^planora-\d{8}T\d{6}Z-manual\.db$/);
    expect(listBackups(path.join(dir, 'backups'))).toEqual([written]);
    expect(count(written!)).toBe(40);
    // The backup command closed its core cleanly.
    expect(fs.existsSync(`${dbFile}.running`)).toBe(false);

    const checks = await Promise.all([cli('db', 'check', '--data', dir), cli('db', 'check', '--full', '--data', dir)]);
    for (const check of checks) expect(check).toMatchObject({ code: 0, stdout: 'ok' });

    // Work done after the backup is undone by restoring it.
    const s = new Database(dbFile);
    s.prepare(`delete from client_phone`).run();
    s.prepare(`update client set deleted_at = '2026-11-23T10:00:00.000Z'`).run();
    s.close();
    const restore = await cli('db', 'restore', '--data', dir);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toBe(`Restored ${dbFile} from ${written}`);
    const r = new Database(dbFile, { readonly: true });
    expect(r.prepare('select count(*) from client where deleted_at is null').pluck().get()).toBe(40);
    expect(r.prepare('select count(*) from client_phone').pluck().get()).toBe(40);
    r.close();
  }, SLOW);

  it('restores a named backup file', async () => {
    const { dir, dbFile } = await dataDir(5);
    const first = /^Backup written: (.+)$/m.exec((await cli('db', 'backup', '--data', dir)).stdout)![1]!;
    const named = path.join(tempDir(), 'kept-aside.db');
    fs.renameSync(first, named);
    const s = new Database(dbFile);
    s.prepare('delete from client_phone').run();
    s.close();
    const restore = await cli('db', 'restore', named, '--data', dir);
    expect(restore).toMatchObject({ code: 0, stdout: `Restored ${dbFile} from ${named}` });
    const r = new Database(dbFile, { readonly: true });
    expect(r.prepare('select count(*) from client_phone').pluck().get()).toBe(5);
    r.close();
  }, SLOW);

  it('reports a damaged database and exits with an error', async () => {
    const { dir, dbFile } = await dataDir();
    corruptLeafPage(dbFile, 'client');
    const checks = await Promise.all([cli('db', 'check', '--data', dir), cli('db', 'check', '--full', '--data', dir)]);
    for (const check of checks) {
      expect(check.code).toBe(1);
      expect(check.stdout).toMatch(/^Damaged: /);
    }
  }, SLOW);

  it('refuses to restore a damaged backup and leaves the database as it was', async () => {
    const { dir, dbFile } = await dataDir();
    const written = /^Backup written: (.+)$/m.exec((await cli('db', 'backup', '--data', dir)).stdout)![1]!;
    corruptLeafPage(written, 'client');
    const before = fileDigest(dbFile);
    const restore = await cli('db', 'restore', '--data', dir);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain(`The backup ${written} is damaged`);
    expect(restore.stdout).toBe('');
    expect(fileDigest(dbFile)).toBe(before);
    expect(count(dbFile)).toBe(40);
  }, SLOW);

  it('says so when there is no backup to restore, and prints help for an unknown command', async () => {
    const { dir, dbFile } = await dataDir(1);
    const before = fileDigest(dbFile);
    const restore = await cli('db', 'restore', '--data', dir);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain(`No backups in ${path.join(dir, 'backups')}`);
    expect(fileDigest(dbFile)).toBe(before);

    const unknown = await cli('db', 'shrink', '--data', dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toContain('planora db backup');
  }, SLOW);
});
