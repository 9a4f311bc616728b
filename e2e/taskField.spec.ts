import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { devices, type Browser, type Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lt from '../src/shared/i18n/lt.json' with { type: 'json' };
import { apiCall, expect, loginAs, shot, test } from './fixtures';
import { FIELD_PASSWORD, startFieldOffice, type FieldOffice } from './fieldOffice';

/**
 * Field staff on their phones: a hub (SQLite, its own process) and a web-mode office registered with it. A dispatcher
 * gives a task to an employee; the notice e-mail arrives at a local SMTP server with the phone link; on a phone-sized
 * screen the employee acknowledges and adds a note; after a sync the office shows the task acknowledged "by phone"
 * with the note; then the employee starts and stops the timer and ticks the checklist there, and the office keeps
 * both as theirs. An expired link says so. English and Lithuanian.
 */
test.describe.configure({ mode: 'serial' });

const PASSWORD = FIELD_PASSWORD;
const LANGS = [
  { code: 'en', cat: en },
  { code: 'lt', cat: lt },
] as const;

let field: FieldOffice;
let hubUrl: string;
let hubFile: string;
let office: FieldOffice['office'];
let smtp: FieldOffice['smtp'];
let ownerPage: Page;
let branchId: string;
let clientId: string;
let typeId: string;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  test.setTimeout(180_000);
  field = await startFieldOffice(browser, LANGS.map((l) => l.code));
  ({ hubUrl, hubFile, office, smtp, ownerPage, branchId, clientId, typeId } = field);
});

test.afterAll(async () => {
  await field?.stop();
});

const syncNow = () => field.syncNow();

for (const [i, { code, cat }] of LANGS.entries()) {
  test(`a dispatcher assigns, the employee acknowledges and adds a note on the phone, the office sees it (${code})`, async ({ page, browser }) => {
    test.setTimeout(180_000);
    await loginAs(page, `${office.url}/#/tasks`, 'rasa', PASSWORD);
    const users = await apiCall<{ id: string; login?: string; name: string }[]>(page, 'users.directory', {});
    const tech = users.find((u) => u.name === `Tech ${code.toUpperCase()}`)!;
    const subject = `Boiler ${code}`;
    const task = await apiCall<{ id: string; number: string }>(page, 'tasks.create', { branchId, clientId, priority: 'urgent', subject, description: 'No hot water since morning', address: 'Gedimino pr. 1, Vilnius', typeId });
    const t0 = await apiCall<{ version: number }>(page, 'tasks.get', { id: task.id });
    await apiCall(page, 'tasks.move', { id: task.id, version: t0.version, status: 'assigned', assigneeId: tech.id });
    await syncNow();

    // The notice reaches the employee's mailbox with the map links and the phone link.
    const mails = await smtp.waitFor(i + 1, 90_000);
    const mail = mails.find((m) => m.rcptTo.includes(`tech.${code}@serviss.example`))!;
    expect(mail.parsed.subject).toContain(`[${task.number}]`);
    expect(mail.parsed.text).toContain('geo:0,0?q=Gedimino');
    const url = /(http:\/\/127\.0\.0\.1:\d+\/m\/[A-Za-z0-9_-]+)/.exec(mail.parsed.text)![1]!;

    // The phone: a Pixel 7's screen.
    const phone = await (await browser.newContext({ ...devices['Pixel 7'] })).newPage();
    await phone.goto(url);
    // The page shows the task as the hub holds it now: with the final number the hub gave it on sync.
    const numbered = await apiCall<{ number: string }>(page, 'tasks.get', { id: task.id });
    expect(numbered.number).not.toBe(task.number);
    await expect(phone.getByRole('heading', { level: 1 })).toHaveText(cat.taskField.title.replace('{{number}}', numbered.number));
    await expect(phone.getByText(cat.tasks.priority.urgent)).toBeVisible();
    await expect(phone.getByRole('link', { name: cat.taskField.openMap })).toHaveAttribute('href', /^geo:0,0\?q=Gedimino/);
    await shot(phone, `task-field-phone-${code}`);
    await phone.getByRole('button', { name: cat.taskField.acknowledge }).click();
    await expect(phone.getByText(cat.taskField.pending).first()).toBeVisible();
    await phone.getByLabel(cat.taskField.addNote).fill(`On my way (${code})`);
    await phone.getByRole('button', { name: cat.taskField.send, exact: true }).click();
    await expect(phone.locator('[data-state="note-pending"]')).toBeVisible();
    await shot(phone, `task-field-phone-sent-${code}`);
    // No wider than the phone: nothing scrolls sideways.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // The office's sync round applies both; the next pushes the result, and the phone shows it confirmed.
    await syncNow();
    await syncNow();
    await phone.reload();
    await expect(phone.locator('[data-state="acknowledged"]')).toBeVisible();
    await expect(phone.locator('[data-state="note-pending"]')).toHaveCount(0);
    await expect(phone.getByText(`On my way (${code})`)).toBeVisible();

    // The dispatcher's screen, in the test's language: acknowledged, by phone, with the note.
    await apiCall(page, 'auth.setLanguage', { language: code });
    await page.reload();
    await page.getByTestId('tasks-search').fill(subject);
    // The other language's task, acknowledged too, stands first until the search has answered.
    await expect(page.getByTestId('tasks-total')).toHaveText(/(^|\D)1(\D|$)/);
    await expect(page.locator('.ag-row[row-index="0"] [col-id="subject"]')).toHaveText(subject);
    await expect(page.locator('.ag-row[row-index="0"] [col-id="status"]')).toHaveText(cat.tasks.status.acknowledged);
    await page.locator('.ag-row[row-index="0"] [col-id="subject"]').click();
    await page.keyboard.press('Enter');
    const timeline = page.getByTestId('task-timeline');
    await expect(timeline).toContainText(cat.taskField.byPhone);
    await expect(timeline).toContainText(`On my way (${code})`);
    const notices = page.getByTestId('task-notices');
    await expect(notices).toContainText(`Tech ${code.toUpperCase()} · ${cat.taskField.channel_email} · ${cat.taskField.acknowledged} · ${cat.taskField.byPhone}`);
    await shot(page, `task-field-desk-${code}`);

    // The work itself on the phone: the timer started (waiting for the office, then confirmed), a checklist item
    // ticked, the timer stopped; the office keeps the session and the tick as the employee's.
    await phone.getByRole('button', { name: cat.taskField.startTimer }).click();
    await expect(phone.locator('[data-state="timer-pending"]')).toContainText(cat.taskField.timerRunning.replace('{{time}}', ''));
    await syncNow();
    await syncNow();
    await phone.reload();
    await expect(phone.locator('[data-state="timer-running"]')).toHaveText(/\d\d:\d\d/);
    const pressure = phone.getByRole('checkbox', { name: /Gas pressure measured/ });
    await expect(pressure).toHaveAttribute('aria-checked', 'false');
    await pressure.click();
    await expect(pressure).toHaveAttribute('aria-checked', 'true');
    await shot(phone, `task-field-phone-timer-${code}`);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await phone.getByRole('button', { name: cat.taskField.stopTimer }).click();
    await expect(phone.locator('[data-state="timer-stop-pending"]')).toBeVisible();
    await syncNow();
    await syncNow();
    await phone.reload();
    await expect(phone.locator('[data-state="timer-stopped"]')).toHaveText(cat.taskField.timerStopped);
    await expect(phone.locator('.sessions li')).toHaveCount(1);
    await expect(pressure).toHaveAttribute('aria-checked', 'true');
    await expect(phone.locator('.checklist .pending')).toHaveCount(0);
    await expect(phone.getByRole('alert')).toHaveCount(0);
    await shot(phone, `task-field-phone-done-${code}`);
    const time = await apiCall<{ entries: { employeeId: string; endedAt: string | null }[] }>(page, 'tasks.time.list', { taskId: task.id });
    expect(time.entries.map((e) => [e.employeeId, e.endedAt !== null])).toEqual([[tech.id, true]]);
    const list = await apiCall<{ items: { text: string; checkedBy: string | null }[] }>(page, 'tasks.checklist.get', { taskId: task.id });
    expect(list.items.map((it) => [it.text, it.checkedBy])).toEqual([
      ['Gas pressure measured', tech.id],
      ['Flue gas analysed', null],
    ]);

    // The desk withdraws the link: the hub hears of it and the phone page says so.
    await page.getByTestId('task-notices-revoke').click();
    await expect(notices).toContainText(cat.taskField.linkWithdrawn);
    await expect(page.getByTestId('task-notices-revoke')).toHaveCount(0);
    await expect(async () => {
      await phone.reload();
      await expect(phone.getByRole('heading', { level: 1 })).toHaveText(cat.taskField.revokedTitle, { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
  });
}

test("an urgent task not acknowledged in the organization's minutes is pushed to the dispatcher as a toast (lt)", async ({ page }) => {
  test.setTimeout(180_000);
  await apiCall(ownerPage, 'tasks.notices.saveSettings', { escalateMinutes: 1 });
  await loginAs(page, `${office.url}/#/tasks`, 'rasa', PASSWORD);
  await apiCall(page, 'auth.setLanguage', { language: 'lt' });
  await page.reload();
  await expect(page.getByTestId('tasks-screen')).toBeVisible();
  const tech = (await apiCall<{ id: string; name: string }[]>(page, 'users.directory', {})).find((u) => u.name === 'Tech LT')!;
  const task = await apiCall<{ id: string }>(page, 'tasks.create', { branchId, clientId, priority: 'urgent', subject: 'Nobody came', assigneeId: tech.id });
  // The notices job looks every 10 seconds; the minute runs from the notice.
  const toast = page.getByTestId('task-escalated-toast');
  await expect(toast).toBeVisible({ timeout: 100_000 });
  // By then a sync round has brought the hub's final number, which the toast names.
  const { number } = await apiCall<{ number: string }>(page, 'tasks.get', { id: task.id });
  await expect(toast).toContainText(lt.taskField.escalatedToast.replace('{{number}}', number).replace('{{name}}', 'Tech LT'));
  await shot(page, 'task-field-escalated-lt');
  await page.getByTestId('task-escalated-open').click();
  await expect(toast).toHaveCount(0);
});

test('an expired link shows a translated page (lt, then en)', async ({ browser }) => {
  // A link minted earlier whose time is up: written into the hub's own file as the hub keeps it (token hashed).
  const token = randomBytes(32).toString('base64url');
  const db = new Database(hubFile);
  try {
    const org = db.prepare('select id from hub_organization').get() as { id: string };
    const device = db.prepare('select id from hub_device').get() as { id: string };
    db.prepare(
      `insert into hub_link (id, token_hash, org_id, device_id, branch_id, employee_id, task_id, language, created_at, expires_at, revoked_at) values (?, ?, ?, ?, ?, 'e', 't', 'lt', ?, ?, null)`,
    ).run('expired-link', createHash('sha256').update(`link:${token}`).digest('hex'), org.id, device.id, branchId, Date.now() - 2 * 86_400_000, Date.now() - 86_400_000);
  } finally {
    db.close();
  }
  const phone = await (await browser.newContext({ ...devices['Pixel 7'] })).newPage();
  const res = await phone.goto(`${hubUrl}/m/${token}`);
  expect(res!.status()).toBe(410);
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(lt.taskField.expiredTitle);
  await shot(phone, 'task-field-expired-lt');
  await phone.goto(`${hubUrl}/m/${token}?lang=en`);
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(en.taskField.expiredTitle);
  await shot(phone, 'task-field-expired-en');
});
