import type { Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import ru from '../src/shared/i18n/ru.json' with { type: 'json' };
import { apiCall, DEMO_PASSWORD, demoServer, expect, shot, test } from './fixtures';

/** The language picked on the login screen is the session's; the profile keeps its own unless the user keeps the new one. */
const server = demoServer({ demoSize: 0 });

async function logIn(page: Page, login: string, pick: string | null): Promise<void> {
  await page.goto(server.url);
  if (pick) {
    await page.getByTestId('login-language').click();
    await page.getByRole('option', { name: pick }).click();
  }
  await page.locator('input[autocomplete="username"]').fill(login);
  await page.locator('input[autocomplete="current-password"]').fill(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-user')).toBeVisible();
}

async function logOut(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await expect(page.locator('input[autocomplete="username"]')).toBeVisible();
}

test('Russian picked at login is used for the session and offered; "only this time" leaves the profile', async ({ page }) => {
  // tech.riga's profile says Latvian.
  await logIn(page, 'tech.riga', 'Русский');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  const prompt = page.getByTestId('keep-language');
  await expect(prompt).toContainText(ru.auth.keepLanguage.replace('{{language}}', 'Русский'));
  await expect(page.getByTestId('logout')).toHaveText(ru.shell.logout);
  await shot(page, 'login-language-keep-ru');
  await page.getByTestId('keep-language-no').click();
  await expect(prompt).toBeHidden();
  expect(await apiCall(page, 'auth.me', {})).toMatchObject({ language: 'ru', savedLanguage: 'lv' });

  // Without a pick, the next login speaks the profile's language and asks nothing.
  await logOut(page);
  await logIn(page, 'tech.riga', null);
  await expect(page.locator('html')).toHaveAttribute('lang', 'lv');
  await expect(prompt).toBeHidden();
});

test('English picked at login and kept becomes the profile language', async ({ page }) => {
  await logIn(page, 'tech2.riga', 'English');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const prompt = page.getByTestId('keep-language');
  await expect(prompt).toContainText(en.auth.keepLanguage.replace('{{language}}', 'English'));
  await shot(page, 'login-language-keep-en');
  await page.getByTestId('keep-language-yes').click();
  await expect(prompt).toBeHidden();
  const me = await apiCall<Record<string, unknown>>(page, 'auth.me', {});
  expect(me).toMatchObject({ language: 'en' });
  expect(me).not.toHaveProperty('savedLanguage');

  await logOut(page);
  // The login screen still shows English (the last language used here); the profile now says so too.
  await logIn(page, 'tech2.riga', null);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(prompt).toBeHidden();
});
