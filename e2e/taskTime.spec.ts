import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lt from '../src/shared/i18n/lt.json' with { type: 'json' };
import { wallClock } from '../src/shared/rules/zonedTime';
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';
import { printed } from './printed';

/**
 * An employee's time on a task, as they would keep it: the timer started and stopped twice (once by its shortcut),
 * a forgotten session added by hand, an overlapping one refused with the other task and times named; then the work
 * act printed in the client's language — in English and Lithuanian.
 */
const server = demoServer({ demoSize: 200 });

const LANGS = [
  { code: 'en', cat: en },
  { code: 'lt', cat: lt },
] as const;

const RIGA = 'Europe/Riga';

for (const { code, cat } of LANGS) {
  test(`an employee times a task twice, adds a session, is refused an overlap and prints the work act (${code})`, async ({ page, browser }) => {
    test.setTimeout(240_000);
    // The owner hires an employee in Rīga and the client asks for a repair: the task is theirs.
    const ownerCtx = await browser.newContext();
    const owner = await ownerCtx.newPage();
    await loginAs(owner, `${server.url}/#/home`, 'owner');
    const riga = (await apiCall<{ id: string; name: string }[]>(owner, 'branches.list', {})).find((b) => b.name === 'Rīga')!;
    const login = `timer.${code}.${Date.now() % 100000}`;
    const name = code === 'lt' ? 'Rūta Timerytė' : 'Ruth Timer';
    const employee = await apiCall<{ id: string }>(owner, 'users.create', { login, password: 'password-123', name, role: 'employee', language: code, branchIds: [riga.id] });
    const client = await apiCall<{ client: { id: string; name: string } }>(owner, 'clients.create', { kind: 'person', name: `Jonas Laikas ${code}`, preferredLanguage: code, phones: [], emails: [], addresses: [], contacts: [] });
    const subject = `Boiler ${code} ${Date.now() % 100000}`;
    const task = await apiCall<{ id: string; number: string }>(owner, 'tasks.create', { branchId: riga.id, clientId: client.client.id, priority: 'medium', subject, assigneeId: employee.id });
    await ownerCtx.close();

    await loginAs(page, `${server.url}/#/tasks`, login, 'password-123');
    await expect(page.getByTestId('tasks-screen')).toBeVisible();
    await page.getByTestId('tasks-search').fill(subject);
    await expect(page.locator('.ag-row[row-index="0"] [col-id="subject"]')).toHaveText(subject);
    await page.locator('.ag-row[row-index="0"] [col-id="subject"]').click();
    await page.keyboard.press('Enter');
    const form = page.getByTestId('task-form');
    const panel = form.getByTestId('task-time');
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('time-start')).toContainText('Ctrl+Shift+T');

    // First session by the shortcut: the clock runs, the task is in progress; the shortcut stops it.
    await page.keyboard.press('Control+Shift+T');
    await expect(panel.getByTestId('time-stop')).toBeVisible();
    await expect(page.getByRole('dialog')).toContainText(cat.tasks.status.in_progress);
    await expect(panel.getByTestId('time-clock')).toHaveText(/^0:00:0[1-9]$/, { timeout: 10_000 });
    // The shell shows it small, wherever the employee goes.
    await expect(page.getByTestId('shell-timer')).toContainText(task.number);
    await shot(page, `task-time-running-${code}`);
    await page.keyboard.press('Control+Shift+T');
    await expect(panel.getByTestId('time-start')).toBeVisible();
    await expect(panel.getByTestId('time-entry')).toHaveCount(1);
    await expect(page.getByTestId('shell-timer')).toBeHidden();
    // Second by the buttons.
    await panel.getByTestId('time-start').click();
    await expect(panel.getByTestId('time-clock')).toHaveText(/^0:00:0[1-9]$/, { timeout: 10_000 });
    await panel.getByTestId('time-stop').click();
    await expect(panel.getByTestId('time-entry')).toHaveCount(2);

    // A session forgotten this morning, typed on the branch's clock.
    const now = Date.now();
    const wall = (ms: number) => wallClock(ms, RIGA);
    await panel.getByTestId('time-add').click();
    const entry = panel.getByTestId('time-entry-form');
    await entry.getByTestId('time-entry-start').fill(wall(now - 3 * 3_600_000));
    await entry.getByTestId('time-entry-end').fill(wall(now - 2.25 * 3_600_000));
    await entry.getByTestId('time-entry-note').fill(code === 'lt' ? 'Pakeistas vožtuvas' : 'Replaced the valve');
    await entry.getByTestId('time-entry-save').click();
    await expect(entry).toBeHidden();
    await expect(panel.getByTestId('time-entry')).toHaveCount(3);
    await expect(panel.getByTestId('time-total')).toHaveText('0:45');

    // One over it is refused, naming the task and the times it collides with; nothing is added.
    await panel.getByTestId('time-add').click();
    await entry.getByTestId('time-entry-start').fill(wall(now - 2.5 * 3_600_000));
    await entry.getByTestId('time-entry-end').fill(wall(now - 1.5 * 3_600_000));
    await entry.getByTestId('time-entry-save').click();
    const error = entry.getByTestId('time-entry-error');
    await expect(error).toContainText(cat.errors.time_overlap.split('{{')[0]!.trim());
    await expect(error).toContainText(task.number);
    await expect(error).toContainText(wall(now - 3 * 3_600_000).slice(11));
    await shot(page, `task-time-overlap-${code}`);
    await entry.getByRole('button', { name: cat.taskTime.cancel }).click();
    await expect(panel.getByTestId('time-entry')).toHaveCount(3);

    // The work act: in the client's language, the sessions, the total and both signature lines.
    const text = await printed(page, () => panel.getByTestId('time-act').click(), `work-act-${code}`);
    expect(text).toContain(cat.taskTime.act.title);
    expect(text).toContain(code === 'lt' ? 'Pakeistas vožtuvas' : 'Replaced the valve');
    expect(text).toContain(name);
    expect(text).toMatch(new RegExp(`${cat.taskTime.act.total}\\s+0:45`));
    expect(text).toContain(cat.taskTime.act.signLine);
    expect(text).toContain(cat.taskTime.act.company);

    // The act for a client and a period is asked from the tasks screen.
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();
    await page.getByTestId('work-act-open').click();
    const dialog = page.getByTestId('work-act-dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByRole('dialog')).toContainText(cat.taskTime.actDialog);
    await shot(page, `work-act-dialog-${code}`);
  });
}
