import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { announcedUrl, apiCall, expect, shot, startPlanora, test } from './fixtures';
import { chooseLanguage, EN_RO } from './languages';
import { registerHeadOffice, setUpHeadOffice, startHub, type TestHub } from './syncHub';

/**
 * A device reset from the hub as its people meet it: the hub's administrator runs `device reset`; at the next sync the
 * desk pushes what it holds and its sync panel says the rebuild waits for the next start (English, then Romanian); the
 * desk is started again on its folder, rebuilt from the hub before it opens, and holds what it had, the change made
 * after the request included.
 */
test.use({ viewport: { width: 1366, height: 900 } });

const HUB = ['--import', 'tsx', 'src/hub/cli.ts'];

/** Web mode on an existing data folder (a restart), stopped by SIGTERM. */
async function webOn(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['dist/main/cli.js', 'web', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await announcedUrl(child, /web mode: (http:\/\/\S+)/, 'web mode', 240_000);
  return { url, stop: () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))) };
}

const names = async (page: Page) => (await apiCall<{ rows: { name: string }[] }>(page, 'clients.list', { limit: 50 })).rows.map((r) => r.name).sort();

test('the hub asks for a reset: the panel says so, and after a restart the desk is rebuilt from the hub', async ({ page }) => {
  test.setTimeout(300_000);
  const hubFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planora-e2e-hub-')), 'hub.db');
  let hub: TestHub | null = null;
  let desk: { url: string; dataDir?: string; stop(): Promise<void> } | null = null;
  try {
    hub = await startHub(hubFile);
    const first = await startPlanora();
    desk = first;
    await setUpHeadOffice(page, first.url);
    await registerHeadOffice(page, hub);
    await apiCall(page, 'clients.create', { kind: 'person', name: 'Anna Liepiņa', phones: [], emails: [], addresses: [], contacts: [] });
    await apiCall(page, 'sync.now', {});

    const listed = execFileSync(process.execPath, [...HUB, 'device', 'list', '--sqlite', hubFile]).toString().trim();
    const deviceId = listed.split(/\s+/)[0]!;
    execFileSync(process.execPath, [...HUB, 'device', 'reset', deviceId, '--sqlite', hubFile]);
    // Made after the administrator asked: it is pushed before the rebuild, and so survives it.
    await apiCall(page, 'clients.create', { kind: 'person', name: 'Jānis Bērziņš', phones: [], emails: [], addresses: [], contacts: [] });
    await apiCall(page, 'sync.now', {});

    for (const lang of EN_RO) {
      await page.reload();
      await chooseLanguage(page, lang);
      await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'refused');
      await page.getByTestId('sync-indicator').click();
      await expect(page.getByTestId('sync-problem')).toHaveText(lang.cat.errors.sync_reset_pending);
      await expect(page.getByTestId('sync-pending')).toHaveText(lang.cat.sync.pending.replace('{{count}}', '0'));
      await expect(page.getByTestId('sync-panel')).toHaveCSS('opacity', '1');
      await shot(page, `sync-reset-asked-${lang.code}`);
      await page.keyboard.press('Escape');
    }

    await first.stop();
    desk = null;
    const again = await webOn(first.dataDir);
    desk = again;
    // The file was rebuilt from a copy of itself: its local tables stay, the session among them (cookies know no port).
    await page.goto(`${again.url}/#/home`);
    await expect(page.getByTestId('current-user')).toBeVisible();
    expect(fs.readdirSync(path.join(first.dataDir, 'backups')).some((f) => f.endsWith('-before-reset.db'))).toBe(true);
    expect(await names(page)).toEqual(['Anna Liepiņa', 'Jānis Bērziņš']);
    await apiCall(page, 'sync.now', {});
    await page.reload();
    await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'idle');
    await page.getByTestId('sync-indicator').click();
    await expect(page.getByTestId('sync-panel-state')).toContainText(EN_RO[1].cat.sync.state_idle);
    await expect(page.getByTestId('sync-panel')).toHaveCSS('opacity', '1');
    await shot(page, 'sync-reset-done-ro');
    expect(execFileSync(process.execPath, [...HUB, 'device', 'list', '--sqlite', hubFile]).toString()).toContain(deviceId);
  } finally {
    await desk?.stop();
    await hub?.stop();
  }
});
