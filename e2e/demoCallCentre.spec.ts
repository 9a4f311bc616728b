import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import ro from '../src/shared/i18n/ro.json' with { type: 'json' };
import { SHOTS, apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * The demo organization as a new dispatcher finds it: a busy call centre (not data this test made), its appointments
 * of the coming two weeks, and every report of the seed reached from the toolbar's reports menu and from the form.
 */
const server = demoServer();

const LANGS = [
  { code: 'en', name: 'English', cat: en },
  { code: 'ro', name: 'Română', cat: ro },
] as const;
const LISTS = ['interventionList', 'objectsList', 'objectsDetailed', 'productsList'] as const;
const DOCUMENTS = ['evolutionSheet', 'interventionForm'] as const;

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** The first page of a PDF as a PNG under e2e/screenshots, for a person to look at. */
function firstPage(file: string, name: string): void {
  fs.mkdirSync(SHOTS, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, path.join(SHOTS, name)]);
}

/** Clicks something that makes the browser download a report (a print: from its preview), and returns the report's text. */
async function downloaded(page: Page, click: () => Promise<void>, shotName: string, previewed = false): Promise<string> {
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await click();
  if (previewed) {
    await page.getByTestId('preview-download').click();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('preview-download')).toBeHidden();
  }
  const file = await (await download).path();
  firstPage(file, shotName);
  return pdfText(file);
}

const total = async (page: Page) => Number((await page.getByTestId('iv-total').innerText()).replace(/\D/g, ''));

async function chooseLanguage(page: Page, lang: (typeof LANGS)[number]): Promise<void> {
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: lang.name }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
}

for (const lang of LANGS) {
  test(`dispatcher.riga finds a busy call centre and reaches every report (${lang.code})`, async ({ page }) => {
    test.setTimeout(240_000);
    await loginAs(page, server.url, 'dispatcher.riga');
    await chooseLanguage(page, lang);

    // The grid: hundreds of their branch's documents at once.
    await page.getByTestId('nav-interventions').click();
    await expect(page.getByTestId('iv-total')).not.toBeEmpty();
    expect(await total(page)).toBeGreaterThan(1000);
    const rows = page.getByTestId('interventions-grid').locator('.ag-row:has([col-id=client])');
    await expect(rows.first()).toBeVisible();
    // ag-grid draws the page's rows a few at a time after the first: count once they are drawn.
    await expect.poll(() => rows.count()).toBeGreaterThan(10);
    await shot(page, `demo-grid-${lang.code}`);

    // Appointments of the coming two weeks, in the calendar.
    const now = Date.now();
    const ahead = await apiCall<unknown[]>(page, 'interventions.calendar', { from: new Date(now).toISOString(), to: new Date(now + 14 * 86_400_000).toISOString() });
    expect(ahead.length).toBeGreaterThan(50);
    await page.getByTestId('iv-appointments').click();
    await expect(page.getByTestId('appointments-screen')).toBeVisible();
    await page.getByTestId('cal-view').locator('input[value=timeGridWeek] + label').click();
    // Next week lies wholly in the coming two weeks, whatever day today is. Its first day, not the title, tells the
    // week: a week inside one month is titled by the month alone.
    const firstDay = page.getByTestId('appointments-screen').locator('[data-date]').first();
    await expect(firstDay).toHaveAttribute('data-date', /\d{4}-\d{2}-\d{2}/);
    const thisWeek = await firstDay.getAttribute('data-date');
    await page.getByTestId('cal-next').click();
    await expect(firstDay).not.toHaveAttribute('data-date', thisWeek!);
    await expect(page.getByTestId('cal-event').first()).toBeVisible();
    await expect.poll(() => page.getByTestId('cal-event').count()).toBeGreaterThan(10);
    await shot(page, `demo-calendar-${lang.code}`);
    await page.getByTestId('cal-back').click();

    // The lists print the grid's current filter: one client's documents.
    const named = rows.locator('[col-id=client]').filter({ hasText: /\S/ }).first();
    await expect(named).toBeVisible();
    const client = (await named.innerText()).trim();
    await page.getByTestId('filter-search').fill(client);
    await page.getByTestId('filter-search').press('Enter');
    // The total is blank while the new filter is counted: wait for the client's own count, not the blank.
    await expect.poll(async () => { const n = await total(page); return n > 0 && n < 200; }).toBe(true);
    const filtered = await total(page);
    const mine = rows.filter({ hasText: client }).first().locator('[col-id=client]');
    await mine.click();

    for (const kind of LISTS) {
      await page.getByTestId('reports-menu').click();
      const text = await downloaded(page, () => page.getByTestId(`report-${kind}-open`).click(), `demo-report-${kind}-${lang.code}`);
      expect(text, kind).toContain((lang.cat.reports.titles as Record<string, string>)[kind]);
      if (kind !== 'productsList') expect(text, kind).toContain(client);
      // Exactly the filtered documents, not the branch's thousands.
      if (kind === 'interventionList') expect(text).toContain(lang.cat.reports.rowCount.replace('{{count}}', String(filtered)));
      await page.keyboard.press('Escape');
    }
    for (const kind of DOCUMENTS) {
      await page.getByTestId('reports-menu').click();
      const text = await downloaded(page, () => page.getByTestId(`report-${kind}-print`).click(), `demo-report-${kind}-${lang.code}`, true);
      expect(text, kind).toContain((lang.cat.reports.titles as Record<string, string>)[kind]);
      expect(text, kind).toContain(client);
      await page.keyboard.press('Escape');
    }

    // From the open document: the evolution sheet beside Print.
    await mine.dblclick();
    const form = page.getByTestId('intervention-form');
    await expect(form).toBeVisible();
    const sheet = await downloaded(page, () => form.getByTestId('act-evolution').click(), `demo-form-evolution-${lang.code}`, true);
    expect(sheet).toContain(lang.cat.reports.titles.evolutionSheet);
    expect(sheet).toContain(client);
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();
  });
}

test('the sheet and the form wait for a selected document', async ({ page }) => {
  await loginAs(page, server.url, 'dispatcher.riga');
  await chooseLanguage(page, LANGS[0]);
  await page.getByTestId('nav-interventions').click();
  await expect(page.getByTestId('iv-total')).not.toBeEmpty();
  await page.getByTestId('reports-menu').click();
  await expect(page.getByTestId('report-evolutionSheet-open')).toBeDisabled();
  await expect(page.getByTestId('report-interventionForm-print')).toBeDisabled();
  await expect(page.getByTestId('report-objectsList-open')).toBeEnabled();
  await shot(page, 'demo-reports-menu-en');
});
