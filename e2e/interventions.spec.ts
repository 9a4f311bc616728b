import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { Temporal } from 'temporal-polyfill';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lv from '../src/shared/i18n/lv.json' with { type: 'json' };
import ru from '../src/shared/i18n/ru.json' with { type: 'json' };
import { dayOf } from '../src/shared/rules/dayOf';
import { apiAnswer, apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * Interventions as the call centre lives in it: a dispatcher records a request with the keyboard, the technician
 * confirms it, the manager validates and finalizes it; the grid is grouped, filtered, exported and printed;
 * the appointments calendar shows it.
 */
// Its grouping and count checks are about the documents this file makes: the demo's call centre stays empty here.
const server = demoServer({ demoSize: 0 });

interface Result<T> {
  ok: boolean;
  data: T;
  error?: { code: string; key: string };
}

async function openInterventions(page: Page): Promise<void> {
  await page.getByTestId('nav-interventions').click();
  await expect(page.getByTestId('interventions-screen')).toBeVisible();
  await expect(page.getByTestId('iv-total')).not.toBeEmpty();
}

/** Tab until the field with this test id has the focus, as a person walks a form. */
async function tabTo(page: Page, testId: string, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

/** Quick search for a client's rows, then into the grid with Enter: the focus lands on the first row found. */
async function findRows(page: Page, text: string, count = 1): Promise<void> {
  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('filter-search')).toBeFocused();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('iv-total')).toHaveText(new RegExp(`(^|\\D)${count}(\\D|$)`));
  await expect(page.getByTestId('interventions-grid').locator('.ag-row:has([data-status]) .ag-cell:focus')).toHaveCount(1);
}

function row(page: Page, text: string) {
  return page.getByTestId('interventions-grid').locator('.ag-row:has([data-status])', { hasText: text });
}

let client = '';
const zoneName = `Centrs ${Date.now() % 10000}`;

test('a dispatcher records an intervention with the keyboard; it is allocated', async ({ page }) => {
  await loginAs(page, server.url, 'dispatcher.riga');

  // A company client (unique name) for our intervention; a few other requests so the grid has something to group.
  const clients = await apiCall<{ rows: { id: string; name: string; fiscalCode: string | null }[] }>(page, 'clients.list', { limit: 500, offset: 0 });
  const company = clients.rows.find((c) => c.fiscalCode)!;
  client = company.name;
  const me = await apiCall<{ branchIds: string[] }>(page, 'auth.me', {});
  const today = new Date().toISOString().slice(0, 10);
  for (const [i, c] of clients.rows.filter((c) => c.id !== company.id).slice(0, 9).entries()) {
    const r = await apiAnswer(page, 'interventions.create', { branchId: me.branchIds[0], clientId: c.id, priority: (['low', 'medium', 'high'] as const)[i % 3], docDate: today, notes: `Seed ${i}` });
    expect(r.ok).toBe(true);
  }

  // A commercial zone (nomenclature) to pick in the form and to filter by later.
  const z = await apiAnswer(page, 'nomenclature.create', { kind: 'zone', name: zoneName, code: 'C1' });
  expect(z.ok).toBe(true);

  await openInterventions(page);
  await expect(page.getByTestId('iv-total')).toContainText('9');
  await shot(page, 'interventions-grid');

  // Insert opens a new document with the focus on the client.
  await page.keyboard.press('Insert');
  const form = page.getByTestId('intervention-form');
  await expect(form).toBeVisible();
  await expect(form.getByTestId('f-client')).toBeFocused();
  await page.keyboard.type(client);
  await expect(page.getByRole('option', { name: client })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('f-client')).toHaveValue(client);
  await expect(form.getByTestId('f-client-info')).not.toHaveValue('');

  // Tab follows the call: the caller's problem, then priority (arrow keys move it to High).
  await page.keyboard.press('Tab');
  await expect(form.getByTestId('f-notes')).toBeFocused();
  await page.keyboard.type('Boiler makes a noise at night');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await expect(form.locator('input[type=radio][value=high]')).toBeChecked();

  // Scheduled start and end, typed as a clerk types them: "+1 10:00" is tomorrow at ten, and the end only needs its time.
  await tabTo(page, 'f-start');
  await page.keyboard.type('+1 10:00');
  await page.keyboard.press('Tab');
  await expect(form.getByTestId('f-end')).toBeFocused();
  await page.keyboard.type('12:00');
  await page.keyboard.press('Tab');
  await expect(form.getByTestId('f-start')).not.toHaveValue('+1 10:00');

  // Taken by, then (after the call) the responsible: typed and picked with Enter.
  await expect(form.getByTestId('f-taken-by')).toBeFocused();
  // Pickers name colleagues; logins are for those who administer users.
  await page.keyboard.type('Kārlis');
  await expect(page.getByRole('option', { name: 'Kārlis Zariņš' })).toBeVisible();
  await page.keyboard.press('Enter');
  await tabTo(page, 'f-responsible');
  await page.keyboard.type('Ольга');
  await expect(page.getByRole('option', { name: 'Ольга Смирнова' })).toBeVisible();
  await page.keyboard.press('Enter');
  await tabTo(page, 'f-serial');
  await page.keyboard.type('SN-4711');

  await tabTo(page, 'f-zone');
  await page.keyboard.type(zoneName.slice(0, 6));
  // The first match is highlighted: Enter takes it.
  await expect(page.locator('[role=option][data-combobox-selected]', { hasText: zoneName })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('f-zone')).toHaveValue(`C1 · ${zoneName}`);
  // The status the document will have once saved, derived as main derives it.
  await expect(form.getByTestId('f-status')).toHaveAttribute('data-status', 'allocated');
  await shot(page, 'interventions-form');

  await page.keyboard.press('Control+s');
  await expect(form).toBeHidden();

  // The new row, allocated.
  await findRows(page, client);
  await expect(page.getByTestId('iv-total')).toContainText('1');
  await expect(row(page, client).locator('[data-status]')).toHaveAttribute('data-status', 'allocated');
  // The serial typed in the form was stored: its column (not shown by default) is turned on and shows it.
  // Pinned on the left, so it is drawn whatever the width; a pinned cell sits in its own row element of the same id.
  await page.getByTestId('columns-button').click();
  await page.getByTestId('column-toggle-objectSerial').click();
  await page.getByTestId('column-pin-objectSerial').getByText('⇤').click();
  await page.getByTestId('columns-button').click();
  const rowId = await row(page, client).first().getAttribute('row-id');
  await expect(page.getByTestId('interventions-grid').locator(`.ag-row[row-id="${rowId}"] [col-id="objectSerial"]`)).toHaveText('SN-4711');
  await page.getByTestId('columns-button').click();
  await page.getByTestId('column-toggle-objectSerial').click();
  await page.getByTestId('columns-button').click();
  await expect(page.getByTestId('interventions-grid').locator('.ag-header-cell[col-id="objectSerial"]')).toHaveCount(0);
});

test('the technician confirms it and notes progress on the timeline', async ({ page }) => {
  await loginAs(page, server.url, 'tech.riga');
  await openInterventions(page);
  await findRows(page, client);
  await expect(row(page, client)).toHaveCount(1);
  // Enter from the search went to the grid; Enter again opens the document.
  await page.keyboard.press('Enter');
  const form = page.getByTestId('intervention-form');
  await expect(form).toBeVisible();
  await expect(form.getByTestId('intervention-status')).toHaveAttribute('data-status', 'allocated');
  await form.getByTestId('act-confirm').click();
  await expect(form.getByTestId('intervention-status')).toHaveAttribute('data-status', 'confirmed');

  // A line with a file (style 1) and a registry entry.
  await form.getByTestId('timeline-style').locator('input[value="1"] + label').click();
  await form.getByTestId('timeline-registry').fill('REG-12/2026');
  const file = path.join(os.tmpdir(), `planora-photo-${Date.now()}.txt`);
  fs.writeFileSync(file, 'photo of the boiler plate');
  const chooser = page.waitForEvent('filechooser');
  await form.getByTestId('timeline-file').click();
  await (await chooser).setFiles(file);
  await form.getByTestId('timeline-text').fill('Parts ordered, photo attached');
  await page.keyboard.press('Control+Enter');
  await expect(form.getByTestId('timeline-line')).toHaveCount(1);
  await expect(form.getByTestId('timeline-line').first()).toContainText('REG-12/2026');
  await expect(form.getByTestId('timeline-attachment')).toContainText(path.basename(file));
  // And a plain remark (style 2).
  await form.getByTestId('timeline-style').locator('input[value="2"] + label').click();
  await form.getByTestId('timeline-text').fill('Visit tomorrow 10:00');
  await form.getByTestId('timeline-add-button').click();
  await expect(form.getByTestId('timeline-line')).toHaveCount(2);
  await expect(form.locator('[data-testid=timeline-line][data-style="2"]')).toContainText('Visit tomorrow');

  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(row(page, client).locator('[data-status]')).toHaveAttribute('data-status', 'confirmed');
});

test('the manager validates and finalizes it and prints the form', async ({ page }) => {
  await loginAs(page, server.url, 'manager.riga');
  await openInterventions(page);
  await findRows(page, client);
  await expect(row(page, client)).toHaveCount(1);
  await page.keyboard.press('Enter');
  const form = page.getByTestId('intervention-form');
  await expect(form.getByTestId('intervention-status')).toHaveAttribute('data-status', 'confirmed');

  await form.getByTestId('act-validate').click();
  await expect(form.getByTestId('intervention-valid')).toBeVisible();
  await expect(form.getByTestId('intervention-form-title')).toContainText('RIX-');
  await form.getByTestId('act-finalize').click();
  await expect(form.getByTestId('intervention-status')).toHaveAttribute('data-status', 'finalized');
  // A finalized document is read-only: no more workflow buttons.
  await expect(form.getByTestId('act-finalize')).toBeHidden();
  await expect(form.getByTestId('act-cancel')).toBeHidden();

  // The printable form: main makes the PDF, the print preview shows it and downloads it; its text names the client and the number.
  const print = form.getByTestId('act-print');
  await expect(print).toBeVisible();
  const downloadPromise = page.waitForEvent('download', { timeout: 20_000 });
  await print.click();
  await page.getByTestId('preview-download').click();
  const pdf = await (await downloadPromise).path();
  expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain(client);
  expect(text).toContain('RIX-');
  // Esc closes the preview, then the form.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('preview-download')).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(row(page, client).locator('[data-status]')).toHaveAttribute('data-status', 'finalized');
  await expect(row(page, client)).toContainText('RIX-');

  // Found again by its number typed the short way, as read out on the phone: series letters and digits, no zeros.
  const number = /RIX-\d+/.exec(await row(page, client).innerText())![0];
  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('filter-search')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(`rix${Number(number.slice(4))}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('iv-total')).toHaveText(/(^|\D)1(\D|$)/);
  await expect(row(page, number)).toBeVisible();
});

test('the grid groups by status then priority, shows the groups as a tree, filters by zone and exports', async ({ page }) => {
  await loginAs(page, server.url, 'manager.riga');
  await openInterventions(page);
  await expect(page.getByTestId('iv-total')).toContainText('10');

  // Group by status, then priority.
  await page.getByTestId('group-add').click();
  await page.getByTestId('group-add-status').click();
  await page.getByTestId('group-add').click();
  await page.getByTestId('group-add-priority').click();
  const groups = page.getByTestId('group-row');
  await expect(page.locator('[data-testid=group-row][data-depth="0"]')).toHaveCount(2);
  const received = page.locator('[data-testid=group-row][data-depth="0"][data-group-key=received]');
  const finalized = page.locator('[data-testid=group-row][data-depth="0"][data-group-key=finalized]');
  await expect(received.getByTestId('group-count')).toHaveText('9');
  await expect(finalized.getByTestId('group-count')).toHaveText('1');

  // Keyboard: → opens the focused group (its priorities below with their counts), → on a priority shows its rows.
  const focusedGroup = page.locator('.ag-full-width-row:focus [data-testid=group-row]');
  await received.click();
  await expect(page.locator('[data-testid=group-row][data-depth="1"]')).toHaveCount(3);
  await expect(page.locator('[data-testid=group-row][data-depth="1"][data-group-key=high] [data-testid=group-count]')).toHaveText('3');
  await expect(focusedGroup).toHaveAttribute('data-group-key', 'received');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('[data-testid=group-row][data-depth="1"]')).toHaveCount(0);
  await expect(focusedGroup).toHaveAttribute('data-group-key', 'received');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-testid=group-row][data-depth="1"]')).toHaveCount(3);
  await expect(focusedGroup).toHaveAttribute('data-group-key', 'received');
  await page.keyboard.press('ArrowDown');
  await expect(focusedGroup).toHaveAttribute('data-group-key', 'low');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('interventions-grid').locator('.ag-row:has([data-status])')).toHaveCount(3);
  await expect(received).toHaveAttribute('data-expanded', 'true');
  await shot(page, 'interventions-grouped');
  // "-" on a row closes its group again.
  await expect(focusedGroup).toHaveAttribute('data-group-key', 'low');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.ag-cell:focus')).toHaveCount(1);
  await page.keyboard.press('-');
  await expect(page.getByTestId('interventions-grid').locator('.ag-row:has([data-status])')).toHaveCount(0);

  // The same grouping as a tree on the left (a module setting); a node shows its group's rows.
  await page.getByTestId('iv-more').click();
  await page.getByTestId('iv-settings').click();
  await page.getByTestId('setting-groupsOnLeft').click();
  await page.getByTestId('settings-save').click();
  const tree = page.getByTestId('group-tree');
  await expect(tree).toBeVisible();
  await tree.locator('[data-testid=tree-node][data-group-key=finalized]').click();
  await expect(page.getByTestId('iv-total')).toContainText('1');
  await expect(row(page, client)).toHaveCount(1);
  await page.keyboard.press('ArrowRight');
  await expect(tree.locator('[data-testid=tree-node][data-depth="2"]')).toHaveCount(1);
  await tree.locator('[data-testid=tree-node][data-group-key=received]').click();
  await expect(page.getByTestId('iv-total')).toContainText('9');
  await shot(page, 'interventions-tree');
  await page.getByTestId('tree-root').click();
  await expect(page.getByTestId('iv-total')).toContainText('10');

  // Back to groups in the grid, and no grouping.
  await page.getByTestId('iv-more').click();
  await page.getByTestId('iv-settings').click();
  await page.getByTestId('setting-groupsOnLeft').click();
  await page.getByTestId('settings-save').click();
  await expect(tree).toBeHidden();
  await page.getByTestId('group-remove-1').click();
  await page.getByTestId('group-remove-0').click();
  await expect(groups).toHaveCount(0);

  // Filter by commercial zone: only our intervention has one.
  await page.getByTestId('filter-more').click();
  await page.getByTestId('filter-zone').click();
  await page.getByRole('option', { name: new RegExp(zoneName) }).click();
  await expect(page.getByTestId('iv-total')).toContainText('1');
  await expect(row(page, client)).toHaveCount(1);
  await page.getByTestId('filter-clear').click();
  await expect(page.getByTestId('iv-total')).toContainText('10');

  // Export exactly the filtered rows and shown columns to XLSX, and read the file back.
  await page.getByTestId('filter-status').click({ force: true });
  await page.locator('[role=option][value=received]').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('iv-total')).toContainText('9');
  // What the grid shows for that filter: its count, and each row's client and status.
  const gridRows = page.getByTestId('interventions-grid').locator('.ag-row:has([data-status])');
  const shown = Number((await page.getByTestId('iv-total').innerText()).replace(/\D+/g, ''));
  await expect(gridRows).toHaveCount(shown);
  const gridClients = (await gridRows.locator('[col-id="client"]').allInnerTexts()).map((c) => c.trim()).sort();
  // Our finalized document is not among the received ones.
  expect(gridClients).toHaveLength(shown);
  expect(gridClients).not.toContain(client);
  await page.getByTestId('iv-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toContainText(String(shown));
  const downloadPromise = page.waitForEvent('download', { timeout: 20_000 });
  await dialog.getByTestId('export-ok').click();
  await expect(dialog.getByTestId('export-progress')).toBeVisible();
  const file = await (await downloadPromise).path();
  await expect(dialog.getByTestId('export-link')).toBeVisible();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).filter(Boolean).map(String);
  // The grid's shown columns (the status stripe aside), one file column each.
  expect(header.length).toBe(await page.getByTestId('interventions-grid').locator('.ag-header-cell[col-id]:not([col-id=flag])').count());
  expect(header.length).toBeGreaterThanOrEqual(9);
  // As many rows as the grid counted for the filter, and the same documents in them.
  expect(ws.actualRowCount).toBe(1 + shown);
  const column = (title: string) => {
    const at = (ws.getRow(1).values as unknown[]).findIndex((v) => String(v) === title);
    expect(at, title).toBeGreaterThan(0);
    return Array.from({ length: shown }, (_, i) => String(ws.getRow(i + 2).getCell(at).value ?? '').trim());
  };
  // The file is in the manager's language (Russian).
  expect(column(ru.interventions.col.client).sort()).toEqual(gridClients);
  expect(new Set(column(ru.interventions.col.status))).toEqual(new Set([ru.reports.status.received]));
});

test('appointments by week, and the grid in Latvian', async ({ page }) => {
  await loginAs(page, server.url, 'dispatcher.riga');
  await openInterventions(page);
  await page.getByTestId('iv-appointments').click();
  await expect(page.getByTestId('appointments-screen')).toBeVisible();
  await page.getByTestId('cal-view').locator('input[value=timeGridWeek] + label').click();
  // Weeks start on Monday here: on a Sunday in Rīga (the branch's calendar, which "+1" counted on), tomorrow's visit is in next week.
  if (Temporal.PlainDate.from(dayOf('Europe/Riga', Date.now()).date).dayOfWeek === 7) await page.getByTestId('cal-next').click();
  const event = page.getByTestId('cal-event').filter({ hasText: client });
  await expect(event).toBeVisible();
  await shot(page, 'interventions-calendar');
  // Clicking an appointment opens its document.
  await event.click();
  await expect(page.getByTestId('intervention-form')).toBeVisible();
  await expect(page.getByTestId('f-client')).toHaveValue(client);
  await page.keyboard.press('Escape');

  // The whole UI in Latvian at once.
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: 'Latviešu' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'lv');
  await openInterventions(page);
  // Headers and statuses are Latvian, not only the page's language attribute.
  const header = (col: string) => page.getByTestId('interventions-grid').locator(`.ag-header-cell[col-id="${col}"]`);
  await expect(header('client')).toContainText(lv.interventions.col.client);
  await expect(header('status')).toContainText(lv.interventions.col.status);
  await expect(header('priority')).toContainText(lv.interventions.col.priority);
  const status = row(page, client).locator('[data-status]');
  const stored = (await status.getAttribute('data-status')) as keyof typeof lv.interventions.statuses;
  await expect(status).toHaveText(lv.interventions.statuses[stored]);
  expect(lv.interventions.statuses[stored]).not.toBe(en.interventions.statuses[stored]);
  await shot(page, 'interventions-grid-lv');
});

test("the object is picked from the client's past objects with the keyboard, and its serial comes along", async ({ page }) => {
  await loginAs(page, server.url, 'dispatcher.riga');

  // A client with two earlier interventions on the same boiler model, two serials; the later one is listed first.
  const clients = await apiCall<{ rows: { id: string; name: string; fiscalCode: string | null }[] }>(page, 'clients.list', { limit: 500, offset: 0 });
  const other = clients.rows.find((c) => c.name !== client)!;
  const me = await apiCall<{ branchIds: string[] }>(page, 'auth.me', {});
  const suffix = String(Date.now() % 100000);
  const product = await apiCall<{ id: string }>(page, 'products.create', { code: `GK-${suffix}`, name: 'Gāzes katls 24 kW', isSystem: false });
  for (const [docDate, serial] of [
    ['2026-01-12', `K1-${suffix}`],
    ['2026-03-05', `K2-${suffix}`],
  ]) {
    const r = await apiAnswer(page, 'interventions.create', { branchId: me.branchIds[0], clientId: other.id, priority: 'low', docDate, objectProductId: product.id, objectSerial: serial });
    expect(r.ok).toBe(true);
  }

  await openInterventions(page);
  await page.keyboard.press('Insert');
  const form = page.getByTestId('intervention-form');
  await expect(form.getByTestId('f-client')).toBeFocused();
  await page.keyboard.type(other.name);
  await expect(page.getByRole('option', { name: other.name })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('f-client')).toHaveValue(other.name);

  // ↓ opens the object list: the client's objects first, most recent first, then the products.
  await tabTo(page, 'f-object');
  await page.keyboard.press('ArrowDown');
  const options = page.getByRole('option');
  await expect(options.nth(0)).toContainText(`K2-${suffix}`);
  await expect(options.nth(1)).toContainText(`K1-${suffix}`);
  // The date it was last serviced, dimmed beside it (in the user's locale).
  await expect(options.nth(1)).toContainText(/12\D01\D(20)?26/);
  await shot(page, 'interventions-object-picker');

  // Typing part of a serial finds that object; Enter takes it and fills the serial too.
  await page.keyboard.type(`K1-${suffix}`);
  await expect(page.locator('[role=option][data-combobox-selected]', { hasText: `K1-${suffix}` })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('f-object')).toHaveValue(`GK-${suffix} · Gāzes katls 24 kW`);
  await expect(form.getByTestId('f-serial')).toHaveValue(`K1-${suffix}`);
  await shot(page, 'interventions-object-picked');

  await page.keyboard.press('Control+s');
  await expect(form).toBeHidden();
  // Saved with both: the object now has today's document as its latest intervention.
  const objects = await apiCall<{ serial: string | null; lastDate: string }[]>(page, 'interventions.clientObjects', { clientId: other.id });
  expect(objects.find((o) => o.serial === `K1-${suffix}`)?.lastDate).not.toBe('2026-01-12');
});
