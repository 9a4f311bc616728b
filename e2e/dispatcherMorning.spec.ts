import type { Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import hy from '../src/shared/i18n/hy.json' with { type: 'json' };
import lt from '../src/shared/i18n/lt.json' with { type: 'json' };
import lv from '../src/shared/i18n/lv.json' with { type: 'json' };
import ro from '../src/shared/i18n/ro.json' with { type: 'json' };
import ru from '../src/shared/i18n/ru.json' with { type: 'json' };
import { demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * A dispatcher's first morning on the demo call centre, on the common office screen (1366×768): the grid shows what
 * they need without scrolling sideways, the keyboard stays on the grid after a form closes, a new call's form is
 * walked in the order of the call, and the footer counts the filter (and the focused group) by status and priority.
 */
const server = demoServer({ demoSize: 300 });
test.use({ viewport: { width: 1366, height: 768 } });

const ALL_LANGS = [
  { code: 'en', name: 'English', cat: en },
  { code: 'lv', name: 'Latviešu', cat: lv },
  { code: 'ru', name: 'Русский', cat: ru },
  { code: 'lt', name: 'Lietuvių', cat: lt },
  { code: 'ro', name: 'Română', cat: ro },
  { code: 'hy', name: 'Հայերեն', cat: hy },
] as const;
/** The whole morning is walked in two languages; the toolbar is checked in all six. */
const LANGS = ALL_LANGS.slice(0, 2);
/** What a dispatcher reads on every row (issue 8, item 15). */
const NEEDED = ['number', 'docDate', 'client', 'status', 'priority', 'takenBy', 'notes', 'locality'];
/** The Tab stops of a new call, in the order the call goes (item 14). */
const CALL_ORDER = ['f-client', 'f-notes', 'f-priority', 'f-type', 'f-object', 'f-start', 'f-end', 'f-taken-by'];

async function chooseLanguage(page: Page, lang: (typeof ALL_LANGS)[number]): Promise<void> {
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: lang.name }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
}

const gridTotal = async (page: Page) => Number((await page.getByTestId('iv-total').innerText()).replace(/\D/g, ''));
/** The grid row the keyboard is on (its id), or the tag of whatever has the focus instead. */
const focusedRow = (page: Page) => page.evaluate(() => document.activeElement?.closest('.ag-row')?.getAttribute('row-id') ?? document.activeElement?.tagName ?? null);
/** The form field the keyboard is on, by its test id (a segmented control's focus is on one of its radios). */
const focusedField = (page: Page) => page.evaluate(() => document.activeElement?.closest('[data-testid^="f-"]')?.getAttribute('data-testid') ?? null);

/** How the grid screen is laid out: sideways overflow, cut headers, filter hints against their boxes, the toolbar's rows and unlabelled buttons. */
function screenLayout(page: Page) {
  return page.evaluate(() => {
    const scroll = document.querySelector('[data-testid=interventions-grid] .ag-body-horizontal-scroll-viewport') as HTMLElement;
    const cut = Array.from(document.querySelectorAll('[data-testid=interventions-grid] .ag-header-cell:not([col-id=flag]) .ag-header-cell-text'))
      .filter((h) => h.scrollWidth > h.clientWidth || h.scrollHeight > h.clientHeight)
      .map((h) => h.textContent);
    // A hint is whole when its text, in the font the box draws it with, fits between the box's paddings.
    const ctx = document.createElement('canvas').getContext('2d')!;
    const hints = Array.from(document.querySelectorAll<HTMLInputElement>('[data-testid=filter-bar] input[placeholder]'))
      .filter((i) => i.placeholder)
      .map((i) => {
        const ph = getComputedStyle(i, '::placeholder');
        ctx.font = `${ph.fontWeight} ${ph.fontSize} ${ph.fontFamily}`;
        const st = getComputedStyle(i);
        return { hint: i.placeholder, needs: ctx.measureText(i.placeholder).width, has: i.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight) };
      });
    // A button folded into "More" stays in the page, hidden: only what is seen counts.
    const toolbar = Array.from(document.querySelectorAll<HTMLElement>('[data-testid=interventions-toolbar] button')).filter((b) => b.checkVisibility({ visibilityProperty: true }));
    const bar = document.querySelector('[data-testid=interventions-toolbar]') as HTMLElement;
    return {
      sideways: scroll.scrollWidth - scroll.clientWidth,
      cut,
      hints,
      rowsOfButtons: new Set(toolbar.map((b) => Math.round(b.getBoundingClientRect().top / 10))).size,
      // Nothing of the page sticks out sideways (a count badge over the last button included)…
      pageSideways: document.documentElement.scrollWidth - window.innerWidth,
      // …nor anything of the row out of the window or of the row's own box.
      spills: toolbar.filter((b) => b.getBoundingClientRect().right > Math.min(window.innerWidth, bar.getBoundingClientRect().right) + 0.5).map((b) => b.getAttribute('data-testid')),
      unlabelled: toolbar.filter((b) => !/\p{L}/u.test(b.innerText)).map((b) => b.getAttribute('data-testid') ?? b.outerHTML.slice(0, 80)),
    };
  });
}

for (const lang of LANGS) {
  test(`a dispatcher's morning at 1366×768 (${lang.code})`, async ({ page }) => {
    test.setTimeout(180_000);
    await loginAs(page, server.url, 'dispatcher.riga');
    await chooseLanguage(page, lang);
    await page.getByTestId('nav-interventions').click();
    const grid = page.getByTestId('interventions-grid');
    const rows = grid.locator('.ag-row:has([data-status])');
    await expect.poll(() => rows.count()).toBeGreaterThan(10);
    await expect.poll(() => gridTotal(page)).toBeGreaterThan(100);

    // Nothing chosen yet: what acts on rows waits for one.
    for (const id of ['iv-open', 'iv-cancel']) await expect(page.getByTestId(id)).toBeDisabled();

    // Density: the needed columns side by side, no sideways scrollbar, no header cut.
    const box = (await grid.boundingBox())!;
    for (const col of NEEDED) {
      const header = grid.locator(`.ag-header-cell[col-id=${col}]`);
      await expect(header, col).toBeVisible();
      const h = (await header.boundingBox())!;
      expect(h.x + h.width, col).toBeLessThanOrEqual(box.x + box.width);
      await expect(header, col).toContainText((lang.cat.interventions.col as Record<string, string>)[col]!);
    }
    const layout = await screenLayout(page);
    expect(layout.sideways).toBeLessThanOrEqual(0);
    expect(layout.cut).toEqual([]);
    expect(layout.hints.length).toBeGreaterThanOrEqual(3);
    for (const h of layout.hints) expect(h.needs, h.hint).toBeLessThanOrEqual(h.has);
    expect(layout.rowsOfButtons).toBe(1);
    expect(layout.unlabelled).toEqual([]);
    await shot(page, `dispatcher-grid-${lang.code}`);

    // Footer: the filter's rows by status and by priority, each adding up to the grid's count.
    const total = await gridTotal(page);
    const all = page.getByTestId('iv-totals-all');
    await expect(all).toHaveAttribute('data-total', String(total));
    const counts = async (field: 'status' | 'priority') => {
      const out: Record<string, number> = {};
      for (const el of await all.locator(`[data-testid^="iv-totals-all-${field}-"]`).all()) {
        out[(await el.getAttribute('data-testid'))!.split('-').pop()!] = Number(await el.getAttribute('data-count'));
      }
      return out;
    };
    const byStatus = await counts('status');
    const byPriority = await counts('priority');
    expect(Object.values(byStatus).reduce((a, b) => a + b, 0)).toBe(total);
    expect(Object.values(byPriority).reduce((a, b) => a + b, 0)).toBe(total);
    await expect(all.getByTestId('iv-totals-all-status-finalized')).toContainText(lang.cat.interventions.statuses.finalized);

    // …and equal to the grid's own counts, grouped by status; the focused group gets a line of its own.
    await page.getByTestId('group-add').click();
    await page.getByTestId('group-add-status').click();
    const headers = grid.locator('[data-testid=group-row][data-depth="0"]');
    await expect(headers).toHaveCount(Object.keys(byStatus).length);
    for (const [status, n] of Object.entries(byStatus)) await expect(grid.locator(`[data-testid=group-row][data-group-key=${status}]`), status).toHaveAttribute('data-count', String(n));
    await grid.locator('[data-testid=group-row][data-group-key=allocated]').click();
    const inGroup = page.getByTestId('iv-totals-group');
    await expect(inGroup).toHaveAttribute('data-total', String(byStatus.allocated));
    await expect(inGroup.getByTestId('iv-totals-group-title')).toContainText(lang.cat.interventions.statuses.allocated);
    await expect(inGroup.locator('[data-testid^="iv-totals-group-status-"]')).toHaveCount(1);
    await shot(page, `dispatcher-grouped-${lang.code}`);
    await page.getByTestId('group-remove-0').click();
    await expect(headers).toHaveCount(0);
    await expect(page.getByTestId('iv-totals-group')).toHaveCount(0);

    // Focus: a row opened with Enter, closed with Esc, and the keyboard is back on that row; ↓ goes on.
    await rows.nth(2).locator('[col-id=client]').click();
    await page.keyboard.press('ArrowDown');
    const opened = await focusedRow(page);
    expect(opened).toMatch(/^[0-9a-f-]{36}$/);
    await expect(page.getByTestId('iv-open')).toBeEnabled();
    await page.keyboard.press('Enter');
    const form = page.getByTestId('intervention-form');
    await expect(form).toBeVisible();
    await shot(page, `dispatcher-form-${lang.code}`);
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();
    await expect.poll(() => focusedRow(page)).toBe(opened);
    await page.keyboard.press('ArrowDown');
    const next = await focusedRow(page);
    expect(next).toMatch(/^[0-9a-f-]{36}$/);
    expect(next).not.toBe(opened);
    // Enter still opens (the row now focused), Esc still returns.
    await page.keyboard.press('Enter');
    await expect(form).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();
    await expect.poll(() => focusedRow(page)).toBe(next);

    // A new call: Tab walks client → problem → priority → type → object → schedule → assignee.
    await page.keyboard.press('Insert');
    await expect(form).toBeVisible();
    await expect.poll(() => focusedField(page)).toBe(CALL_ORDER[0]);
    const walked = [CALL_ORDER[0]];
    for (let i = 1; i < CALL_ORDER.length; i++) {
      await page.keyboard.press('Tab');
      walked.push((await focusedField(page))!);
    }
    expect(walked).toEqual(CALL_ORDER);
    // The eye follows the keys: each stop is below or right of the one before.
    const cell = (id: string) => form.getByTestId(id).first().locator('xpath=ancestor::div[contains(@class, "mantine-Grid-col")][1]');
    const at = await Promise.all(CALL_ORDER.map(async (id) => (await cell(id).boundingBox())!));
    for (let i = 1; i < at.length; i++) expect(at[i]!.y > at[i - 1]!.y + 5 || (Math.abs(at[i]!.y - at[i - 1]!.y) <= 5 && at[i]!.x > at[i - 1]!.x), CALL_ORDER[i]).toBe(true);
    await shot(page, `dispatcher-new-call-${lang.code}`);
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();
    // Back where the new call was started from.
    await expect.poll(() => focusedRow(page)).toBe(next);
  });
}

/** Every action of the row, folded or not (its test id), and which are folded into "More". */
const toolbarActions = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-testid=interventions-toolbar-row] > div')).map((slot) => ({
      id: slot.querySelector('[data-testid]')!.getAttribute('data-testid')!,
      folded: slot.hasAttribute('data-folded'),
    })),
  );

/** What each role must reach from the toolbar, in the row or under "More". */
const ACTIONS = ['iv-add', 'iv-open', 'iv-refresh', 'iv-assistants', 'iv-export', 'iv-cancel', 'iv-appointments', 'iv-quick-report', 'reports-menu', 'views-menu', 'favorite-toggle'];

/** One row in every language; what does not fit is under "More", in order, and the menu is walked with the keyboard. */
async function checkToolbar(page: Page, who: string, lang: (typeof ALL_LANGS)[number], managerOnly: string[]) {
  const where = `${who} ${lang.code}`;
  await expect(page.getByTestId('interventions-toolbar')).toBeVisible();
  await expect(page.getByTestId('iv-warnings')).toBeVisible();
  // The row settles once its labels are measured in this language.
  await expect.poll(async () => (await screenLayout(page)).rowsOfButtons, where).toBe(1);
  const layout = await screenLayout(page);
  expect(layout.unlabelled, where).toEqual([]);
  expect(layout.spills, where).toEqual([]);
  expect(layout.pageSideways, where).toBeLessThanOrEqual(0);
  const actions = await toolbarActions(page);
  expect(actions.map((a) => a.id), where).toEqual(expect.arrayContaining(ACTIONS));
  // Folding takes from the end: what stays is a leading run.
  const firstFolded = actions.findIndex((a) => a.folded);
  if (firstFolded >= 0) expect(actions.slice(firstFolded).every((a) => a.folded), where).toBe(true);
  for (const a of actions.filter((x) => !x.folded)) await expect(page.getByTestId(a.id), `${where} ${a.id}`).toBeVisible();
  const folded = actions.filter((a) => a.folded).map((a) => a.id);
  const more = page.getByTestId('iv-more');
  if (!folded.length && !managerOnly.length) {
    await expect(more).toHaveCount(0);
    return folded;
  }
  // "More" opens from the keyboard, and ↓ walks the folded actions in the row's order, then the manager's own.
  await more.focus();
  await page.keyboard.press('Enter');
  const expected = [...folded.map((id) => `more-${id}`), ...managerOnly];
  const walked: string[] = [];
  await expect(page.getByRole('menu')).toBeVisible();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
  // Under load the menu may take the focus itself before its first item does: a stop without an item is not one.
  for (let i = 0; walked.length < expected.length && i < expected.length + 2; i++) {
    const before = await focused();
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).not.toBe(before);
    const now = await focused();
    if (now) walked.push(now);
  }
  expect(walked, where).toEqual(expected);
  for (const id of managerOnly) await expect(page.getByTestId(id), where).toContainText(id === 'iv-settings' ? lang.cat.interventions.settings.title : lang.cat.interventions.approvals.title);
  await shot(page, `toolbar-${who}-${lang.code}`);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId(expected[0]!)).toHaveCount(0);
  return folded;
}

for (const who of ['dispatcher', 'manager'] as const) {
  test(`the ${who}'s toolbar keeps one row at 1366×768 in all six languages, folding into "More" what does not fit`, async ({ page }) => {
    test.setTimeout(180_000);
    await loginAs(page, server.url, `${who}.riga`);
    const folds: Record<string, string[]> = {};
    for (const lang of ALL_LANGS) {
      await chooseLanguage(page, lang);
      await page.getByTestId('nav-interventions').click();
      folds[lang.code] = await checkToolbar(page, who, lang, who === 'manager' ? ['iv-approvals', 'iv-settings'] : []);
      await page.getByTestId('nav-home').click();
    }
    // A folded menu opens beside "More" and does its work there: the reports of the row are all reachable.
    await page.getByTestId('nav-interventions').click();
    await page.setViewportSize({ width: 1000, height: 768 });
    await expect.poll(async () => (await toolbarActions(page)).filter((a) => a.folded).map((a) => a.id)).toContain('reports-menu');
    await page.getByTestId('iv-more').click();
    await page.getByTestId('more-reports-menu').hover();
    await expect(page.getByTestId('report-save')).toBeVisible();
    await page.keyboard.press('Escape');
    // Wider again: what folds is what folded at 1366 px in this language.
    await page.setViewportSize({ width: 1366, height: 768 });
    await expect.poll(async () => (await toolbarActions(page)).filter((a) => a.folded).length).toBe(folds.hy!.length);
    console.log(`folded at 1366 px (${who}):`, JSON.stringify(folds));
  });
}

/** Header words split over two lines, or headers cut, in the grid as drawn now. */
const brokenHeaders = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-testid=interventions-grid] .ag-header-cell:not([col-id=flag]) .ag-header-cell-text'))) {
      const text = el.firstChild;
      if (!text || text.nodeType !== Node.TEXT_NODE) continue;
      let at = 0;
      for (const part of text.textContent!.split(/(\s+)/)) {
        if (part.trim()) {
          const r = document.createRange();
          r.setStart(text, at);
          r.setEnd(text, at + part.length);
          if (new Set(Array.from(r.getClientRects(), (b) => Math.round(b.top))).size > 1) out.push(`split: ${part}`);
        }
        at += part.length;
      }
      if (el.scrollWidth > el.clientWidth + 0.5 || el.scrollHeight > el.clientHeight + 0.5) out.push(`cut: ${text.textContent}`);
    }
    return out;
  });

test('every header stays whole with its sort arrow, in all six languages, and the grid does not scroll sideways', async ({ page }) => {
  test.setTimeout(240_000);
  await loginAs(page, server.url, 'dispatcher.riga');
  const grid = page.getByTestId('interventions-grid');
  for (const lang of ALL_LANGS) {
    await chooseLanguage(page, lang);
    await page.getByTestId('nav-interventions').click();
    await expect(grid.locator('.ag-row:has([data-status])').first()).toBeVisible();
    for (const col of NEEDED) {
      const header = grid.locator(`.ag-header-cell[col-id=${col}]`);
      await header.locator('.ag-header-cell-label').click();
      await expect(header).toHaveAttribute('aria-sort', /ascending|descending/);
      expect(await brokenHeaders(page), `${lang.code} sorted by ${col}`).toEqual([]);
      if (col === 'priority') await shot(page, `headers-sorted-priority-${lang.code}`);
    }
    expect((await screenLayout(page)).sideways, lang.code).toBeLessThanOrEqual(0);
    await page.getByTestId('nav-home').click();
  }
});

/** The rows ag-grid shows as chosen (their ids). */
const selectedRows = (page: Page) => page.evaluate(() => Array.from(document.querySelectorAll('[data-testid=interventions-grid] .ag-row-selected:has([col-id=client])')).map((r) => r.getAttribute('row-id')));

test('the chosen row follows the keyboard, also after Esc: the toolbar acts on the row the cursor is on', async ({ page }) => {
  await loginAs(page, server.url, 'dispatcher.riga');
  const grid = page.getByTestId('interventions-grid');
  const rows = grid.locator('.ag-row:has([data-status])');
  await expect.poll(() => rows.count()).toBeGreaterThan(5);
  await rows.nth(1).locator('[col-id=client]').click();
  const first = await focusedRow(page);
  expect(await selectedRows(page)).toEqual([first]);

  // Opened and closed: the cursor is back on that row, still the chosen one.
  await page.keyboard.press('Enter');
  const form = page.getByTestId('intervention-form');
  await expect(form).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect.poll(() => focusedRow(page)).toBe(first);

  // ↓ moves the cursor, and the choice with it; ↑ back again.
  const moveTo = async (key: string, from: string | null) => {
    await page.keyboard.press(key);
    await expect.poll(() => focusedRow(page)).not.toBe(from);
    return focusedRow(page);
  };
  const chosen = async () => (await selectedRows(page)).sort();
  const second = await moveTo('ArrowDown', first);
  await expect.poll(chosen).toEqual([second]);
  await moveTo('ArrowUp', second);
  await expect.poll(chosen).toEqual([first]);
  // The row below may not be `second` any more (a refresh pushed meanwhile, e.g. by the warnings scan, may reorder rows): take the one reached.
  const below = await moveTo('ArrowDown', first);
  await expect.poll(chosen).toEqual([below]);
  // Shift+↓ adds the next row to the choice.
  const third = await moveTo('Shift+ArrowDown', below);
  await expect.poll(chosen).toEqual([below, third].sort());
  const back = await moveTo('ArrowUp', third);
  await expect.poll(chosen).toEqual([back]);

  // The toolbar's Open takes the row the cursor is on.
  const client = (await grid.locator(`.ag-row[row-id="${back}"] [col-id=client]`).innerText()).trim();
  await page.getByTestId('iv-open').click();
  await expect(form).toBeVisible();
  await expect(form.getByTestId('f-client')).toHaveValue(client);
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
});
