import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lt from '../src/shared/i18n/lt.json' with { type: 'json' };
import { apiCall, demoServer, expect, loginAs, shot, SHOTS, test } from './fixtures';

/**
 * A branch manager's month-end on the demo, in English and Lithuanian: a task done today with a material on it, this
 * month's invoices generated from the keyboard, one reviewed (a line added), approved, sent as an e-invoice, printed,
 * and the month handed to Rivile.
 */
// The organization alone (no call centre): what the month bills is made here, so the demo loads within the fixture's time.
const server = demoServer({ demoSize: 0 });

const LANGS = [
  { code: 'en', cat: en },
  { code: 'lt', cat: lt },
] as const;

const thisMonth = () => new Date().toISOString().slice(0, 7);

for (const { code, cat } of LANGS) {
  test(`a manager generates, reviews, approves, exports and prints the month's invoices (${code})`, async ({ page }) => {
    test.setTimeout(240_000);
    await loginAs(page, `${server.url}/#/home`, 'manager.riga');
    await apiCall(page, 'auth.setLanguage', { language: code });
    // Today's work for a client of our own: done, with a material the invoice bills.
    const riga = (await apiCall<{ id: string; name: string }[]>(page, 'branches.list', {})).find((b) => b.name === 'Rīga')!.id;
    const tech = (await apiCall<{ id: string; name: string }[]>(page, 'users.directory', { branchId: riga }))[0]!;
    const series = await apiCall<{ branchId: string }[]>(page, 'series.list', { docType: 'invoice' });
    if (!series.some((s) => s.branchId === riga)) await apiCall(page, 'series.create', { docType: 'invoice', branchId: riga, prefix: 'SF-', padding: 5, nextNumber: 1 });
    const name = `UAB Ąžuolas ${code} ${Date.now() % 100000}`;
    const client = (await apiCall<{ client: { id: string } }>(page, 'clients.create', { kind: 'company', name, fiscalCode: `30${Date.now() % 10000000}`, preferredLanguage: 'lt', phones: [], emails: [], addresses: [], contacts: [] })).client.id;
    let task = await apiCall<{ id: string; version: number }>(page, 'tasks.create', { branchId: riga, clientId: client, priority: 'medium', description: 'Boiler', assigneeId: tech.id });
    await apiCall(page, 'invoices.saveMaterial', { taskId: task.id, name: 'Vožtuvas ½"', quantityMilli: 2000, unit: 'H87', unitPriceMinor: 1250 });
    task = await apiCall(page, 'tasks.move', { id: task.id, version: task.version, status: 'in_progress' });
    await apiCall(page, 'tasks.move', { id: task.id, version: task.version, status: 'done' });

    await page.goto(`${server.url}/#/invoices`);
    await page.reload();
    await expect(page.getByTestId('invoices-screen')).toBeVisible();
    await expect(page.getByRole('heading', { name: cat.invoices.title })).toBeVisible();
    await page.getByTestId('invoices-month').fill(thisMonth());
    await page.locator('body').click();
    await page.keyboard.press('Alt+G');
    await expect(page.getByTestId('invoices-notice')).toBeVisible();
    const row = page.getByTestId('invoices-table').getByText(name);
    await expect(row).toBeVisible();
    await shot(page, `invoices-list-${code}`);

    await row.dblclick();
    // The dialog's content (Mantine keeps the modal's root itself out of the layout).
    const dialog = page.locator('section[role=dialog]');
    await expect(dialog.getByTestId('invoice-lines')).toBeVisible();
    await expect(dialog.getByTestId('invoice-lines')).toContainText('Vožtuvas');
    await dialog.getByTestId('invoice-add-line').click();
    await dialog.getByTestId('line-description').fill(code === 'lt' ? 'Iškvietimas' : 'Call-out');
    await dialog.getByTestId('line-quantity').fill('1');
    await dialog.getByTestId('line-price').fill('15');
    await dialog.getByTestId('line-save').click();
    await expect(dialog.getByTestId('invoice-line-2')).toBeVisible();
    // 25.00 + 15.00 at 21 %: 48.40.
    await expect(dialog.getByTestId('invoice-total')).toContainText(/48[.,]40/);
    await page.keyboard.press('Alt+A');
    await expect(dialog.getByTestId('invoice-status')).toHaveText(cat.invoices.status.approved);
    await shot(page, `invoice-approved-${code}`);

    const ublDownload = page.waitForEvent('download', { timeout: 60_000 });
    await dialog.getByTestId('invoice-ubl').click();
    const ubl = fs.readFileSync(await (await ublDownload).path(), 'utf8');
    expect(ubl).toContain('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0');
    expect(ubl).toContain('<cbc:PayableAmount currencyID="EUR">48.40</cbc:PayableAmount>');

    const pdfDownload = page.waitForEvent('download', { timeout: 60_000 });
    await dialog.getByTestId('invoice-print').click();
    await page.getByTestId('preview-download').click();
    const pdf = await (await pdfDownload).path();
    await page.keyboard.press('Escape');
    fs.mkdirSync(SHOTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(SHOTS, `invoice-pdf-${code}`)]);
    // The client reads Lithuanian, whoever prints it.
    expect(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })).toContain(lt.invoices.pdf.total);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('invoice-lines')).toBeHidden();

    const rivileDownload = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('invoices-rivile').click();
    const rivile = fs.readFileSync(await (await rivileDownload).path(), 'utf8');
    expect(rivile).toContain('<I06_OP_TIP>51</I06_OP_TIP>');
    expect(rivile).toContain(name);
    await expect(page.getByTestId('invoices-table').getByText(cat.invoices.status.exported).first()).toBeVisible();
  });
}
