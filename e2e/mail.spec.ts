import type { Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/** The outgoing mail screen's test message: a bad address is refused, a good one is queued and listed in the outbox. */
const server = demoServer();

test('a test message to a bad address is refused, and one to a good address is queued into the outbox', async ({ page }) => {
  await loginAs(page, server.url, 'owner');
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: 'English', exact: true }).click();
  // Nothing listens on port 9 of this machine: a message is queued, then fails at once (it is never delivered).
  await apiCall(page, 'mail.setSettings', { host: '127.0.0.1', port: 9, secure: false, user: null, from: 'Planora <noreply@example.lv>' });
  await page.getByTestId('nav-mail').click();

  const to = page.getByTestId('mail-test-to');
  const result = page.getByTestId('mail-test-result');
  await to.fill('not an address');
  await page.getByTestId('mail-test-send').click();
  await expect(result).toHaveAttribute('role', 'alert');
  await expect(result).not.toBeEmpty();

  await to.fill('admin@serviss.example.lv');
  await to.press('Enter');
  await expect(result).toHaveText(en.mail.testQueued);
  await expect(result).toHaveAttribute('role', 'status');
  await expect(page.getByRole('cell', { name: 'admin@serviss.example.lv' })).toBeVisible();
  await shot(page, 'mail-test-queued');
});
