import type { Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lv from '../src/shared/i18n/lv.json' with { type: 'json' };
import { DEMO_PASSWORD, demoServer, expect, shot, test } from './fixtures';

/** What the first screen downloads, and what is fetched ahead of need: the login alone first, then the shell and screens. */
const server = demoServer({ demoSize: 0 });

/** The built chunks the page has asked for, by the module they were named after (`ClientsScreen`, `DataGrid`, `lv`). */
function chunksAsked(page: Page): () => string[] {
  const asked: string[] = [];
  page.on('request', (r) => {
    const m = /\/assets\/(.+)-[\w-]{8}\.js$/.exec(new URL(r.url()).pathname);
    if (m) asked.push(m[1]!);
  });
  return () => [...asked];
}

async function logIn(page: Page, login: string): Promise<void> {
  await page.locator('input[autocomplete="username"]').fill(login);
  await page.locator('input[autocomplete="current-password"]').fill(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-user')).toBeVisible();
}

test('the login comes without the grid, the shell or other languages; the shell and screens are fetched ahead, and Alt+number opens the clients', async ({ page }) => {
  const asked = chunksAsked(page);
  // The big chunks are held back: the login must be up and take typing without them.
  const held: (() => Promise<void>)[] = [];
  const big = /\/assets\/(Shell|ClientsScreen|DataGrid)-[\w-]{8}\.js$/;
  await page.route(big, (route) => void held.push(() => route.continue()));
  await page.goto(`${server.url}/#/clients`);
  await expect(page.getByRole('heading', { name: en.auth.title })).toBeVisible();
  await page.locator('input[autocomplete="username"]').fill('admin');
  await expect(page.locator('input[autocomplete="username"]')).toHaveValue('admin');
  for (const language of ['lv', 'ru', 'hy']) expect(asked(), language).not.toContain(language);
  await shot(page, 'first-screen-login-en');

  // While the login waits for typing, the shell and then the screen the address names are asked for.
  for (const release of held) await release();
  await page.unroute(big);
  await expect.poll(asked).toEqual(expect.arrayContaining(['Shell', 'ClientsScreen', 'DataGrid']));

  await logIn(page, 'admin');
  await expect(page.getByTestId('clients-screen')).toBeVisible();
  await expect(page.locator('[data-testid=grid-clients] .ag-row').first()).toBeVisible();
  // After login, the screens behind Alt+1…9 are fetched in idle time, before anyone asks for them.
  await expect.poll(asked).toEqual(expect.arrayContaining(['InterventionsScreen', 'TasksScreen', 'HomeScreen']));
  const before = asked().length;
  await page.getByTestId('nav-home').click();
  await expect(page.getByTestId('current-user')).toBeVisible();
  const key = (await page.locator('[data-testid=nav-clients] kbd').innerText()).trim();
  await page.keyboard.press(key);
  await expect(page.locator('[data-testid=grid-clients] .ag-row').first()).toBeVisible();
  expect(asked().slice(before).filter((c) => /Screen$/.test(c))).toEqual([]);
  await shot(page, 'first-screen-clients-en');
});

test('Latvian is fetched when picked on the login, and a Latvian profile shows the shell in Latvian from its first frame', async ({ page }) => {
  const asked = chunksAsked(page);
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: en.auth.title })).toBeVisible();
  await page.getByTestId('login-language').click();
  await page.getByRole('option', { name: 'Latviešu' }).click();
  await expect(page.getByRole('heading', { name: lv.auth.title })).toBeVisible();
  expect(asked()).toContain('lv');
  expect(asked()).not.toContain('ru');
  await shot(page, 'first-screen-login-lv');

  // The choice is remembered: a reload draws the login in Latvian at once, never English first.
  await page.reload();
  await expect(page.getByRole('heading', { name: lv.auth.title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'lv');

  await logIn(page, 'owner');
  await expect(page.getByTestId('logout')).toHaveText(lv.shell.logout);
  await expect(page.getByTestId('nav-clients')).toContainText(lv.nav.clients);
  await shot(page, 'first-screen-shell-lv');
});
