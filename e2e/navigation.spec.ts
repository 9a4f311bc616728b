import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { demoServer, expect, loginAs, SHOTS, startPlanora, test } from './fixtures';

/**
 * Moving between screens: the navigation, Alt+number, an address typed or bookmarked (also before logging in),
 * the browser's back button and a reload. Then every administration screen as a person sees it, in English and
 * Lithuanian, saved under e2e/screenshots to compare before and after a change to those screens.
 */
const server = demoServer();

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

async function useLanguage(page: Page, code: string, label: string): Promise<void> {
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: label, exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', code);
}

test('an address opened before logging in, the navigation, Alt+number, back and reload all land on the right screen', async ({ page }) => {
  await loginAs(page, `${server.url}/#/series`, 'owner');
  await expect(page.getByTestId('series-screen')).toBeVisible();
  await expect(page.getByTestId('nav-series')).toHaveAttribute('data-active', 'true');

  await page.getByTestId('nav-periods').click();
  await expect(page.getByTestId('periods-screen')).toBeVisible();
  await expect(page).toHaveURL(/#\/periods$/);
  await expect(page.getByTestId('nav-periods')).toHaveAttribute('data-active', 'true');
  await expect(page.getByTestId('nav-series')).not.toHaveAttribute('data-active', 'true');

  // Alt+3 is the third item of the navigation: clients, after the two interventions screens.
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('clients-screen')).toBeVisible();
  await expect(page).toHaveURL(/#\/clients$/);

  await page.goBack();
  await expect(page.getByTestId('periods-screen')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('current-user')).toBeVisible();
  await expect(page.getByTestId('periods-screen')).toBeVisible();
  await expect(page.getByTestId('nav-periods')).toHaveAttribute('data-active', 'true');

  // An address that names no screen opens the first one: My page.
  await page.goto(`${server.url}/#/nowhere`);
  await expect(page.getByTestId('home-screen')).toBeVisible();
  await expect(page).toHaveURL(/#\/home$/);
});

test('a screen the user may not read is not opened by its address', async ({ page }) => {
  await loginAs(page, server.url, 'dispatcher.riga');
  await expect(page.getByTestId('nav-users')).toHaveCount(0);
  await page.goto(`${server.url}/#/users`);
  await expect(page.getByTestId('current-user')).toBeVisible();
  await expect(page.getByTestId('home-screen')).toBeVisible();
  await expect(page.getByTestId('users-screen')).toHaveCount(0);
});

test('a screen whose code cannot be fetched says so in the shell, and the other screens still open', async ({ page }) => {
  await loginAs(page, server.url, 'owner');
  await useLanguage(page, 'en', 'English');
  // Each screen's code is fetched when it is first opened: refuse the series screen's file.
  await page.route(/\/assets\/SeriesScreen-[^/]*\.js$/, (route) => route.abort());
  await page.getByTestId('nav-series').click();
  await expect(page.getByTestId('screen-failed')).toContainText('This screen could not be loaded');
  await expect(page.getByTestId('series-screen')).toHaveCount(0);
  await page.getByTestId('nav-periods').click();
  await expect(page.getByTestId('periods-screen')).toBeVisible();
  await useLanguage(page, 'lv', 'Latviešu');
});

const SCREENS: { route: string; ready: (page: Page) => Promise<void> }[] = [
  { route: 'clients', ready: (p) => expect(p.getByTestId('grid-clients').locator('.ag-row[row-id]').first()).toBeVisible() },
  { route: 'nomenclature', ready: (p) => expect(p.getByTestId('nomenclature-screen').locator('tbody tr').first()).toBeVisible() },
  { route: 'organization', ready: (p) => expect(p.getByTestId('branches-table')).toContainText('Rīga') },
  { route: 'users', ready: (p) => expect(p.getByTestId('users-screen').locator('tbody tr').first()).toBeVisible() },
  { route: 'periods', ready: (p) => expect(p.getByTestId('periods-screen').locator('tbody tr').first()).toBeVisible() },
  { route: 'series', ready: (p) => expect(p.getByTestId('series-screen').locator('tbody tr').first()).toBeVisible() },
  { route: 'mail', ready: (p) => expect(p.getByTestId('mail-screen').locator('input').first()).toBeVisible() },
  { route: 'sms', ready: (p) => expect(p.getByTestId('sms-form')).toBeVisible() },
  { route: 'audit', ready: (p) => expect(p.getByTestId('grid-audit').locator('.ag-row[row-id]').first()).toBeVisible() },
];

for (const [code, label] of [
  ['en', 'English'],
  ['lt', 'Lietuvių'],
] as const) {
  test(`the login page and every administration screen look right in ${label}`, async ({ page }) => {
    await page.goto(server.url);
    await expect(page.getByLabel(/^Login|^Pieteikšanās/)).toBeVisible();
    await shot(page, `screens-login-${code === 'en' ? 'default' : code}`);
    await loginAs(page, server.url, 'owner');
    await useLanguage(page, code, label);
    for (const s of SCREENS) {
      await page.getByTestId(`nav-${s.route}`).click();
      await expect(page.getByTestId(`${s.route}-screen`)).toBeVisible();
      await s.ready(page);
      await shot(page, `screens-${s.route}-${code}`);
    }
    // Back to the owner's own language for the tests after this one.
    await useLanguage(page, 'lv', 'Latviešu');
  });
}

test('the setup wizard on an empty folder looks right in English and Lithuanian', async ({ page }) => {
  const empty = await startPlanora();
  try {
    await page.goto(empty.url);
    await expect(page.getByTestId('setup-submit')).toBeVisible();
    await page.getByLabel('Language', { exact: true }).first().click();
    await page.getByRole('option', { name: 'English', exact: true }).click();
    await shot(page, 'screens-setup-en');
    await page.getByTestId('setup-submit').click();
    await expect(page.getByText(/required|empty|at least/i).first()).toBeVisible();
    await shot(page, 'screens-setup-refused-en');
    await page.getByLabel('Language', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Lietuvių', exact: true }).click();
    await shot(page, 'screens-setup-lt');
  } finally {
    await empty.stop();
  }
});
