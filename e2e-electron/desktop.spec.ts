import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

/**
 * The packaged Windows app, as a clerk gets it. Runs on a Windows machine after
 *   electron-builder --win --x64 --dir                      → release/win-unpacked (the shipping build: fuses read here)
 *   the same with enableNodeCliInspectArguments on         → release-e2e/win-unpacked (driven here)
 * Playwright drives Electron through the Node inspector, which the shipping build's fuse switches off; the driven
 * build differs from it in that one fuse only. See .github/workflows/desktop-windows.yml.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const SHIPPED = process.env.PLANORA_SHIPPED_EXE ?? path.join(ROOT, 'release', 'win-unpacked', 'Planora.exe');
const DRIVEN = process.env.PLANORA_E2E_EXE ?? path.join(ROOT, 'release-e2e', 'win-unpacked', 'Planora.exe');
const require = createRequire(import.meta.url);

interface Bridge {
  call(name: string, input: unknown): Promise<{ ok: boolean; data?: any; error?: { key: string } }>;
  openFile(fileId: string, action: 'open' | 'print' | 'save'): Promise<{ ok: boolean; data?: { done: boolean }; error?: { key: string } }>;
}
declare global {
  interface Window {
    planora?: Bridge;
  }
}

let data: string;
let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-desktop-'));
  app = await electron.launch({ executablePath: DRIVEN, args: ['--demo', `--data=${data}`] });
  page = await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
  // The core closed the database cleanly (no crash mark left) and wrote its log in the data folder.
  expect(fs.existsSync(path.join(data, 'planora.db.running'))).toBe(false);
  expect(fs.readFileSync(path.join(data, 'planora.log'), 'utf8')).toMatch(/core started \(Electron \d+/);
  fs.rmSync(data, { recursive: true, force: true });
});

test('the shipping build has its fuses set', async () => {
  const { getCurrentFuseWire } = require('@electron/fuses') as { getCurrentFuseWire(exe: string): Promise<Record<number, number>> };
  const wire = await getCurrentFuseWire(SHIPPED);
  const [DISABLE, ENABLE] = [48, 49];
  // FuseV1Options: 0 RunAsNode, 1 EnableCookieEncryption, 2 NODE_OPTIONS, 3 --inspect, 4 ASAR integrity, 5 OnlyLoadAppFromAsar
  expect([wire[0], wire[1], wire[2], wire[3], wire[4], wire[5]]).toEqual([DISABLE, ENABLE, DISABLE, DISABLE, ENABLE, ENABLE]);
});

test('the window shows our page from app:// with no Node in it', async () => {
  expect(page.url()).toMatch(/^app:\/\/planora\//);
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
  expect(await page.evaluate(() => Object.keys(window.planora ?? {}).sort())).toEqual(['call', 'onEvent', 'openFile']);
});

test('a demo login works through the core process and SQLite built for Electron', async () => {
  await page.getByLabel(/^Login|^Pieteikšanās|^Логин/).fill('owner');
  await page.getByLabel(/^Password|^Parole|^Пароль/).fill('planora-demo');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-user')).toBeVisible();
});

test('navigation away and new windows are refused', async () => {
  const before = page.url();
  await page.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await page.waitForTimeout(1_000);
  expect(page.url()).toBe(before);
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(app.windows()).toHaveLength(1);
});

test('a timeline file opens through the bridge, with the same checks as web mode', async () => {
  const out = await page.evaluate(async () => {
    const p = window.planora!;
    const branch = (await p.call('branches.list', {})).data[0];
    const client = (await p.call('clients.list', {})).data.rows[0];
    const doc = (await p.call('interventions.create', { branchId: branch.id, clientId: client.id, priority: 'low', docDate: new Date().toISOString().slice(0, 10) })).data;
    const add = (name: string) => p.call('interventions.addNote', { id: doc.id, style: 1, text: 'scan', attachment: { name, base64: btoa('signed act') } });
    const txt = (await add('akts.txt')).data;
    const exe = (await add('akts.txt.exe')).data;
    return {
      opened: await p.openFile(`attachment:${txt.attachmentSha256}`, 'open'),
      program: await p.openFile(`attachment:${exe.attachmentSha256}`, 'open'),
      unknown: await p.openFile(`attachment:${'0'.repeat(64)}`, 'open'),
    };
  });
  expect(out.opened).toEqual({ ok: true, data: { done: true } });
  expect(out.program).toMatchObject({ ok: false, error: { key: 'errors.file_open_blocked' } });
  expect(out.unknown).toMatchObject({ ok: false, error: { key: 'errors.attachment_not_found' } });
});

test('a second start brings the first window forward instead of opening another', async () => {
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide());
  const second = spawn(DRIVEN, [`--data=${data}`], { stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
  expect(code).toBe(0);
  await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible())).toBe(true);
  expect(app.windows()).toHaveLength(1);
});
