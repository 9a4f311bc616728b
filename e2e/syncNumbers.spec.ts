import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiCall, expect, shot, startPlanora, test } from './fixtures';
import { chooseLanguage, EN_RO } from './languages';
import { registerHeadOffice, setUpHeadOffice, startHub } from './syncHub';

/**
 * A task numbered provisionally on a desk registered with a hub (its own process, SQLite): after the round that brings
 * the hub's final number, the task's timeline says it was confirmed and what it was — in English and in Romanian.
 */
test.use({ viewport: { width: 1366, height: 900 } });

test("the hub's confirmation of a provisional task number is a line of the task's timeline", async ({ page }) => {
  test.setTimeout(180_000);
  const hub = await startHub(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planora-e2e-hub-')), 'hub.db'));
  const desk = await startPlanora();
  try {
    await setUpHeadOffice(page, desk.url);
    await registerHeadOffice(page, hub);
    const [branch] = await apiCall<{ id: string }[]>(page, 'branches.list', {});
    await apiCall(page, 'series.create', { docType: 'task', branchId: branch!.id, prefix: 'UZ-', padding: 5, nextNumber: 1 });
    const client = await apiCall<{ client: { id: string } }>(page, 'clients.create', { kind: 'person', name: 'Anna Liepiņa', phones: [], emails: [], addresses: [], contacts: [] });
    const task = await apiCall<{ id: string; number: string }>(page, 'tasks.create', { branchId: branch!.id, clientId: client.client.id, priority: 'medium', subject: 'Katls nedarbojas' });
    expect(task.number).toMatch(/^UZ-P\d+-000001$/);
    await apiCall(page, 'sync.now', {});

    for (const lang of EN_RO) {
      await page.goto(`${desk.url}/#/home`);
      await chooseLanguage(page, lang);
      await page.getByTestId('nav-tasks').click();
      await expect(page.getByTestId('tasks-screen')).toBeVisible();
      await page.getByTestId('tasks-search').fill('Katls');
      await expect(page.getByTestId('tasks-total')).toHaveText(/(^|\D)1(\D|$)/);
      await page.locator('.ag-row[row-index="0"] [col-id="subject"]').click();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('task-form')).toBeVisible();
      const line = lang.cat.tasks.timeline.numberConfirmed.replace('{{number}}', 'UZ-00001').replace('{{was}}', task.number);
      await expect(page.getByTestId('task-timeline')).toContainText(line);
      await shot(page, `sync-number-confirmed-${lang.code}`);
    }
  } finally {
    await desk.stop();
    await hub.stop();
  }
});
