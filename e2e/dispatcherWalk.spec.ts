import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import ro from '../src/shared/i18n/ro.json' with { type: 'json' };
import { PRIORITY_RANK } from '../src/shared/rules/interventions';
import { compareKeys, sortKey } from '../src/shared/rules/text';
import { SHOTS, apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';
import { saveAndStarView } from './toolbar';
import { printed } from './printed';

/**
 * Issue 8's "done when", walked in one go as a new dispatcher would on the demo organization (its data, not this
 * test's) at 1366×768: My page and its warnings, the busy grid sorted three ways and grouped, a first-time caller's
 * call, its evolution sheet and annex form on paper, a starred view on My page, F1, Esc back to the row and on with
 * the arrows, and the footer's totals. Once in English, once in Romanian.
 */
const server = demoServer({ demoSize: 1200 });
test.use({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });

const LANGS = [
  { code: 'en', name: 'English', cat: en, caller: 'Quirin Walkabout', problem: 'No hot water since the morning', view: 'My walk view' },
  { code: 'ro', name: 'Română', cat: ro, caller: 'Ovidiu Plimbăreț', problem: 'Nu este apă caldă de dimineață', view: 'Vederea mea de tură' },
] as const;
type Lang = (typeof LANGS)[number];

/** The demo's annex form for every intervention type, named in the organization's language (Latvian). */
const ANNEX = 'Darbu pieņemšanas akts';

async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: lang.name }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
}

const gridTotal = async (page: Page) => Number((await page.getByTestId('iv-total').innerText()).replace(/\D/g, ''));
/** The grid row the keyboard is on (its id), or the tag of whatever has the focus instead. */
const focusedRow = (page: Page) => page.evaluate(() => document.activeElement?.closest('.ag-row')?.getAttribute('row-id') ?? document.activeElement?.tagName ?? null);

/** The cells of one column in the grid's first `n` rows, in display order (a row's pinned and centre parts share its row-index). */
function firstRows(page: Page, col: string, n: number) {
  return page.evaluate(
    ({ col, n }) =>
      Array.from({ length: n }, (_, i) => document.querySelector(`[data-testid=interventions-grid] .ag-row[row-index="${i}"] [col-id="${col}"]`))
        .filter((cell) => cell !== null)
        .map((cell) => cell.querySelector('[data-priority]')?.getAttribute('data-priority') ?? cell.textContent?.trim() ?? ''),
    { col, n },
  );
}

/** Each neighbour pair in the order wanted (ties allowed: the documents' creation order breaks them). */
function inOrder<T>(values: T[], compare: (a: T, b: T) => number, desc: boolean): boolean {
  return values.every((v, i) => i === 0 || (desc ? compare(values[i - 1]!, v) >= 0 : compare(values[i - 1]!, v) <= 0));
}

const byText = (a: string, b: string) => compareKeys(sortKey(a), sortKey(b));
/** A document number: its series prefix, then its digits as a number (as the grid orders them). */
const byNumber = (a: string, b: string) => {
  const [, pa = '', na = ''] = /^(.*?)(\d+)$/.exec(a) ?? [];
  const [, pb = '', nb = ''] = /^(.*?)(\d+)$/.exec(b) ?? [];
  return pa === pb ? Number(na) - Number(nb) : pa < pb ? -1 : 1;
};
const byPriority = (a: string, b: string) => PRIORITY_RANK[a as keyof typeof PRIORITY_RANK] - PRIORITY_RANK[b as keyof typeof PRIORITY_RANK];

for (const [i, lang] of LANGS.entries()) {
  test(`a new dispatcher walks issue 8's morning on the demo call centre (${lang.code})`, async ({ page }) => {
    test.setTimeout(300_000);
    const t = lang.cat;

    // My page, where logging in at the bare address lands; its warnings across the top, as main counts them.
    await loginAs(page, `${server.url}/#/`, 'dispatcher.riga');
    await chooseLanguage(page, lang);
    await expect(page.getByTestId('home-screen')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(t.home.title);
    const warningsSection = page.getByRole('region', { name: t.interventions.warnings.title });
    await expect(warningsSection).toBeVisible();
    const warnings = await apiCall<{ total: number }>(page, 'interventions.warnings.list', {});
    expect(warnings.total).toBeGreaterThan(0);
    await expect(warningsSection.getByTestId('home-warnings-count')).toHaveText(String(warnings.total));
    await expect(warningsSection.getByTestId('warning-row').first()).toBeVisible();
    await shot(page, `walk-home-${lang.code}`);

    // The busy grid.
    await page.getByTestId('nav-interventions').click();
    const grid = page.getByTestId('interventions-grid');
    const rows = grid.locator('.ag-row:has([data-status])');
    await expect.poll(() => gridTotal(page)).toBeGreaterThan(300);
    await expect.poll(() => rows.count()).toBeGreaterThan(10);
    await shot(page, `walk-grid-${lang.code}`);

    // Three columns sorted by their headers: client A→Z, the newest number first, high priority first.
    for (const [col, compare, desc] of [
      ['client', byText, false],
      ['number', byNumber, true],
      ['priority', byPriority, true],
    ] as const) {
      const before = (await firstRows(page, col, 12)).join(' | ');
      const header = grid.locator(`.ag-header-cell[col-id="${col}"]`);
      await header.locator('.ag-header-cell-label').click();
      if (desc) await header.locator('.ag-header-cell-label').click();
      await expect(header, col).toHaveAttribute('aria-sort', desc ? 'descending' : 'ascending');
      await expect
        .poll(async () => {
          const values = await firstRows(page, col, 12);
          // Shown as they are when out of order, to tell which rows broke it.
          return values.length === 12 && values.join(' | ') !== before && inOrder(values, compare, desc) ? 'in order' : values.join(' | ');
        }, { message: `${col} ${desc ? 'descending' : 'ascending'}`, timeout: 30_000 })
        .toBe('in order');
    }
    await shot(page, `walk-sorted-${lang.code}`);

    // Grouped by classification 2, then zone: the top groups count the whole filter; one opens on its zones.
    const total = await gridTotal(page);
    await page.getByTestId('group-add').click();
    await page.getByTestId('group-add-classification2').click();
    await page.getByTestId('group-add').click();
    await page.getByTestId('group-add-zone').click();
    const top = grid.locator('[data-testid=group-row][data-depth="0"]');
    await expect.poll(() => top.count()).toBeGreaterThan(1);
    // Groups are drawn as their counts come in: wait for the whole filter to be counted.
    const sumOf = (groups: typeof top) => groups.evaluateAll((els) => els.reduce((n, e) => n + Number(e.getAttribute('data-count')), 0));
    await expect.poll(() => sumOf(top)).toBe(total);
    await expect(top.first()).toContainText(t.interventions.col.classification2);
    // The last one is a named classification (documents without one come first); it opens on its zones.
    const named = top.last();
    const inClass = Number(await named.getAttribute('data-count'));
    await named.click();
    const zones = grid.locator('[data-testid=group-row][data-depth="1"]');
    await expect.poll(() => zones.count()).toBeGreaterThan(1);
    await expect(zones.first()).toContainText(t.interventions.col.zone);
    await expect.poll(() => sumOf(zones)).toBe(inClass);
    await shot(page, `walk-grouped-${lang.code}`);
    await page.getByTestId('group-remove-1').click();
    await page.getByTestId('group-remove-0').click();
    await expect(top).toHaveCount(0);

    // A first-time caller: the problem typed first, the caller added from the picker, the problem still there.
    const caller = `${lang.caller} ${Date.now() % 100000}`;
    await page.getByTestId('iv-add').click();
    const form = page.getByTestId('intervention-form');
    await expect(form.getByTestId('f-client')).toBeFocused();
    await form.getByTestId('f-notes').fill(lang.problem);
    await form.getByTestId('f-client').focus();
    await page.keyboard.type(caller);
    await expect(page.locator('[role=option][data-combobox-selected]:visible')).toContainText(caller);
    await page.keyboard.press('Enter');
    const quick = page.getByTestId('quick-client');
    await expect(quick.getByTestId('quick-client-name')).toHaveValue(caller);
    await quick.getByTestId('quick-client-phone').fill(`+371 2${i}${String(Date.now()).slice(-6)}`);
    await quick.getByTestId('quick-client-email').fill(`walk.${lang.code}.${Date.now()}@example.com`);
    await quick.getByTestId('quick-client-street').fill('Elizabetes iela 10');
    await quick.getByTestId('quick-client-locality').fill('Rīga');
    await page.keyboard.press('Enter');
    await expect(quick).toBeHidden();
    await expect(form.getByTestId('f-client')).toHaveValue(caller);
    await expect(form.getByTestId('f-notes')).toHaveValue(lang.problem);
    await shot(page, `walk-new-caller-${lang.code}`);
    await page.keyboard.press('Control+s');
    await expect(form).toBeHidden();

    // Found again in the grid, opened and validated: the series gives it its number, shown on the row.
    await page.getByTestId('filter-search').fill(caller);
    await page.getByTestId('filter-search').press('Enter');
    await expect.poll(() => gridTotal(page)).toBe(1);
    const mine = rows.filter({ hasText: caller });
    await expect(mine).toHaveCount(1);
    await expect(mine.locator('[col-id=number]')).toHaveText('');
    await mine.locator('[col-id=client]').dblclick();
    await expect(form).toBeVisible();
    await expect(form.getByTestId('f-notes')).toHaveValue(lang.problem);
    await form.getByTestId('act-validate').click();
    await expect(form.getByTestId('intervention-valid')).toBeVisible();
    await expect(mine.locator('[col-id=number]')).toHaveText(/\d/);
    const number = (await mine.locator('[col-id=number]').innerText()).trim();
    await expect(form.getByTestId('intervention-form-title')).toContainText(number);

    // On paper: its evolution sheet and the demo's annex form, each with its number and the caller's name.
    const sheet = await printed(page, () => form.getByTestId('act-evolution').click(), `walk-evolution-${lang.code}`);
    expect(sheet).toContain(t.reports.titles.evolutionSheet);
    expect(sheet).toContain(number);
    expect(sheet).toContain(caller);
    await form.getByTestId('act-annex').click();
    const annex = await printed(page, () => page.getByTestId(`annex-item-${ANNEX}`).getByTestId('annex-print').click(), `walk-annex-${lang.code}`);
    expect(annex).toContain(ANNEX);
    expect(annex).toContain(number);
    expect(annex).toContain(caller);
    await expect(form).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();
    await page.getByTestId('filter-search').fill('');
    await page.getByTestId('filter-search').press('Enter');
    await expect.poll(() => gridTotal(page)).toBe(total + 1);

    // A view saved and starred from the toolbar, found on My page and opened from there.
    await saveAndStarView(page, lang.view);
    await page.getByTestId('nav-home').click();
    const starred = page.getByTestId('home-favorites').getByRole('link', { name: lang.view });
    await expect(starred).toBeVisible();
    await shot(page, `walk-home-starred-${lang.code}`);
    await starred.click();
    await expect(page.getByTestId('views-menu')).toContainText(lang.view);
    await expect.poll(() => rows.count()).toBeGreaterThan(10);

    // A row opened with Enter; F1 shows the form's help in the reader's language; Esc twice: back on that row.
    await rows.nth(2).locator('[col-id=client]').click();
    await page.keyboard.press('ArrowDown');
    const opened = await focusedRow(page);
    expect(opened).toMatch(/^[0-9a-f-]{36}$/);
    await page.keyboard.press('Enter');
    await expect(form).toBeVisible();
    await expect(form.locator(':focus')).toHaveCount(1);
    await page.keyboard.press('F1');
    const help = page.getByRole('dialog', { name: t.help.title.replace('{{screen}}', t.help.screens.interventionForm) });
    await expect(help).toBeVisible();
    await expect(help.getByTestId('help-page')).toBeVisible();
    await shot(page, `walk-help-${lang.code}`);
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    await expect(form).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();
    await expect.poll(() => focusedRow(page)).toBe(opened);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedRow(page)).not.toBe(opened);
    expect(await focusedRow(page)).toMatch(/^[0-9a-f-]{36}$/);

    // The footer: the filter's documents by status and by priority, each adding up to the grid's total.
    const shown = await gridTotal(page);
    const all = page.getByTestId('iv-totals-all');
    await expect(all).toHaveAttribute('data-total', String(shown));
    for (const field of ['status', 'priority']) {
      const parts = await all.locator(`[data-testid^="iv-totals-all-${field}-"]`).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
      expect(parts.length, field).toBeGreaterThan(1);
      expect(parts.reduce((a, b) => a + b, 0), field).toBe(shown);
    }
    await expect(all).toContainText(t.interventions.statuses.finalized);
    await shot(page, `walk-totals-${lang.code}`);
  });
}
