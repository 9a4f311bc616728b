import fs from 'node:fs';
import { devices, type Browser, type Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lt from '../src/shared/i18n/lt.json' with { type: 'json' };
import { startDovecot, type Dovecot } from '../src/main/testing/dovecot';
import { apiCall, expect, loginAs, shot, test } from './fixtures';
import { FIELD_PASSWORD, startFieldOffice, type FieldOffice } from './fieldOffice';
import { printed } from './printed';

/**
 * Issue 12's walk, as new users would do it, in English and Lithuanian: a client's e-mail reaches the office's help
 * mailbox (a real Dovecot) and becomes a task; the dispatcher gives it a type and, on the board, to an employee; the
 * employee, on the phone page through the hub, acknowledges, tracks time twice and ticks the checklist; the manager
 * sends it back, then approves it; the work act is printed; the month's invoice is generated, exported as UBL and for
 * Rivile, and printed.
 */
test.describe.configure({ mode: 'serial' });

const LANGS = [
  { code: 'en', cat: en },
  { code: 'lt', cat: lt },
] as const;

let field: FieldOffice;
let dovecot: Dovecot;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  test.setTimeout(180_000);
  [field, dovecot] = await Promise.all([startFieldOffice(browser, LANGS.map((l) => l.code)), startDovecot({ help: 'help-pass-1' })]);
  const { ownerPage, branchId } = field;
  await apiCall(ownerPage, 'users.create', { login: 'mira', password: FIELD_PASSWORD, name: 'Mira Vadovė', role: 'branch_manager', language: 'en', branchIds: [branchId] });
  await apiCall(ownerPage, 'series.create', { docType: 'invoice', branchId, prefix: 'SF-', padding: 5, nextNumber: 1 });
  await apiCall(ownerPage, 'invoices.saveSettings', { currency: 'EUR', vatBp: 2100, paymentDays: 14 });
  await apiCall(ownerPage, 'tasks.saveMailbox', { branchId, name: 'Help', host: '127.0.0.1', port: dovecot.imapPort, tls: false, login: 'help', password: 'help-pass-1', folder: 'INBOX', doneFolder: null, enabled: true, pollSec: 15 });
});

test.afterAll(async () => {
  await field?.stop();
  await dovecot?.stop();
});

async function person(browser: Browser, login: string, language: string, hash = '#/tasks'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await loginAs(page, `${field.office.url}/${hash}`, login, FIELD_PASSWORD);
  await apiCall(page, 'auth.setLanguage', { language });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  return page;
}

/** The task with this subject, from the tasks grid: searched, its row opened with Enter. */
async function openTask(page: Page, subject: string): Promise<void> {
  await page.getByTestId('nav-tasks').click();
  await page.getByTestId('tasks-search').fill(subject);
  await expect(page.getByTestId('tasks-total')).toHaveText(/(^|\D)1(\D|$)/);
  await page.locator('.ag-row[row-index="0"] [col-id="subject"]').click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('task-form')).toBeVisible();
}

for (const [i, { code, cat }] of LANGS.entries()) {
  test(`an e-mailed task goes from the mailbox through the phone and approval to a printed invoice (${code})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const subject = `Boiler leaking (${code})`;
    const sender = `Rūta Klientė ${code.toUpperCase()}`;
    await dovecot.deliver('help', { from: `${sender} <ruta.${code}@client.example>`, to: 'help@example.test', subject, text: 'Water under the boiler since this morning.' });

    // The dispatcher finds it in the grid, gives it its type, and on the board drags it to "assigned" for the employee.
    const dispatcher = await person(browser, 'rasa', code);
    let taskId = '';
    await expect
      .poll(
        async () => {
          const found = await apiCall<{ rows: { id: string; subject: string | null }[] }>(dispatcher, 'tasks.list', { q: subject, limit: 5, offset: 0 });
          taskId = found.rows.find((r) => r.subject === subject)?.id ?? '';
          return taskId;
        },
        { timeout: 90_000 },
      )
      .not.toBe('');
    let task = await apiCall<{ id: string; version: number; number: string }>(dispatcher, 'tasks.get', { id: taskId });
    await dispatcher.reload();
    await dispatcher.getByTestId('tasks-search').fill(subject);
    await expect(dispatcher.getByTestId('tasks-total')).toHaveText(/(^|\D)1(\D|$)/);
    await expect(dispatcher.locator('.ag-row[row-index="0"] [col-id="status"]')).toHaveText(cat.tasks.status.new);
    await shot(dispatcher, `task-walk-grid-${code}`);
    const tech = (await apiCall<{ id: string; name: string }[]>(dispatcher, 'users.directory', {})).find((u) => u.name === `Tech ${code.toUpperCase()}`)!;
    // Read again just before the change: the office numbers a new task (provisional, then final) on its own clock.
    const { id, version, branchId, clientId, priority, description } = (await apiCall(dispatcher, 'tasks.get', { id: taskId })) as unknown as { id: string; version: number; branchId: string; clientId: string; priority: string; description: string };
    task = await apiCall(dispatcher, 'tasks.update', { id, version, branchId, clientId, priority, subject, description, typeId: field.typeId });
    await dispatcher.getByTestId('tasks-view').getByText(cat.tasks.view.board).click();
    const card = dispatcher.getByTestId('board-column-new').getByTestId('task-card').filter({ hasText: subject });
    await card.dragTo(dispatcher.getByTestId('board-column-assigned'));
    const assign = dispatcher.getByTestId('board-assign');
    await expect(assign).toBeVisible();
    await assign.getByTestId('board-assignee').click();
    await dispatcher.keyboard.type(tech.name);
    await dispatcher.keyboard.press('Enter');
    await assign.getByTestId('board-assign-ok').click();
    await expect(dispatcher.getByTestId('board-column-assigned').getByTestId('task-card').filter({ hasText: subject })).toBeVisible();
    await shot(dispatcher, `task-walk-board-${code}`);
    await field.syncNow();

    // The employee's notice carries the phone link; on the phone: acknowledge, time twice, the checklist.
    // The first walk's people get other notices too: wait for this employee's own, not for a count of messages.
    const forTech = async () => (await field.smtp.waitFor(i + 1, 90_000)).find((m) => m.rcptTo.includes(`tech.${code}@serviss.example`));
    await expect.poll(async () => !!(await forTech()), { timeout: 90_000 }).toBe(true);
    const mail = (await forTech())!;
    const url = /(http:\/\/127\.0\.0\.1:\d+\/m\/[A-Za-z0-9_-]+)/.exec(mail.parsed.text)![1]!;
    const phone = await (await browser.newContext({ ...devices['Pixel 7'] })).newPage();
    await phone.goto(url);
    await phone.getByRole('button', { name: cat.taskField.acknowledge }).click();
    for (let round = 0; round < 2; round++) {
      await phone.getByRole('button', { name: cat.taskField.startTimer }).click();
      await expect(phone.locator('[data-state="timer-pending"]')).toBeVisible();
      await phone.getByRole('button', { name: cat.taskField.stopTimer }).click();
      await expect(phone.locator('[data-state="timer-stop-pending"]')).toBeVisible();
    }
    for (const item of ['Gas pressure measured', 'Flue gas analysed']) await phone.getByRole('checkbox', { name: new RegExp(item) }).click();
    await field.syncNow();
    await field.syncNow();
    await phone.reload();
    await expect(phone.locator('.sessions li')).toHaveCount(2);
    await expect(phone.getByRole('checkbox', { checked: true })).toHaveCount(2);
    await expect(phone.getByRole('alert')).toHaveCount(0);
    await shot(phone, `task-walk-phone-${code}`);

    // The employee submits; the manager sends it back with a reason, then approves it.
    const employee = await person(browser, `tech.${code}`, code);
    // From the task's checklist panel on the desktop: the phone page ticks, the desk submits the finished work.
    const submit = async () => {
      const list = employee.getByTestId('task-checklist');
      await list.getByTestId('task-checklist-submit').click();
      await expect(list.getByTestId('task-checklist-awaiting')).toBeVisible();
      await employee.keyboard.press('Escape');
    };
    // A valve used on the job goes on the invoice beside the time.
    // Typed on the task's materials row and saved with Enter; a price that is not a number is refused at its field.
    await openTask(employee, subject);
    const materials = employee.getByTestId('task-materials');
    await materials.getByTestId('material-name').fill('Vožtuvas ½"');
    await materials.getByTestId('material-quantity').fill('1');
    await materials.getByTestId('material-price').fill('12,5 eur');
    await materials.getByTestId('material-price').press('Enter');
    await expect(materials.getByText(cat.taskMaterials.notNumber)).toBeVisible();
    await expect(materials.getByTestId('material-row')).toHaveCount(0);
    await materials.getByTestId('material-price').fill('12,50');
    await materials.getByTestId('material-price').press('Enter');
    await expect(materials.getByTestId('material-row')).toHaveCount(1);
    await expect(materials.getByTestId('material-row')).toContainText(cat.taskMaterials.unit.H87);
    await expect(materials.getByTestId('material-total')).toHaveText(/12[.,]50\s?€|€\s?12[.,]50/);
    await expect(materials.getByTestId('material-name')).toHaveValue('');
    await shot(employee, `task-walk-materials-${code}`);
    await submit();
    const manager = await person(browser, 'mira', code);
    await openTask(manager, subject);
    const panel = manager.getByTestId('task-checklist');
    const verdict = manager.getByTestId('task-verdict-dialog');
    await panel.getByTestId('task-checklist-reject').click();
    await verdict.getByTestId('task-verdict-text').fill('Photo of the flue missing');
    await verdict.getByTestId('task-verdict-confirm').click();
    await expect(verdict).toBeHidden();
    await expect(manager.getByTestId('task-timeline')).toContainText(cat.taskChecklist.timelineRejected.replace('{{text}}', 'Photo of the flue missing'));
    await openTask(employee, subject);
    await submit();
    await expect(panel.getByTestId('task-checklist-approve')).toBeVisible();
    await panel.getByTestId('task-checklist-approve').click();
    await verdict.getByTestId('task-verdict-text').fill('All good');
    await verdict.getByTestId('task-verdict-confirm').click();
    await expect(verdict).toBeHidden();
    await expect(manager.getByRole('dialog').filter({ has: manager.getByTestId('task-form') })).toContainText(` · ${cat.tasks.status.done}`);
    await expect(manager.getByTestId('task-time').getByTestId('time-entry')).toHaveCount(2);
    const act = await printed(manager, () => manager.getByTestId('time-act').click(), `task-walk-work-act-${code}`);
    // The act names the task by its number now: the hub's final one once a sync round has brought it.
    expect(act).toContain((await apiCall<{ number: string }>(manager, 'tasks.get', { id: task.id })).number);
    expect(act).toContain(sender);
    await manager.keyboard.press('Escape');

    // Month end: the invoice generated, approved, exported both ways and printed.
    await manager.goto(`${field.office.url}/#/invoices`);
    await manager.reload();
    await expect(manager.getByTestId('invoices-screen')).toBeVisible();
    await manager.getByTestId('invoices-month').fill(new Date().toISOString().slice(0, 7));
    await manager.locator('body').click();
    await manager.keyboard.press('Alt+G');
    await expect(manager.getByTestId('invoices-notice')).toBeVisible();
    const row = manager.getByTestId('invoices-table').getByText(sender);
    await expect(row).toBeVisible();
    await row.dblclick();
    const dialog = manager.locator('section[role=dialog]');
    await expect(dialog.getByTestId('invoice-lines')).toBeVisible();
    await manager.keyboard.press('Alt+A');
    await expect(dialog.getByTestId('invoice-status')).toHaveText(cat.invoices.status.approved);
    const ublDownload = manager.waitForEvent('download', { timeout: 60_000 });
    await dialog.getByTestId('invoice-ubl').click();
    expect(fs.readFileSync(await (await ublDownload).path(), 'utf8')).toContain('urn:fdc:peppol.eu:2017:poacc:billing:3.0');
    const pdf = await printed(manager, () => dialog.getByTestId('invoice-print').click(), `task-walk-invoice-${code}`);
    expect(pdf).toContain(sender);
    await manager.keyboard.press('Escape');
    const rivileDownload = manager.waitForEvent('download', { timeout: 60_000 });
    await manager.getByTestId('invoices-rivile').click();
    expect(fs.readFileSync(await (await rivileDownload).path(), 'utf8')).toContain(sender);
    for (const p of [dispatcher, phone, employee, manager]) await p.context().close();
  });
}
