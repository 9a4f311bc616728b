import type { Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lt from '../src/shared/i18n/lt.json' with { type: 'json' };
import { startGatewayPeer, type GatewayPeer } from '../src/main/sms/testing/gatewayPeer';
import { expectAccessible } from './a11y';
import { demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * The SMS settings screen as an owner meets it: turn messages on, describe a generic HTTP gateway (a local one on
 * 127.0.0.1 that records what it receives), send a test message and see it arrive; in English and Lithuanian.
 */
const server = demoServer({ demoSize: 0 });
let gateway: GatewayPeer;
test.beforeAll(async () => {
  gateway = await startGatewayPeer();
});
test.afterAll(async () => {
  await gateway.close();
});

async function language(page: Page, name: string) {
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name, exact: true }).click();
}

test('an owner sets up a generic HTTP gateway, sends a test message and sees it arrive (English)', async ({ page }) => {
  await loginAs(page, server.url, 'owner');
  await language(page, 'English');
  await page.getByTestId('nav-sms').click();
  await expect(page.getByTestId('sms-not-configured')).toHaveText(en.sms.notConfigured);

  await page.getByTestId('sms-enabled').check();
  await page.getByTestId('sms-provider').click();
  await page.getByRole('option', { name: en.sms.otherGateway }).click();
  await page.getByTestId('sms-sender').fill('Planora');
  // A refusal from main lands on its field: plain http to a public host is not allowed.
  await page.getByTestId('sms-http-url').fill('http://sms.example.com/send');
  await page.getByTestId('sms-save').click();
  await expect(page.getByText(en.sms.errors.url_invalid)).toBeVisible();

  await page.getByTestId('sms-http-url').fill(`${gateway.url}/sms/send`);
  await page.getByTestId('sms-header-add').click();
  await page.getByTestId('sms-header-name-0').fill('X-Api-Key');
  await page.getByTestId('sms-header-value-0').fill('{secret}');
  await page.getByTestId('sms-http-secret').fill('e2e-key-1');
  // Checked while the form is being filled in: the saved-state greens are the shared settings form's and the outbox's.
  await expectAccessible(page, 'SMS settings (en)');
  await page.getByTestId('sms-save').click();
  await expect(page.getByTestId('sms-saved')).toBeVisible();
  await expect(page.getByTestId('sms-not-configured')).toHaveCount(0);

  await page.getByTestId('sms-test-to').fill('+371 26 123 456');
  await page.getByTestId('sms-test-send').click();
  await expect(page.getByTestId('sms-test-result')).toHaveText(en.sms.testQueued);
  const [req] = await gateway.waitFor(1, 15_000);
  expect(req).toMatchObject({ method: 'POST', path: '/sms/send', headers: { 'x-api-key': 'e2e-key-1', 'content-type': 'application/json' } });
  const body = JSON.parse(req!.body) as { to: string; from: string; text: string };
  expect(body).toMatchObject({ to: '+37126123456', from: 'Planora' });
  expect(body.text).toMatch(/^Test message from .+: text messages to clients work\.$/);
  const table = page.getByTestId('outbox-table');
  await expect(table.getByRole('cell', { name: '+37126123456' })).toBeVisible();
  // The list watches a waiting message leave.
  await expect(table.getByRole('row').filter({ hasText: '+37126123456' })).toContainText(en.mail.statuses.sent, { timeout: 15_000 });
  await shot(page, 'sms-settings-en');

  // The mail screen's outbox lists it too, saying it is a text message.
  await page.getByTestId('nav-mail').click();
  await expect(page.getByTestId('outbox-table').getByRole('cell', { name: en.sms.channels.sms, exact: true })).toBeVisible();
  await shot(page, 'mail-outbox-channels-en');
});

test('the same screen in Lithuanian: the test message goes out in the owner’s language', async ({ page }) => {
  await loginAs(page, server.url, 'owner');
  await language(page, 'Lietuvių');
  await page.getByTestId('nav-sms').click();
  await expect(page.getByTestId('sms-enabled')).toBeChecked();
  await expect(page.getByTestId('sms-http-secret')).toHaveAttribute('placeholder', lt.sms.secretKept);
  await page.getByTestId('sms-test-to').fill('+37061234567');
  await page.getByTestId('sms-test-to').press('Enter');
  await expect(page.getByTestId('sms-test-result')).toHaveText(lt.sms.testQueued);
  const requests = await gateway.waitFor(2, 15_000);
  const body = JSON.parse(requests[1]!.body) as { to: string; text: string };
  expect(body.to).toBe('+37061234567');
  expect(body.text).toMatch(/^Bandomoji žinutė iš .+: SMS klientams veikia\.$/);
  await expect(page.getByTestId('outbox-table').getByRole('row').filter({ hasText: '+37061234567' })).toContainText(lt.mail.statuses.sent, { timeout: 15_000 });
  await shot(page, 'sms-settings-lt');
});
