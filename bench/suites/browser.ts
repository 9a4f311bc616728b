import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium } from '@playwright/test';
import playwrightConfig from '../../playwright.config';
import {
  CLIENTS_COLS,
  CLIENTS_GRID,
  GRID,
  GRID_COLS,
  firstVisible,
  focusRow,
  jump,
  loginToRows,
  measured,
  moduleKey,
  newPage,
  openLogin,
  openRowPositions,
  loginShownAt,
  scriptsLoaded,
  settled,
} from '../lib/browserSteps';
import { ensureInterventions } from '../lib/interventionsData';
import type { Suite } from '../lib/suite';
import { startWebMode } from '../lib/webMode';

const RENDERER = path.join(process.cwd(), 'dist', 'renderer');
/** A dozen positions across the whole range, in an order that makes each jump a long one. */
const JUMPS = [0.53, 0.08, 0.91, 0.27, 0.66, 0.99, 0.35, 0.74, 0.15, 0.47, 0.83, 0.21];
const load = () => os.loadavg()[0]!.toFixed(1);

/** Search words a dispatcher types: client surnames and words of the notes, taken from the data. */
function searchTerms(dbFile: string, n: number): string[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const max = db.prepare('select max(rowid) from intervention').pluck().get() as number;
    const names = db.prepare('select c.name from intervention i join client c on c.id = i.client_id where i.rowid = ?').pluck();
    const out = new Set<string>();
    for (let i = 1; out.size < n && i < n * 10; i++) {
      const name = names.get(Math.floor((max * i * 0.618) % max) + 1) as string | undefined;
      const word = name?.split(/\s+/).find((w) => w.length >= 4 && !/["]/.test(w));
      if (word) out.add(word);
    }
    return [...out];
  } finally {
    db.close();
  }
}

/**
 * The grid in the browser, as a clerk feels it: the built web mode on the generated million-row organization, Debian
 * Chromium at 1366×768 as dispatcher.1, each wait measured inside the page (pageProbe.ts) from the input event to
 * the frame that shows filled rows.
 */
export const browserSuite: Suite = {
  id: 'browser',
  title: 'The grid in Chromium at 1366×768, 1,000,000 interventions',
  async run({ results, log }) {
    const ds = await ensureInterventions(log);
    const web = await startWebMode(ds.dir, ds.meta.login);
    const launch = playwrightConfig.use?.launchOptions ?? {};
    const browser = await chromium.launch({ ...launch, executablePath: launch.executablePath ?? '/usr/bin/chromium' });
    const url = web.url.replace(/\/$/, '');
    const add = (name: string, samples: number[], target: number | null, note: string) =>
      results.addSamples(`browser: ${name}`, samples, target, { note: `${note}; load ${load()}` });
    try {
      log(`web mode ${url}, index ready ${(web.readyMs / 1000).toFixed(1)} s; load ${load()}`);

      // The first screen's JavaScript, and what logging in adds for the grid.
      {
        const { context, page } = await newPage(browser);
        await openLogin(page, url);
        const shown = await loginShownAt(page);
        // What an idle page fetches after showing the login (the next screen's code) is not the first screen's.
        await page.waitForTimeout(1500);
        const first = await scriptsLoaded(page, RENDERER, shown);
        await loginToRows(page, ds.meta.login);
        const grid = await scriptsLoaded(page, RENDERER);
        await context.close();
        log(`first screen: ${first.files.length} scripts, ${(first.raw / 1024).toFixed(0)} KB, ${(first.gzip / 1024).toFixed(0)} KB gzipped; with the grid ${(grid.gzip / 1024).toFixed(0)} KB gzipped`);
        results.addValue('browser: first-screen JavaScript (login), gzipped', 'KB', first.gzip / 1024, 600, `${first.files.length} files, ${(first.raw / 1024).toFixed(0)} KB raw (gzip -9)`);
        results.addValue('browser: JavaScript up to the interventions grid, gzipped', 'KB', grid.gzip / 1024, null, `${grid.files.length} files, ${(grid.raw / 1024).toFixed(0)} KB raw`);
      }

      // Login → first filled rows: a browser with an empty cache (the first visit), then one that has the files.
      const cold: number[] = [];
      for (let i = 0; i < 9; i++) {
        const { context, page } = await newPage(browser);
        await openLogin(page, url);
        const r = await loginToRows(page, ds.meta.login);
        if (i > 0) cold.push(r.ms);
        await context.close();
      }
      add('login → first filled rows, empty browser cache', cold, 500, 'Enter on the login form to the painted rows, a new browser profile each time');

      const { context, page } = await newPage(browser);
      const warm: number[] = [];
      for (let i = 0; i < 13; i++) {
        await context.clearCookies();
        await openLogin(page, url);
        const r = await loginToRows(page, ds.meta.login);
        if (i > 0) warm.push(r.ms);
      }
      add('login → first filled rows, files cached', warm, 500, 'Enter on the login form to the painted rows, the page loaded again with its files cached');

      // Jumps: the scrollbar dragged far, to filled rows there.
      const jumps: number[] = [];
      for (const [i, f] of [0.4, 0.7, ...JUMPS, ...JUMPS.map((x) => 1 - x)].entries()) {
        const r = await jump(page, f);
        if (i >= 2) jumps.push(r.ms);
      }
      add('jump scroll → filled rows', jumps, 100, `${jumps.length} jumps across 1,000,000 rows (scrollTop set in the page)`);

      // Page Down from the top, by keyboard.
      await jump(page, 0);
      await focusRow(page, 0);
      const pageDowns: number[] = [];
      // ag-grid drops a Page Down whose page it has not loaded yet: such a press is counted, not timed, and pressed again.
      let dropped = 0;
      for (let i = 0; pageDowns.length < 30 && i < 60; i++) {
        const before = await firstVisible(page);
        const want = { kind: 'grid', grid: GRID, cols: GRID_COLS, notFirst: before } as const;
        const r = await measured(page, want, 'key', () => page.keyboard.press('PageDown'), `Page Down ${i}`, 3000).catch((e: Error) => e);
        if (r instanceof Error) dropped++;
        else pageDowns.push(r.ms);
      }
      add('Page Down → filled rows', pageDowns, 50, `${pageDowns.length} presses from the top; ${dropped} more dropped by the grid (its next page not loaded yet)`);

      // A filter applied (quick search, Enter) → the first filled rows of its result.
      // Only words that find something (a name whose letters the search folds differently would find nothing).
      const terms: string[] = [];
      for (const term of searchTerms(path.join(ds.dir, 'planora.db'), 24)) {
        const { total } = await web.call<{ total: number }>('interventions.count', { scope: { filters: { search: term } } });
        if (total > 100 && terms.length < 14) terms.push(term);
      }
      const search = page.getByTestId('filter-search');
      const filters: number[] = [];
      for (const [i, term] of terms.entries()) {
        const before = await firstVisible(page);
        await search.fill(term);
        const r = await measured(page, { kind: 'grid', grid: GRID, cols: GRID_COLS, notFirst: before }, 'key', () => search.press('Enter'), `search ${term}`);
        if (i >= 2) filters.push(r.ms);
      }
      add('filter (quick search + Enter) → first filled rows', filters, 150, `${filters.length} client names typed, e.g. ${terms.slice(2, 5).join(', ')}`);
      await search.fill('');
      await search.press('Enter');
      await settled(page);

      // Enter on a row → its form ready for typing (loaded, the keyboard in a field).
      const opens: number[] = [];
      // From the newest documents (the filter keeps the cursor's depth; deep down nearly all are finalized).
      // Back to the top, untimed: the scroll, then filled rows there.
      await page.evaluate((g) => void (document.querySelector(`${g} .ag-grid-viewport`)!.scrollTop = 0), GRID);
      await settled(page);
      const at = await openRowPositions(page);
      if (at.length < 3) throw new Error(`only ${at.length} open documents on the first screen`);
      for (let i = 0; i < 14; i++) {
        await focusRow(page, at[i % at.length]!);
        const r = await measured(page, { kind: 'form', root: '[data-testid=intervention-form]', loaded: '#intervention-form' }, 'key', () => page.keyboard.press('Enter'), 'open a document');
        if (i >= 2) opens.push(r.ms);
        await page.keyboard.press('Escape');
        await page.locator('[data-testid=intervention-form]').waitFor({ state: 'detached' });
      }
      add('open a document (Enter) → form ready for typing', opens, 150, `${opens.length} open documents of the first screen`);

      // Alt+digit between the interventions and the clients, each to its first filled rows.
      const toClients = await moduleKey(page, 'clients');
      const toInterventions = await moduleKey(page, 'interventions');
      const switches = { clients: [] as number[], interventions: [] as number[] };
      for (let i = 0; i < 13; i++) {
        const c = await measured(page, { kind: 'grid', grid: CLIENTS_GRID, cols: CLIENTS_COLS }, 'key', () => page.keyboard.press(toClients), 'to the clients');
        const v = await measured(page, { kind: 'grid', grid: GRID, cols: GRID_COLS }, 'key', () => page.keyboard.press(toInterventions), 'to the interventions');
        if (i > 0) {
          switches.clients.push(c.ms);
          switches.interventions.push(v.ms);
        }
      }
      add(`module switch (${toClients}) → clients' first filled rows`, switches.clients, 200, '100,000 clients');
      add(`module switch (${toInterventions}) → interventions' first filled rows`, switches.interventions, 200, '1,000,000 interventions');
      await context.close();
    } finally {
      await browser.close();
      await web.stop();
    }
  },
};
