import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, shot, test } from './fixtures';

/**
 * A database damaged while Planora was not running (no crash marker): the browser is not left with "connection
 * refused" but gets a page saying what happened, where the newest backup is and the command that restores it.
 */
let dataDir: string;
let child: ChildProcess;
let url: string;
let backup: string;

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-e2e-damaged-'));
  fs.mkdirSync(path.join(dataDir, 'backups'));
  backup = path.join(dataDir, 'backups', 'planora-20261205T031500Z-daily.db');
  const db = new Database(backup);
  db.exec('create table kept (x)');
  db.close();
  fs.writeFileSync(path.join(dataDir, 'planora.db'), Buffer.alloc(64 * 1024, 0x41));
  child = spawn(process.execPath, ['dist/main/cli.js', 'web', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode said nothing useful:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /(http:\/\/\S+?);? explains what to do/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`web mode exited with ${code}:\n${output}`)));
  });
});

test.afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

for (const { locale, title, command } of [
  { locale: 'en-GB', title: 'Planora cannot open its database', command: 'npm run db -- restore --data' },
  { locale: 'ru-RU', title: 'Planora не может открыть свою базу данных', command: 'npm run db -- restore --data' },
]) {
  test.describe(locale, () => {
    test.use({ locale });
    test(`explains a damaged database in the browser (${locale})`, async ({ page }) => {
      const res = await page.goto(`${url}/clients`);
      expect(res!.status()).toBe(503);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.getByTestId('database-damaged')).toContainText(backup);
      await expect(page.locator('pre')).toContainText(`${command} ${dataDir}`);
      await expect(page.locator('pre')).toContainText(`planora db restore --data ${dataDir}`);
      await shot(page, `database-damaged-${locale}`);
    });
  });
}
