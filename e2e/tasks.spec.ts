import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lt from '../src/shared/i18n/lt.json' with { type: 'json' };
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * A dispatcher's first look at tasks on the demo: the grid with urgent ones on top, a task taken down with the
 * keyboard, given to a technician, then moved on the board by keyboard and by drag — in English and Lithuanian.
 */
const server = demoServer({ demoSize: 200 });

const LANGS = [
  { code: 'en', cat: en },
  { code: 'lt', cat: lt },
] as const;

for (const { code, cat } of LANGS) {
  test(`a dispatcher creates, assigns and moves a task (${code})`, async ({ page }) => {
    test.setTimeout(180_000);
    await loginAs(page, `${server.url}/#/home`, 'dispatcher.riga');
    await apiCall(page, 'auth.setLanguage', { language: code });
    await page.reload();
    // Alt+4: the fourth screen of the navigation, after the two interventions screens and clients.
    await expect(page.getByTestId('nav-tasks')).toContainText('Alt+4');
    await page.keyboard.press('Alt+4');
    await expect(page.getByTestId('tasks-screen')).toBeVisible();
    await expect(page.getByRole('heading', { name: cat.tasks.title })).toBeVisible();
    // Urgent on top, and marked.
    const firstPriority = page.locator('.ag-row[row-index="0"] [col-id="priority"]');
    await expect(firstPriority).toHaveText(cat.tasks.priority.urgent);
    await shot(page, `tasks-grid-${code}`);

    // Insert: a new task, the focus on the client; typed and taken with Enter.
    const client = (await apiCall<{ rows: { name: string }[] }>(page, 'clients.list', { limit: 1, offset: 0 })).rows[0]!.name;
    const subject = `Radiator leaks ${code} ${Date.now() % 100000}`;
    await page.locator('body').click();
    await page.keyboard.press('Insert');
    const form = page.getByTestId('task-form');
    await expect(form).toBeVisible();
    await expect(form.getByTestId('task-client')).toBeFocused();
    await page.keyboard.type(client.slice(0, 8));
    await expect(page.getByRole('option', { name: client }).first()).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(form.getByTestId('task-client')).toHaveValue(client);
    await form.getByTestId('task-priority').focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(cat.tasks.priority.urgent.slice(0, 3));
    await page.keyboard.press('Enter');
    await expect(form.getByTestId('task-priority')).toHaveValue(cat.tasks.priority.urgent);
    await form.getByTestId('task-subject').focus();
    await page.keyboard.type(subject);
    await shot(page, `tasks-form-${code}`);
    await page.keyboard.press('Control+s');
    await expect(form).toBeHidden();

    // Found by its subject, opened with Enter, given to Kārlis: it is assigned.
    await page.getByTestId('tasks-search').fill(subject);
    await expect(page.getByTestId('tasks-total')).toHaveText(/(^|\D)1(\D|$)/);
    await expect(page.locator('.ag-row[row-index="0"] [col-id="subject"]')).toHaveText(subject);
    await page.locator('.ag-row[row-index="0"] [col-id="subject"]').click();
    await page.keyboard.press('Enter');
    await expect(form).toBeVisible();
    await expect(form.getByTestId('task-subject')).toHaveValue(subject);
    await form.getByTestId('task-assignee').focus();
    await page.keyboard.type('Kārlis');
    await expect(page.getByRole('option', { name: 'Kārlis Zariņš' })).toBeVisible();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+s');
    await expect(form).toBeHidden();
    await expect(page.locator('.ag-row[row-index="0"] [col-id="status"]')).toHaveText(cat.tasks.status.assigned);

    // The board: Ctrl+→ moves the card one column on; a drag takes it to "in progress".
    await page.getByTestId('tasks-view').getByText(cat.tasks.view.board).click();
    const card = page.getByTestId('task-card').filter({ hasText: subject });
    await expect(page.getByTestId('board-column-assigned').getByTestId('task-card').filter({ hasText: subject })).toBeVisible();
    await card.focus();
    await page.keyboard.press('Control+ArrowRight');
    await expect(page.getByTestId('board-column-acknowledged').getByTestId('task-card').filter({ hasText: subject })).toBeVisible();
    await card.dragTo(page.getByTestId('board-column-in_progress'));
    await expect(page.getByTestId('board-column-in_progress').getByTestId('task-card').filter({ hasText: subject })).toBeVisible();
    // A step the rules refuse (back to "new" would take the work away mid-way) is answered in the reader's language.
    await card.dragTo(page.getByTestId('board-column-new'));
    await expect(page.getByTestId('board-refusal')).toHaveText(cat.errors.task_move_not_allowed);
    await page.getByTestId('tasks-search').fill('');
    await expect(page.getByTestId('board-column-done').getByTestId('task-card').nth(5)).toBeVisible();
    await shot(page, `tasks-board-${code}`);
  });
}
