import type { Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import { expect, loginAs, shot, startPlanora, test, type PlanoraServer } from './fixtures';

/** The outgoing mail screen's test message: a bad address is refused, a good one is queued and listed in the outbox. */
let server: PlanoraServer & { stop(): Promise<void> };

test.beforeAll(async () => {
  server = await startPlanora({ demo: true });
});

test.afterAll(async () => {
  await server?.stop();
});

/** Calls a procedure from the page, with the page's session cookie, as the renderer would. */
async function apiCall(page: Page, name: string, input: unknown): Promise<void> {
  const r = await page.evaluate(
    async ([n, i]) => {
      const res = await fetch(`/api/call/${n}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(i) });
      return res.json();
    },
    [name, input] as const,
  );
  if (!r.ok) throw new Error(`${name} refused: ${JSON.stringify(r.error)}`);
}

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
