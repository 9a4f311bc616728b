import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, DatabaseDamagedError } from '../core';
import { defaultConfig, type CoreConfig } from '../config';
import { setupOrg, startTestApp, tempDir } from '../testing/harness';
import { fileDigest } from '../testing/files';
import { listBackups, restoreFrom } from './backup';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A data folder with an organization, 60 clients and one backup, closed cleanly (so no crash marker). */
async function populated(): Promise<CoreConfig> {
  const app = await startTestApp();
  dirs.push(app.dir);
  const owner = await setupOrg(app);
  for (let i = 0; i < 60; i++) {
    await app.call(owner, 'clients.create', { kind: 'person', name: `Ilze Kalniņa ${i}`, notes: 'x'.repeat(600), phones: [], emails: [], addresses: [], contacts: [] });
  }
  await app.core.backup('daily');
  await app.close();
  return defaultConfig(app.dir, { jobs: false, log: () => undefined });
}

async function refusal(cfg: CoreConfig): Promise<DatabaseDamagedError> {
  const e = await createCore(cfg).then(
    async (core) => {
      await core.close();
      return null;
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DatabaseDamagedError);
  return e as DatabaseDamagedError;
}

describe('a damaged database found at start without the crash marker', () => {
  it('a file of garbage: says what happened, where the newest backup is and the exact restore command', async () => {
    const cfg = await populated();
    fs.writeFileSync(cfg.dbFile, Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919) % 251)));
    fs.rmSync(`${cfg.dbFile}-wal`, { force: true });
    expect(fs.existsSync(`${cfg.dbFile}.running`)).toBe(false);
    const before = fileDigest(cfg.dbFile);

    const e = await refusal(cfg);
    const newest = listBackups(cfg.backupDir).at(-1)!;
    expect(e.report).toEqual({
      problem: 'file is not a database',
      file: cfg.dbFile,
      dataDir: cfg.dataDir,
      newestBackup: newest,
      commands: [`npm run db -- restore --data ${cfg.dataDir}`, `planora db restore --data ${cfg.dataDir}`],
    });
    expect(e.message).toContain(`cannot open its database ${cfg.dbFile}: it is damaged (file is not a database)`);
    expect(e.message).toContain(`The newest backup is ${newest}.`);
    expect(e.message).toContain(`npm run db -- restore --data ${cfg.dataDir}`);
    expect(e.message).toContain(`planora db restore --data ${cfg.dataDir}`);
    // Nothing was written: no crash marker, no new backup, the file as it was.
    expect(fileDigest(cfg.dbFile)).toBe(before);
    expect(fs.existsSync(`${cfg.dbFile}.running`)).toBe(false);
    expect(listBackups(cfg.backupDir)).toEqual([newest]);
  });

  it('a file cut off half-way: refused before SQLite reads past its end; the restore brings every client back and keeps the cut file', async () => {
    const cfg = await populated();
    const size = fs.statSync(cfg.dbFile).size;
    fs.truncateSync(cfg.dbFile, Math.floor(size / 2));
    const cut = fileDigest(cfg.dbFile);

    const e = await refusal(cfg);
    expect(e.problem).toMatch(/^the file is cut off: \d+ of \d+ bytes$/);
    expect(e.report.newestBackup).toBe(listBackups(cfg.backupDir).at(-1));
    expect(fileDigest(cfg.dbFile)).toBe(cut);

    restoreFrom(e.report.newestBackup!, cfg.dbFile);
    expect(fileDigest(`${cfg.dbFile}.before-restore`)).toBe(cut);
    const core = await createCore(cfg);
    try {
      expect(core.sqlite.prepare('select count(*) from client').pluck().get()).toBe(60);
    } finally {
      await core.close();
    }
  });

  it('says so when there is no backup to restore', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const cfg = defaultConfig(dir, { jobs: false, log: () => undefined });
    fs.writeFileSync(cfg.dbFile, 'this is a spreadsheet, not a database\n'.repeat(200));
    const e = await refusal(cfg);
    expect(e.report.newestBackup).toBeNull();
    expect(e.message).toContain(`There is no backup in ${path.join(dir, 'backups')}.`);
  });

  it('still opens an empty file and a sound one without reading more than the header', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const cfg = defaultConfig(dir, { jobs: false, log: () => undefined });
    fs.writeFileSync(cfg.dbFile, '');
    const core = await createCore(cfg);
    await core.close();
    const again = await createCore(cfg);
    await again.close();
  });
});
