import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { Temporal } from 'temporal-polyfill';
import type { Page } from '@playwright/test';
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * A branch's times are its own wall clock, wherever the computer is: a clerk in Tokyo types "+1 10:00" for the Rīga
 * branch and reads 10:00 on screen, on the printed form, in the list report and in the exports — labelled Europe/Riga.
 */
// Its counts are about the one document it makes: the demo's call centre stays empty here.
const server = demoServer({ demoSize: 0 });

const BRANCH_ZONE = 'Europe/Riga';
const COMPUTER_ZONE = 'Asia/Tokyo';

test.use({ timezoneId: COMPUTER_ZONE });

async function tabTo(page: Page, testId: string, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

async function download(page: Page, fileId: string): Promise<Buffer> {
  const res = await page.request.get(`${server.url}/api/files/${fileId}`);
  expect(res.ok()).toBe(true);
  return res.body();
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

let client = '';
let id = '';
// Tomorrow at the branch, 10:00–12:00 on its wall clock; in Tokyo that is 17:00–19:00 (or 16:00 in the Baltic summer).
const tomorrow = Temporal.Now.plainDateISO(BRANCH_ZONE).add({ days: 1 });
const startInstant = tomorrow.toZonedDateTime({ timeZone: BRANCH_ZONE, plainTime: '10:00' }).toInstant().toString();
const endInstant = tomorrow.toZonedDateTime({ timeZone: BRANCH_ZONE, plainTime: '12:00' }).toInstant().toString();
const computerHour = Temporal.Instant.from(startInstant).toZonedDateTimeISO(COMPUTER_ZONE).toPlainTime().toString({ smallestUnit: 'minute' });

test('a clerk in another time zone types the branch time: the screen, the form and the calendar show it, labelled', async ({ page }) => {
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(COMPUTER_ZONE);
  await loginAs(page, server.url, 'dispatcher.riga');
  const clients = await apiCall<{ rows: { id: string; name: string }[] }>(page, 'clients.list', { limit: 40, offset: 0 });
  client = clients.rows[17]!.name;

  await page.getByTestId('nav-interventions').click();
  await expect(page.getByTestId('iv-total')).not.toBeEmpty();
  await page.keyboard.press('Insert');
  const form = page.getByTestId('intervention-form');
  await expect(form.getByTestId('f-client')).toBeFocused();
  await page.keyboard.type(client);
  await expect(page.locator('[role=option][data-combobox-selected]')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('f-client-info')).not.toHaveValue('');
  await tabTo(page, 'f-start');
  // The form says whose clock the times are on.
  await expect(form.getByTestId('f-zone-note')).toContainText(BRANCH_ZONE);
  await page.keyboard.type('+1 10:00');
  await page.keyboard.press('Tab');
  await page.keyboard.type('12:00');
  await page.keyboard.press('Tab');
  await expect(form.getByTestId('f-start')).toHaveValue(/10:00/);
  await expect(form.getByTestId('f-end')).toHaveValue(/12:00/);
  await shot(page, 'branch-time-form');
  await page.keyboard.press('Control+s');
  await expect(form).toBeHidden();

  // Written as the branch's 10:00 and 12:00, whatever the computer's zone.
  const { rows } = await apiCall<{ rows: { id: string; client: string; startAt: string; endAt: string }[] }>(page, 'interventions.list', {
    scope: { filters: {} },
    sort: 'updatedAt',
    desc: true,
    offset: 0,
    limit: 5,
  });
  const saved = rows[0]!;
  client = saved.client;
  id = saved.id;
  expect(Temporal.Instant.from(saved.startAt).equals(startInstant)).toBe(true);
  expect(Temporal.Instant.from(saved.endAt).equals(endInstant)).toBe(true);

  // The grid: 10:00 and 12:00; every branch this clerk sees is in Rīga, so the headers name its zone once.
  const grid = page.getByTestId('interventions-grid');
  const row = grid.locator(`.ag-row[row-id="${id}"]:has([col-id=client])`);
  // The end is in the column chooser (the default columns fit 1366 px).
  await page.getByTestId('columns-button').click();
  await page.getByTestId('column-toggle-endAt').click();
  await page.keyboard.press('Escape');
  await expect(row.locator('[col-id=startAt]')).toContainText('10:00');
  await expect(grid.locator('.ag-header-cell[col-id=startAt]')).toContainText('Riga');
  await expect(grid.locator('.ag-header-cell[col-id=endAt]')).toContainText('Riga');
  await expect(row.locator('[col-id=endAt]')).toContainText('12:00');
  await expect(row).not.toContainText(computerHour);
  await shot(page, 'branch-time-grid');

  // Opened again: the same times in the form.
  await row.locator('[col-id=client]').dblclick();
  await expect(form.getByTestId('f-start')).toHaveValue(/10:00/);
  await expect(form.getByTestId('f-end')).toHaveValue(/12:00/);
  await expect(form.getByTestId('f-zone-note')).toContainText(BRANCH_ZONE);

  // The printed form: the same 10:00–12:00, and whose clock it is.
  const downloadPromise = page.waitForEvent('download', { timeout: 20_000 });
  await form.getByTestId('act-print').click();
  await page.getByTestId('preview-download').click();
  const printed = pdfText(await (await downloadPromise).path());
  expect(printed).toContain(client);
  expect(printed).toMatch(/10:00/);
  expect(printed).toMatch(/12:00/);
  expect(printed).toContain(BRANCH_ZONE);
  expect(printed).not.toContain(computerHour);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('preview-download')).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();

  // The appointments calendar runs on the branch's clock too.
  await page.getByTestId('iv-appointments').click();
  await page.getByTestId('cal-view').locator('input[value=timeGridWeek] + label').click();
  // The shown week by its first day: a week inside one month is titled by the month alone.
  const firstDay = page.getByTestId('appointments-screen').locator('[data-date]').first();
  await expect(firstDay).toHaveAttribute('data-date', /\d{4}-\d{2}-\d{2}/);
  const shownWeek = (await firstDay.getAttribute('data-date'))!;
  const event = page.getByTestId('cal-event').filter({ hasText: client });
  if (!(await event.isVisible())) {
    await page.getByTestId('cal-next').click();
    await expect(firstDay).not.toHaveAttribute('data-date', shownWeek);
  }
  await expect(event).toContainText('10:00');
  await expect(page.getByTestId('cal-zone-note')).toContainText(BRANCH_ZONE);
  await shot(page, 'branch-time-calendar');

  // The same in English.
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('cal-zone-note')).toHaveText(`Times in ${BRANCH_ZONE}`);
  await shot(page, 'branch-time-calendar-en');
  await page.getByTestId('nav-interventions').click();
  await expect(row.locator('[col-id=startAt]')).toContainText('10:00');
  await expect(grid.locator('.ag-header-cell[col-id=startAt]')).toContainText('(Riga)');
  await shot(page, 'branch-time-grid-en');
  await row.locator('[col-id=client]').dblclick();
  await expect(form.getByTestId('f-zone-note')).toHaveText(`Times in ${BRANCH_ZONE}`);
  await shot(page, 'branch-time-form-en');
  await page.keyboard.press('Escape');
});

test('the list report and the CSV and XLSX exports carry the branch time and name its zone', async ({ page }) => {
  await loginAs(page, server.url, 'dispatcher.riga');
  const scope = { filters: { search: client } };
  const columns = ['number', 'client', 'startAt', 'endAt', 'status'];

  const list = await apiCall<{ fileId: string }>(page, 'reports.interventionList', { scope, columns });
  const file = `${test.info().outputDir}/list.pdf`;
  fs.mkdirSync(test.info().outputDir, { recursive: true });
  fs.writeFileSync(file, await download(page, list.fileId));
  const listed = pdfText(file);
  expect(listed).toContain('10:00');
  expect(listed).toContain('12:00');
  expect(listed).toContain(BRANCH_ZONE);
  expect(listed).not.toContain(computerHour);

  // CSV from the export dialog, as a clerk makes it.
  await page.getByTestId('nav-interventions').click();
  await page.keyboard.press('Control+f');
  await page.keyboard.type(client);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('iv-total')).toHaveText(/(^|\D)1(\D|$)/);
  // The export carries the shown columns: the end too (in the column chooser since the default columns fit 1366 px).
  await page.getByTestId('columns-button').click();
  await page.getByTestId('column-toggle-endAt').click();
  await page.keyboard.press('Escape');
  await page.getByTestId('iv-export').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-format').locator('input[value=csv] + label').click();
  const downloadPromise = page.waitForEvent('download', { timeout: 20_000 });
  await dialog.getByTestId('export-ok').click();
  const csv = fs.readFileSync(await (await downloadPromise).path(), 'utf8');
  const [header, line] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(header).toContain(BRANCH_ZONE);
  expect(line).toContain(`${tomorrow.toString()} 10:00`);
  expect(line).toContain(`${tomorrow.toString()} 12:00`);

  // XLSX: the cells are the branch's wall clock (Excel has no zones), the header says which.
  const x = await apiCall<{ fileId: string }>(page, 'export.interventions', { scope, columns, format: 'xlsx' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await download(page, x.fileId)) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const titles = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
  const startCol = titles.findIndex((t) => t.includes(BRANCH_ZONE));
  expect(startCol).toBeGreaterThan(0);
  const cell = ws.getRow(2).getCell(startCol).value as Date;
  expect(cell.toISOString().slice(0, 16)).toBe(`${tomorrow.toString()}T10:00`);
});

test('someone who sees branches on different clocks reads each time with its place, and picks the branch in the calendar', async ({ page }) => {
  await loginAs(page, server.url, 'owner');
  await page.getByTestId('nav-interventions').click();
  const grid = page.getByTestId('interventions-grid');
  const row = grid.locator(`.ag-row[row-id="${id}"]:has([col-id=client])`);
  await expect(row.locator('[col-id=startAt]')).toContainText(/10:00 Riga$/);
  await expect(grid.locator('.ag-header-cell[col-id=startAt]')).not.toContainText('Riga');
  // A new form takes its branch's zone without counting as typed in: Escape closes it at once.
  await page.keyboard.press('Insert');
  const form = page.getByTestId('intervention-form');
  await expect(form.getByTestId('f-zone-note')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();

  await page.getByTestId('iv-appointments').click();
  await page.getByTestId('cal-view').locator('input[value=timeGridWeek] + label').click();
  await page.getByTestId('cal-branch').click();
  await page.getByRole('option', { name: 'Rīga' }).click();
  await expect(page.getByTestId('cal-zone-note')).toContainText(BRANCH_ZONE);
  // The shown week by its first day: a week inside one month is titled by the month alone.
  const firstDay = page.getByTestId('appointments-screen').locator('[data-date]').first();
  await expect(firstDay).toHaveAttribute('data-date', /\d{4}-\d{2}-\d{2}/);
  const shownWeek = (await firstDay.getAttribute('data-date'))!;
  const event = page.getByTestId('cal-event').filter({ hasText: client });
  if (!(await event.isVisible())) {
    await page.getByTestId('cal-next').click();
    await expect(firstDay).not.toHaveAttribute('data-date', shownWeek);
  }
  await expect(event).toContainText('10:00');
  // Yerevan's calendar runs on Yerevan's clock and does not hold Rīga's visit.
  await page.getByTestId('cal-branch').click();
  await page.getByRole('option', { name: 'Yerevan' }).click();
  await expect(page.getByTestId('cal-zone-note')).toContainText('Asia/Yerevan');
  await expect(event).toHaveCount(0);
  await shot(page, 'branch-time-calendar-owner');
});
