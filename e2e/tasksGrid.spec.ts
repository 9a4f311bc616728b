import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lt from '../src/shared/i18n/lt.json' with { type: 'json' };
import { apiCall, demoServer, expect, loginAs, shot, SHOTS, test } from './fixtures';

/**
 * The tasks grid as a dispatcher uses it on the demo: grouped by status, one group looked into, the arrangement kept
 * as a saved view and brought back, and the rows taken away as Excel, CSV and a printed list — in English and Lithuanian.
 */
const server = demoServer({ demoSize: 200 });

const LANGS = [
  { code: 'en', cat: en },
  { code: 'lt', cat: lt },
] as const;

for (const { code, cat } of LANGS) {
  test(`the tasks grid groups, keeps a view and exports (${code})`, async ({ page }) => {
    test.setTimeout(180_000);
    await loginAs(page, `${server.url}/#/home`, 'dispatcher.riga');
    await apiCall(page, 'auth.setLanguage', { language: code });
    await page.goto(`${server.url}/#/tasks`);
    await page.reload();
    await expect(page.getByTestId('tasks-screen')).toBeVisible();
    // Urgent on top and marked; an overdue due date says so.
    await expect(page.locator('.ag-row[row-index="0"] [col-id="priority"]')).toHaveText(cat.tasks.priority.urgent);
    await expect(page.getByTestId('tasks-total')).toBeVisible();

    // Grouped by status: the groups in workflow order with their counts; choosing one lists only its rows.
    await page.getByTestId('task-group-by').click();
    await page.getByRole('option', { name: `${cat.taskGrid.groupBy}: ${cat.tasks.field.status}` }).click();
    const groups = page.getByTestId('task-groups');
    await expect(groups.getByTestId('task-group-new')).toContainText(cat.tasks.status.new);
    const texts = await groups.getByRole('option').allInnerTexts();
    const order = ['new', 'assigned', 'acknowledged', 'in_progress', 'awaiting_approval', 'done', 'cancelled'].map((s) => texts.findIndex((x) => x.startsWith(cat.tasks.status[s as keyof typeof cat.tasks.status])));
    const present = order.filter((i) => i >= 0);
    expect(present.length).toBeGreaterThan(3);
    expect([...present].sort((a, b) => a - b)).toEqual(present);
    const count = Number((await groups.getByTestId('task-group-new').locator('.mantine-Badge-label').innerText()).replace(/\D/g, ''));
    await groups.getByTestId('task-group-new').click();
    await expect(page.getByTestId('tasks-total')).toHaveText(new RegExp(`(^|\\D)${count}(\\D|$)`));
    await expect(page.locator('.ag-row[row-index="0"] [col-id="status"]')).toHaveText(cat.tasks.status.new);
    await shot(page, `tasks-grid-grouped-${code}`);

    // Kept as a view, and brought back after the grouping was taken off.
    const viewName = `${cat.taskGrid.groupBy} ${code} ${Date.now() % 100000}`;
    await page.getByTestId('task-views').click();
    await page.getByTestId('task-view-save').click();
    await page.getByTestId('save-view-name').fill(viewName);
    await page.getByTestId('save-view-ok').click();
    await expect(page.getByTestId('save-view-dialog')).toBeHidden();
    await page.getByTestId('task-group-by').click();
    await page.getByRole('option', { name: cat.taskGrid.noGrouping }).click();
    await expect(groups).toBeHidden();
    await page.getByTestId('task-views').click();
    await page.getByTestId('task-view').filter({ hasText: viewName }).click();
    await expect(page.getByTestId('task-group-by')).toHaveValue(`${cat.taskGrid.groupBy}: ${cat.tasks.field.status}`);
    await expect(groups.getByTestId('task-group-new')).toBeVisible();

    // Excel and CSV of exactly the grid's rows; the printed list in the preview.
    for (const format of ['xlsx', 'csv'] as const) {
      const download = page.waitForEvent('download', { timeout: 60_000 });
      await page.getByTestId('task-export').click();
      await page.getByTestId(`task-export-${format}`).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(new RegExp(`^${cat.taskGrid.exportTitle}.*\\.${format}$`));
      const body = fs.readFileSync((await file.path())!);
      if (format === 'xlsx') expect(body.subarray(0, 2).toString()).toBe('PK');
      else expect(body.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).length).toBeGreaterThan(count);
    }
    await page.getByTestId('task-export').click();
    await page.getByTestId('task-export-pdf').click();
    await expect(page.getByTestId('preview-frame')).toBeVisible();
    const pdf = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('preview-download').click();
    const printed = (await (await pdf).path())!;
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', printed, path.join(SHOTS, `tasks-grid-print-${code}`)]);
    const text = execFileSync('pdftotext', ['-layout', printed, '-'], { encoding: 'utf8' });
    expect(text).toContain(cat.taskGrid.listTitle);
    expect(text).toContain(`${cat.tasks.field.status}: ${cat.tasks.status.new}`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await shot(page, `tasks-grid-view-${code}`);
  });
}

test('a card dragged from "new" onto "assigned" asks who takes it, as the form does, and main assigns it', async ({ page }) => {
  test.setTimeout(120_000);
  await loginAs(page, `${server.url}/#/home`, 'dispatcher.riga');
  await apiCall(page, 'auth.setLanguage', { language: 'lt' });
  const branchId = (await apiCall<{ id: string; name: string }[]>(page, 'branches.list', {}))[0]!.id;
  const clientId = (await apiCall<{ rows: { id: string }[] }>(page, 'clients.list', { limit: 1, offset: 0 })).rows[0]!.id;
  const subject = `Board drag ${Date.now() % 100000}`;
  await apiCall(page, 'tasks.create', { branchId, clientId, priority: 'urgent', subject });
  await page.goto(`${server.url}/#/tasks`);
  await page.reload();
  await page.getByTestId('tasks-view').getByText(lt.tasks.view.board).click();
  await page.getByTestId('tasks-search').fill(subject);
  const card = page.getByTestId('board-column-new').getByTestId('task-card').filter({ hasText: subject });
  await expect(card).toBeVisible();
  await card.dragTo(page.getByTestId('board-column-assigned'));
  await expect(page.getByTestId('board-assign')).toBeVisible();
  await expect(page.getByTestId('board-refusal')).toBeHidden();
  await page.getByTestId('board-assignee').click();
  await page.keyboard.type('Kārlis');
  await page.getByRole('option', { name: 'Kārlis Zariņš' }).click();
  await shot(page, 'tasks-board-assign-lt');
  await page.getByTestId('board-assign-ok').click();
  await expect(page.getByTestId('board-column-assigned').getByTestId('task-card').filter({ hasText: subject })).toContainText('Kārlis Zariņš');
});
