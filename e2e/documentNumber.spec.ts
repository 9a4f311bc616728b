import type { Page } from '@playwright/test';
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/** A validated document's number already carries its series' prefix: shown once, in the title and in the grid. */
const server = demoServer();

test('a validated document is named by its number once: "RIX-000001", never "RIX-RIX-000001"', async ({ page }) => {
  await loginAs(page, server.url, 'manager.riga');
  const me = await apiCall<{ branchIds: string[] }>(page, 'auth.me', {});
  const clients = await apiCall<{ rows: { id: string }[] }>(page, 'clients.list', { limit: 5, offset: 0 });
  const created = await apiCall<{ id: string; version: number }>(page, 'interventions.create', {
    branchId: me.branchIds[0],
    clientId: clients.rows[0]!.id,
    priority: 'medium',
    docDate: new Date().toISOString().slice(0, 10),
  });
  const valid = await apiCall<{ number: string }>(page, 'interventions.validate', { id: created.id, version: created.version });
  expect(valid.number).toMatch(/^RIX-\d{6}$/);

  await page.getByTestId('nav-interventions').click();
  const row = page.getByTestId('interventions-grid').locator(`.ag-row[row-id="${created.id}"]:has([col-id=client])`);
  await expect(row.locator('[col-id=number]')).toHaveText(valid.number);
  await row.locator('[col-id=client]').dblclick();
  const title = page.getByTestId('intervention-form-title');
  await expect(title).toContainText(valid.number);
  await expect(title).not.toContainText('RIX-RIX');
  await shot(page, 'document-number-title');
  await page.keyboard.press('Escape');
  // The series column (in the chooser: the number carries its series) names the series; the number beside it is whole.
  await page.getByTestId('columns-button').click();
  await page.getByTestId('column-toggle-series').click();
  await page.keyboard.press('Escape');
  await expect(row.locator('[col-id=series]')).toHaveText('RIX');
});
