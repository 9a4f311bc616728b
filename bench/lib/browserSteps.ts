import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { PROBE_SCRIPT, type ProbeResult, type Start, type Want } from './pageProbe';

/** The screen the bench measures on, as the issue asks: a 1366×768 laptop. */
export const VIEWPORT = { width: 1366, height: 768 };
export const GRID = '[data-testid=interventions-grid]';
/** A filled interventions row: its date (a formatter) and status (a React renderer) are drawn. */
export const GRID_COLS = ['docDate', 'status'];
export const CLIENTS_GRID = '[data-testid=grid-clients]';
export const CLIENTS_COLS = ['name'];
const TIMEOUT = 20_000;
const FAILURE_SHOT = path.join(os.tmpdir(), 'planora-bench-browser-failure.png');

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: PROBE_SCRIPT });
  return { context, page: await context.newPage() };
}

/** Arms the page's clock for `want`, acts, and returns what the page measured. */
export async function measured(page: Page, want: Want, start: Start, act: () => Promise<unknown>, what = '', timeoutMs = TIMEOUT): Promise<ProbeResult> {
  await page.evaluate(([w, s, t]) => window.__planoraProbe!.arm(w, s, t), [want, start, timeoutMs] as const);
  await act();
  try {
    return await page.evaluate(() => window.__planoraProbe!.result());
  } catch (e) {
    // What the screen showed instead, for the person reading the failure.
    await page.screenshot({ path: FAILURE_SHOT });
    throw new Error(`${what}: ${(e as Error).message}; screen: ${FAILURE_SHOT}`);
  }
}

/** Opens the app at `#/interventions` and waits for the login form (a fresh load: the browser cache as the context has it). */
export async function openLogin(page: Page, url: string): Promise<void> {
  const target = `${url}/#/interventions`;
  // The same address again would only be a move within the page: load it anew.
  if (page.url() === target) await page.reload();
  else await page.goto(target);
  await page.locator('input[autocomplete=username]').waitFor({ state: 'visible' });
}

/** The page's clock when the login form came into it. */
export const loginShownAt = (page: Page): Promise<number> => page.evaluate(() => window.__planoraProbe!.loginShownAt());

/** Types the credentials; Enter (measured from its keydown) to the grid's first filled rows. */
export async function loginToRows(page: Page, login: { login: string; password: string }): Promise<ProbeResult> {
  // A person takes a second or more to type a login and a password; the page may use it.
  await page.waitForTimeout(1000);
  await page.locator('input[autocomplete=username]').fill(login.login);
  await page.locator('input[autocomplete=current-password]').fill(login.password);
  return measured(page, { kind: 'grid', grid: GRID, cols: GRID_COLS }, 'key', () => page.keyboard.press('Enter'), 'login');
}

export async function firstVisible(page: Page, grid = GRID, cols = GRID_COLS): Promise<string | null> {
  return page.evaluate(([g, c]) => window.__planoraProbe!.view(g, c)?.ids[0] ?? null, [grid, cols] as const);
}

/** Waits (untimed) until the grid shows filled rows. */
export async function settled(page: Page, grid = GRID, cols = GRID_COLS): Promise<void> {
  await page.waitForFunction(([g, c]) => window.__planoraProbe!.view(g, c)?.filled === true, [grid, cols] as const, { timeout: TIMEOUT });
}

export async function jump(page: Page, fraction: number): Promise<ProbeResult> {
  return page.evaluate(([g, c, f, t]) => window.__planoraProbe!.jump(g, c, f, t), [GRID, GRID_COLS, fraction, TIMEOUT] as const);
}

/** Clicks the date cell of the `nth` row on screen (top to bottom): the keyboard is then on that row. */
export async function focusRow(page: Page, nth: number): Promise<string> {
  const index = await page.evaluate(([g, n]) => window.__planoraProbe!.rows(g)[n]?.getAttribute('row-index') ?? null, [GRID, nth] as const);
  if (index === null) throw new Error(`no row ${nth} on screen`);
  const row = page.locator(`${GRID} .ag-grid-scrolling-rows .ag-row[row-index="${index}"]`);
  await row.locator('[col-id=docDate]').click();
  return (await row.getAttribute('row-id')) ?? '';
}

/** Row positions (among the visible ones) of documents still open: their form takes typing. */
export async function openRowPositions(page: Page): Promise<number[]> {
  return page.evaluate((g) => {
    const rows = window.__planoraProbe!.rows(g);
    const at: number[] = [];
    // Not the first nor the last: those may be cut by the band's edges.
    rows.forEach((r, i) => {
      const s = r.querySelector('[data-status]')?.getAttribute('data-status');
      if (i > 0 && i < rows.length - 1 && s && s !== 'finalized' && s !== 'cancelled') at.push(i);
    });
    return at;
  }, GRID);
}

/**
 * The JavaScript the page had asked for by `before` (a performance.now() of the page; resource timing), as files of the
 * built renderer, with gzip sizes. What is fetched later, once the screen is up, is not the first screen's.
 */
export async function scriptsLoaded(page: Page, rendererDir: string, before = Infinity): Promise<{ files: string[]; raw: number; gzip: number }> {
  const urls = await page.evaluate((t) => performance.getEntriesByType('resource').filter((e) => e.startTime <= t).map((e) => e.name), before);
  const files = [...new Set(urls.map((u) => new URL(u).pathname).filter((p) => p.endsWith('.js')))];
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const body = fs.readFileSync(path.join(rendererDir, decodeURIComponent(f)));
    raw += body.length;
    gzip += zlib.gzipSync(body, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

/** The Alt+digit of a module, as the navigation shows it. */
export async function moduleKey(page: Page, screen: string): Promise<string> {
  const kbd = (await page.locator(`[data-testid=nav-${screen}] kbd`).innerText()).trim();
  if (!/^Alt\+\d$/.test(kbd)) throw new Error(`no Alt key for ${screen}: ${kbd}`);
  return kbd;
}
