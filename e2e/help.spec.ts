import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { apiCall, demoServer, expect, loginAs, shot, SHOTS, test } from './fixtures';

/**
 * Help on F1 (and the header's Help button) for the screen in front, in the reader's language; the grid's colour
 * legend; and web mode's print preview of the intervention form, with the online report's QR code when it is on.
 */
const server = demoServer({ demoSize: 0 });
const tag = String(Date.now() % 100000);
const clientName = `Preview Klients ${tag}`;

async function inLanguage(page: Page, language: string): Promise<void> {
  await apiCall(page, 'auth.setLanguage', { language });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

async function openGrid(page: Page): Promise<void> {
  await page.getByTestId('nav-interventions').click();
  await expect(page.getByTestId('interventions-screen')).toBeVisible();
}

test('F1 opens the help of the screen in front: grid, form, appointments; a screen without one says so', async ({ page }) => {
  await loginAs(page, server.url, 'dispatcher.riga');
  await inLanguage(page, 'en');
  await openGrid(page);
  await page.keyboard.press('F1');
  const dialog = page.getByTestId('help-dialog');
  await expect(dialog.getByTestId('help-page')).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Help: Interventions' })).toBeVisible();
  for (const text of ['Keys', 'Insert', 'Received', 'Finalized', 'Legend']) await expect(dialog).toContainText(text);
  // Rendered as text: the keys are <kbd>, and no HTML from the page reaches the document.
  await expect(dialog.locator('kbd', { hasText: 'Enter' })).toHaveCount(1);
  await shot(page, 'help-grid-en');
  await page.keyboard.press('Escape');
  await expect(dialog.getByTestId('help-page')).toBeHidden();

  // Over the open form, from inside a field: the form's help.
  await page.getByTestId('iv-add').click();
  const form = page.getByTestId('intervention-form');
  await expect(form.getByTestId('f-client')).toBeFocused();
  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog', { name: 'Help: Intervention form' })).toBeVisible();
  await expect(dialog).toContainText('Ctrl+S');
  await expect(dialog).toContainText('you can still save');
  await shot(page, 'help-form-en');
  await page.keyboard.press('Escape');
  await expect(dialog.getByTestId('help-page')).toBeHidden();
  await expect(form).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();

  // The header's button on the appointments screen.
  await page.getByTestId('iv-appointments').click();
  await page.getByTestId('help-button').click();
  await expect(page.getByRole('dialog', { name: 'Help: Appointments' })).toBeVisible();
  await expect(dialog).toContainText('Drag');
  await page.keyboard.press('Escape');

  // A screen that has no page yet.
  await page.getByTestId('nav-clients').click();
  await page.keyboard.press('F1');
  await expect(dialog.getByTestId('help-none')).toHaveText('This screen has no help page yet.');
  await page.keyboard.press('Escape');
});

for (const [code, title, status] of [
  ['lt', 'Pagalba: Kreipiniai', 'Gautas'],
  ['ro', 'Asistență: Sesizări', 'Primită'],
] as const) {
  test(`the help comes in the reader's language (${code})`, async ({ page }) => {
    await loginAs(page, server.url, 'dispatcher.riga');
    await inLanguage(page, code);
    await openGrid(page);
    await page.keyboard.press('F1');
    await expect(page.getByRole('dialog', { name: title })).toBeVisible();
    const help = page.getByTestId('help-page');
    await expect(help).toHaveAttribute('lang', code);
    await expect(help).toContainText(status);
    await shot(page, `help-grid-${code}`);
    await page.keyboard.press('Escape');
  });
}

test("the grid's legend explains the row shading and the marks", async ({ page }) => {
  await loginAs(page, server.url, 'dispatcher.riga');
  await inLanguage(page, 'en');
  await openGrid(page);
  await page.getByTestId('iv-legend').click();
  const panel = page.getByTestId('iv-legend-panel');
  await expect(panel).toBeVisible();
  for (const text of ['Received', 'Allocated', 'Confirmed', 'Finalized', 'Cancelled', 'high priority', '⚠']) await expect(panel).toContainText(text);
  // Drawn with the grid's own classes: the stripe of "allocated" is the one the rows carry.
  await expect(panel.locator('.pl-flag-allocated')).toHaveCount(1);
  await shot(page, 'grid-legend-en');
  await inLanguage(page, 'ro');
  await openGrid(page);
  await page.getByTestId('iv-legend').click();
  await expect(page.getByTestId('iv-legend-panel')).toContainText('prioritate ridicată');
  await shot(page, 'grid-legend-ro');
});

test('print opens a preview with the PDF and a Print button; its labels are the screen\'s; the online report adds a QR code', async ({ page }) => {
  await loginAs(page, server.url, 'owner');
  await inLanguage(page, 'en');
  const settings = await apiCall<Record<string, unknown>>(page, 'interventions.settings', {});
  await apiCall(page, 'interventions.setSettings', { ...settings, crmOnlineReport: true });
  const me = await apiCall<{ branchIds: string[] }>(page, 'auth.me', {});
  const branches = await apiCall<{ id: string }[]>(page, 'branches.list', {});
  const client = await apiCall<{ client: { id: string } }>(page, 'clients.create', { kind: 'person', name: clientName, phones: [], emails: [], addresses: [], contacts: [] });
  await apiCall(page, 'interventions.create', { branchId: me.branchIds[0] ?? branches[0]!.id, clientId: client.client.id, priority: 'high', docDate: new Date().toISOString().slice(0, 10), notes: 'Boiler does not start' });
  await openGrid(page);
  await page.getByTestId('interventions-grid').locator('.ag-row', { hasText: clientName }).first().dblclick();
  const form = page.getByTestId('intervention-form');
  await expect(form).toBeVisible();
  // The screen names the field "Intervention type"; the paper must too.
  await expect(form).toContainText('Intervention type');

  const shown = page.waitForResponse((r) => r.url().includes('/api/files/') && r.url().includes('view=preview'));
  await form.getByTestId('act-print').click();
  const preview = page.getByRole('dialog', { name: 'Print preview' });
  await expect(preview).toBeVisible();
  const answer = await shown;
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toBe('application/pdf');
  expect(answer.headers()['x-frame-options']).toBe('SAMEORIGIN');
  await expect(preview.getByTestId('preview-frame')).toHaveAttribute('src', /\/api\/files\/.+\?view=preview$/);

  // Print asks the browser to print the framed document itself (its print dialog, for the PDF alone).
  await preview.getByTestId('preview-frame').evaluate((f: HTMLIFrameElement) => {
    const w = f.contentWindow;
    (window as Window & { printedFrame?: boolean }).printedFrame = false;
    if (w) w.print = () => void ((window as Window & { printedFrame?: boolean }).printedFrame = true);
  });
  await preview.getByTestId('preview-print').click();
  expect(await page.evaluate(() => (window as Window & { printedFrame?: boolean }).printedFrame)).toBe(true);
  await shot(page, 'print-preview-en');

  // Download gives the same PDF: the screen's labels, the client, the online report with its link.
  const download = page.waitForEvent('download', { timeout: 20_000 });
  await preview.getByTestId('preview-download').click();
  const pdf = await (await download).path();
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain(clientName);
  expect(text).toContain('Intervention type');
  expect(text).not.toContain('Request type');
  expect(text.replace(/\s+/g, '')).toContain('portal.planora.invalid');
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(SHOTS, 'print-form-qr-page1')]);
  expect(fs.existsSync(path.join(SHOTS, 'print-form-qr-page1.png'))).toBe(true);

  await expect(form).toBeAttached();
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();
  await expect(form).toBeVisible();
  await apiCall(page, 'interventions.setSettings', { ...settings, crmOnlineReport: false });
});
