import type { Locator, Page } from '@playwright/test';
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/** The reference lists (intervention types, zones, contracts, products…) as a clerk edits them: with the keyboard. */
// Its counts and codes are about the lists this file fills: the demo's call centre (and its lists) stays empty here.
const server = demoServer({ demoSize: 0 });

const row = (table: Locator, text: string | RegExp) => table.getByRole('row', { name: text });

test('an owner keeps the reference lists with the keyboard: adds, edits, meets a duplicate code, deletes', async ({ page }) => {
  await loginAs(page, server.url, 'owner');
  const language = page.getByTestId('language-select');
  await language.click();
  await page.getByRole('option', { name: 'English', exact: true }).click();
  await expect(page.getByTestId('nav-clients')).toContainText('Clients');

  await page.getByTestId('nav-nomenclature').click();
  const screen = page.getByTestId('nomenclature-screen');
  await expect(screen).toBeVisible();
  const kinds = page.getByTestId('nomenclature-kinds');
  const table = page.getByTestId('nomenclature-table');
  const editRow = page.getByTestId('nomenclature-edit-row');

  // The lists take focus first: the arrows walk them.
  await expect(kinds).toBeFocused();
  await expect(page.getByTestId('nomenclature-kind-intervention_type')).toHaveAttribute('aria-selected', 'true');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('nomenclature-kind-zone')).toHaveAttribute('aria-selected', 'true');
  await expect(table.getByRole('columnheader', { name: 'Code' })).toBeVisible();

  // Insert adds a row in place; Tab moves to the name, Enter saves.
  await page.keyboard.press('Insert');
  await expect(editRow).toBeVisible();
  await expect(editRow.getByLabel('Code')).toBeFocused();
  await page.keyboard.type('Z01');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Zona Centru');
  await shot(page, 'nomenclature-adding');
  await page.keyboard.press('Enter');
  await expect(editRow).toBeHidden();
  await expect(table).toBeFocused();
  await expect(row(table, /Z01.*Zona Centru/)).toBeVisible();
  await expect(table).toBeFocused();

  await page.keyboard.press('Insert');
  await expect(editRow.getByLabel('Code')).toBeFocused();
  await page.keyboard.type('Z02');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Zona Nord');
  await page.keyboard.press('Enter');
  await expect(editRow).toBeHidden();
  await expect(table).toBeFocused();
  await expect(row(table, /Z02.*Zona Nord/)).toBeVisible();

  // An empty name is refused on its field before anything is sent.
  await page.keyboard.press('Insert');
  await expect(editRow.getByLabel('Code')).toBeFocused();
  await page.keyboard.type('Z03');
  await page.keyboard.press('Enter');
  await expect(editRow.getByText('Required')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(editRow).toBeHidden();
  await expect(table).toBeFocused();

  // A duplicate code (case aside): main refuses and the message sits under the code.
  await page.keyboard.press('Insert');
  await expect(editRow.getByLabel('Code')).toBeFocused();
  await page.keyboard.type('z01');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Zona dublată');
  await page.keyboard.press('Enter');
  await expect(editRow.getByText('The code z01 is already used in this list')).toBeVisible();
  await expect(editRow.getByLabel('Code')).toBeFocused();
  await shot(page, 'nomenclature-duplicate-code');
  await page.keyboard.press('Escape');
  await expect(editRow).toBeHidden();
  await expect(table).toBeFocused();
  await expect(table).not.toContainText('Zona dublată');

  // ← back to the lists, Home to intervention types, → to its rows.
  await table.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(kinds).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('nomenclature-kind-intervention_type')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Insert');
  await expect(editRow.getByLabel('Code')).toBeFocused();
  await page.keyboard.type('REP');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Reparație centrală termică');
  await page.keyboard.press('Enter');
  await expect(editRow).toBeHidden();
  await expect(table).toBeFocused();
  await expect(row(table, /REP.*Reparație centrală termică/)).toBeVisible();
  await page.keyboard.press('Insert');
  await expect(editRow.getByLabel('Code')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Montaj');
  await page.keyboard.press('Enter');
  await expect(editRow).toBeHidden();
  await expect(table).toBeFocused();
  await expect(row(table, 'Montaj')).toBeVisible();
  await shot(page, 'nomenclature-types');

  // Enter edits the selected row; the inactive one drops out of the list unless asked for.
  await page.keyboard.press('Home');
  await expect(row(table, 'Montaj')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(editRow.getByLabel('Name')).toHaveValue('Montaj');
  await editRow.getByLabel('Name').fill('Montaj instalație');
  await page.keyboard.press('Enter');
  await expect(editRow).toBeHidden();
  await expect(table).toBeFocused();
  await expect(row(table, 'Montaj instalație')).toBeVisible();
  await expect(table).toBeFocused();

  await page.keyboard.press('Enter');
  await editRow.getByTestId('nomenclature-edit-active').uncheck();
  await page.keyboard.press('Enter');
  await expect(editRow).toBeHidden();
  await expect(table).toBeFocused();
  await expect(table).not.toContainText('Montaj instalație');
  await page.getByTestId('nomenclature-inactive').check();
  await expect(row(table, 'Montaj instalație')).toContainText('No');

  // Typing on the rows searches: diacritics do not matter.
  await table.focus();
  await page.keyboard.type('repa');
  await expect(page.getByTestId('nomenclature-search')).toHaveValue('repa');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(row(table, /Reparație/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('nomenclature-search')).toHaveValue('');

  // Delete asks first; Enter confirms.
  await page.getByTestId('nomenclature-kind-zone').click();
  await row(table, /Zona Nord/).click();
  await table.focus();
  await page.keyboard.press('Delete');
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm).toContainText('Z02 · Zona Nord');
  // Focus starts on the confirm button once the dialog has opened.
  await expect(confirm.getByTestId('confirm-ok')).toBeFocused();
  await shot(page, 'nomenclature-delete-confirm');
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(table).not.toContainText('Zona Nord');
  await expect(row(table, /Zona Centru/)).toBeVisible();
});

test('contracts belong to a client, and an item a document uses cannot be deleted', async ({ page }) => {
  await loginAs(page, server.url, 'owner');
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: 'English', exact: true }).click();
  await page.getByTestId('nav-nomenclature').click();
  const table = page.getByTestId('nomenclature-table');
  const editRow = page.getByTestId('nomenclature-edit-row');

  // Not the first client by name: Enter must take what was typed, not a first match left from an earlier keystroke.
  const clients = await apiCall<{ rows: { id: string; name: string }[] }>(page, 'clients.list', { limit: 1, offset: 137 });
  const client = clients.rows[0]!;

  await page.getByTestId('nomenclature-kind-contract').click();
  await expect(table.getByRole('columnheader', { name: 'Client' })).toBeVisible();
  await table.focus();
  await page.keyboard.press('Insert');
  await expect(editRow.getByLabel('Code')).toBeFocused();
  await page.keyboard.type('CTR-1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Contract de mentenanță');
  // Without a client main would refuse: the row says so on the client field.
  await page.keyboard.press('Enter');
  await expect(editRow.getByText('Contracts and estimates belong to a client: choose one')).toBeVisible();
  await expect(editRow.getByLabel('Client')).toBeFocused();
  // Typing searches the clients in main; the first match is highlighted and Enter takes it (the row is not saved yet).
  await page.keyboard.type(client.name);
  // Each option names the client and, dimmed, its phone and locality, so namesakes can be told apart.
  const first = page.getByRole('listbox').last().getByRole('option').first();
  await expect(first).toContainText(client.name);
  await expect(first).toHaveAttribute('data-combobox-selected', 'true');
  await shot(page, 'nomenclature-contract-client');
  await page.keyboard.press('Enter');
  await expect(editRow.getByLabel('Client')).toHaveValue(client.name);
  await expect(editRow).toBeVisible();
  // A second Enter saves the row.
  await page.keyboard.press('Enter');
  await expect(editRow).toBeHidden();
  await expect(table).toBeFocused();
  await expect(row(table, /CTR-1.*Contract de mentenanță/)).toContainText(client.name);

  // An intervention that uses the contract keeps it from being deleted.
  const [contract] = await apiCall<{ id: string }[]>(page, 'nomenclature.list', { kind: 'contract', search: 'CTR-1' });
  const branches = await apiCall<{ id: string }[]>(page, 'branches.list', {});
  await apiCall(page, 'interventions.create', { branchId: branches[0]!.id, clientId: client.id, priority: 'medium', docDate: new Date().toISOString().slice(0, 10), contractId: contract!.id });
  await row(table, /CTR-1/).click();
  await table.focus();
  await page.keyboard.press('Delete');
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm.getByTestId('confirm-ok')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm.getByTestId('confirm-error')).toHaveText('Interventions use it (1), so it cannot be deleted. Make it inactive instead.');
  await shot(page, 'nomenclature-in-use');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(row(table, /CTR-1/)).toBeVisible();

  // Products: their own table, with the "system" flag.
  await page.getByTestId('nomenclature-kind-product').click();
  await table.focus();
  await page.keyboard.press('Insert');
  await expect(editRow.getByLabel('Code')).toBeFocused();
  await page.keyboard.type('CT-24');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Centrală termică 24 kW');
  await page.keyboard.press('Enter');
  await expect(editRow).toBeHidden();
  await expect(table).toBeFocused();
  await expect(row(table, /CT-24.*Centrală termică 24 kW/)).toBeVisible();
  await expect(page.getByTestId('nomenclature-count')).toHaveText('1 of 1');
  await expect(row(table, /CT-24/)).toHaveAttribute('aria-selected', 'true');
  await shot(page, 'nomenclature-products');
});
