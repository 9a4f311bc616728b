import type { Locator, Page } from '@playwright/test';
import { demoServer, expect, loginAs, shot, test } from './fixtures';

/** The administration screens (organization, users, working periods, document series, audit log) as an owner and as a dispatcher use them. */
const server = demoServer();

/** Picks an option of a Mantine Select / MultiSelect by its visible label. */
async function pick(page: Page, input: Locator, option: string): Promise<void> {
  await input.click();
  await page.getByRole('option', { name: option, exact: true }).click();
  // A multi-select stays open for more picks; Tab moves on, as a clerk would.
  if (await page.getByRole('listbox').isVisible()) await page.keyboard.press('Tab');
}

async function open(page: Page, route: string): Promise<void> {
  await page.getByTestId(`nav-${route}`).click();
  await expect(page.getByTestId(`${route}-screen`)).toBeVisible();
}

const year = new Date().getFullYear();
const january = `${year}-01`;

test('an owner sets up branches, users, periods, series and audit levels, then finds it all in the audit log', async ({ page }) => {
  await loginAs(page, server.url, 'owner');
  // The demo owner works in Latvian; switch to English the way a person would.
  await pick(page, page.getByTestId('language-select'), 'English');
  await expect(page.getByTestId('nav-organization')).toContainText('Organization');

  // ---- Organization: the form and the branches ----
  await open(page, 'organization');
  await expect(page.getByTestId('org-form').getByLabel('Name', { exact: true })).toHaveValue('Planora Demo Serviss');
  await expect(page.getByTestId('branches-table')).toContainText('Rīga');
  await expect(page.getByTestId('branches-table')).toContainText('Asia/Yerevan');
  await shot(page, 'admin-organization');

  // The organization's own phone is saved normalized to E.164.
  const orgForm = page.getByTestId('org-form');
  await orgForm.getByLabel('Phone', { exact: true }).fill('67 000 001');
  await page.getByTestId('org-save').click();
  await expect(page.getByTestId('org-saved')).toBeVisible();
  await expect(orgForm.getByLabel('Phone', { exact: true })).toHaveValue('+37167000001');

  await page.getByTestId('branch-add').click();
  const branch = page.getByTestId('branch-dialog');
  await branch.getByLabel('Name', { exact: true }).fill('Liepāja');
  await branch.getByLabel('Address').fill('Lielā iela 1, Liepāja');
  await branch.getByLabel('Phone (caller ID)').fill('not a phone');
  await branch.getByTestId('branch-save').click();
  // Main refuses the phone; the refusal sits under the field, translated.
  await expect(branch.getByText('Not a valid phone number')).toBeVisible();
  await branch.getByLabel('Phone (caller ID)').fill('63 400 000');
  await pick(page, branch.getByLabel('Manager'), 'Andris Ozoliņš');
  await shot(page, 'admin-branch-dialog');
  await branch.getByTestId('branch-save').click();
  await expect(branch).toBeHidden();
  const branches = page.getByTestId('branches-table');
  await expect(branches.getByRole('row', { name: /Liepāja/ })).toContainText('+37163400000');
  await expect(branches.getByRole('row', { name: /Liepāja/ })).toContainText('Andris Ozoliņš');

  // A branch added by mistake is deleted with the Delete key and a confirmation.
  await page.keyboard.press('Insert');
  await branch.getByLabel('Name', { exact: true }).fill('Temporary');
  await page.keyboard.press('Enter');
  await expect(branch).toBeHidden();
  await branches.getByRole('row', { name: /Temporary/ }).click();
  await branches.focus();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('confirm-dialog')).toContainText('Temporary');
  await page.getByTestId('confirm-ok').click();
  await expect(branches).not.toContainText('Temporary');

  // ---- Users ----
  await open(page, 'users');
  const users = page.getByTestId('users-table');
  await expect(users).toContainText('Rūta Petrauskienė');
  await page.keyboard.press('Insert');
  const user = page.getByTestId('user-dialog');
  await user.getByLabel('Login').fill('admin');
  await user.getByLabel('Password', { exact: true }).fill('liepaja-2025');
  await user.getByLabel('Name', { exact: true }).fill('Jānis Bērziņš');
  await user.getByLabel('E-mail').fill('janis@demo.planora.test');
  await pick(page, user.getByLabel('Role'), 'Dispatcher');
  await pick(page, user.getByLabel('Branches'), 'Liepāja');
  await user.getByTestId('user-save').click();
  // The login is taken: main says so at the login field.
  await expect(user.getByText('This login is already taken')).toBeVisible();
  await user.getByLabel('Login').fill('dispatcher.liepaja');
  await shot(page, 'admin-user-dialog');
  await user.getByTestId('user-save').click();
  await expect(user).toBeHidden();
  const janis = users.getByRole('row', { name: /Jānis Bērziņš/ });
  await expect(janis).toContainText('dispatcher.liepaja');
  await expect(janis).toContainText('Dispatcher');
  await expect(janis).toContainText('Liepāja');

  // The owner cannot change her own role: the refusal is shown at the role field.
  await users.getByRole('row', { name: /Ilze Kalniņa/ }).dblclick();
  await pick(page, user.getByLabel('Role'), 'Administrator');
  await user.getByTestId('user-save').click();
  await expect(user.getByText('You cannot change your own role')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(user).toBeHidden();

  // Deactivate the new user; it leaves the list until "show inactive" is on.
  await janis.click();
  await page.getByTestId('user-toggle-active').click();
  await page.getByTestId('confirm-ok').click();
  await expect(users).not.toContainText('Jānis Bērziņš');
  await page.getByLabel('Show inactive').check();
  await expect(janis).toContainText('Inactive');
  await shot(page, 'admin-users');

  // ---- Working periods ----
  await open(page, 'periods');
  await expect(page.getByTestId(`period-state-${january}`)).toHaveText('Open');
  await page.getByTestId(`period-lock-${january}`).click();
  await expect(page.getByTestId('confirm-dialog')).toContainText(`January ${year}`);
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId(`period-state-${january}`)).toHaveText('Locked');
  await expect(page.getByTestId('periods-table').getByRole('row', { name: new RegExp(`January ${year}`) })).toContainText('Ilze Kalniņa');
  await expect(page.getByTestId(`period-unlock-${january}`)).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await shot(page, 'admin-periods');

  // ---- Document series ----
  await open(page, 'series');
  // The demo's call centre has numbered documents already: the next one follows them.
  await expect(page.getByTestId('series-table')).toContainText(/RIX-\d{6}/);
  await page.keyboard.press('Insert');
  const series = page.getByTestId('series-dialog');
  await pick(page, series.getByLabel('Document type'), 'Invoice');
  await pick(page, series.getByLabel('Branch'), 'Liepāja');
  await series.getByLabel('Prefix').fill('LPX-');
  await series.getByLabel('Next number').fill('42');
  await expect(series.getByTestId('series-preview')).toHaveText('LPX-000042');
  await series.getByTestId('series-save').click();
  await expect(series).toBeHidden();
  const row = page.getByTestId('series-table').getByRole('row', { name: /LPX-/ });
  await expect(row).toContainText('LPX-000042');
  await expect(row).toContainText('Invoice');
  await expect(row).toContainText('Liepāja');

  // Lowering the next number would hand a number out twice: main refuses, the error sits at the field.
  await row.click();
  await page.getByTestId('series-table').focus();
  await page.keyboard.press('Enter');
  await series.getByLabel('Next number').fill('10');
  await series.getByTestId('series-save').click();
  await expect(series.getByText('The next number cannot go back below 42')).toBeVisible();
  await shot(page, 'admin-series-error');
  await page.keyboard.press('Escape');
  await expect(series).toBeHidden();
  await shot(page, 'admin-series');

  // ---- Audit levels ----
  await open(page, 'audit');
  await page.getByTestId('audit-tab-levels').click();
  for (const module of ['clients', 'organization']) {
    const level = page.getByTestId(`audit-level-${module}`);
    await level.getByText('Detailed', { exact: true }).click();
    await expect(level.getByRole('radio', { name: 'Detailed' })).toBeChecked();
  }
  await shot(page, 'admin-audit-levels');
  // Still detailed after a reload from main.
  await page.reload();
  await open(page, 'audit');
  await page.getByTestId('audit-tab-levels').click();
  await expect(page.getByTestId('audit-level-clients').getByRole('radio', { name: 'Detailed' })).toBeChecked();

  // With organization at the detailed level, a branch change keeps its fields before and after.
  await open(page, 'organization');
  await branches.getByRole('row', { name: /Liepāja/ }).dblclick();
  await branch.getByLabel('Address').fill('Graudu iela 5, Liepāja');
  await branch.getByTestId('branch-save').click();
  await expect(branches.getByRole('row', { name: /Liepāja/ })).toContainText('Graudu iela 5');

  // ---- Audit log: everything above is there ----
  await open(page, 'audit');
  const grid = page.getByTestId('grid-audit');
  await expect(grid).toContainText('Jānis Bērziņš (dispatcher.liepaja)');
  await expect(grid).toContainText('invoice LPX-');
  await expect(grid).toContainText('clients: detailed');
  await expect(grid).toContainText(january);

  await pick(page, page.getByTestId('audit-module'), 'Organization');
  await expect(grid).not.toContainText('invoice LPX-');
  await expect(grid).toContainText('Temporary');
  const changed = grid.locator('.ag-row', { hasText: 'Changed' }).filter({ hasText: 'Liepāja' }).first();
  await changed.click();
  const diff = page.getByTestId('audit-diff');
  await expect(diff).toContainText('Address');
  await expect(diff).toContainText('Lielā iela 1, Liepāja');
  await expect(diff).toContainText('Graudu iela 5, Liepāja');
  await shot(page, 'admin-audit');

  await pick(page, page.getByTestId('audit-module'), 'Working periods');
  await expect(grid.locator('.ag-row', { hasText: january })).toContainText('Locked');
  await expect(grid.locator('.ag-row', { hasText: january })).toContainText('Ilze Kalniņa');

  // The same dialogs in Latvian: an empty name is refused at its field, in the clerk's language, and nothing is saved.
  await pick(page, page.getByTestId('language-select'), 'Latviešu');
  await open(page, 'organization');
  await page.getByTestId('branch-add').click();
  const lvBranch = page.getByTestId('branch-dialog');
  await expect(page.getByRole('dialog')).toContainText('Jauna filiāle');
  await lvBranch.getByTestId('branch-save').click();
  await expect(lvBranch.getByText('Obligāts lauks')).toBeVisible();
  await shot(page, 'admin-branch-dialog-lv');
  await page.keyboard.press('Escape');
  await expect(lvBranch).toBeHidden();
});

test('a dispatcher sees the administration lists but none of the controls that change them', async ({ page }) => {
  await loginAs(page, server.url, 'dispatcher.riga');
  await expect(page.getByTestId('nav-audit')).toHaveCount(0);

  await open(page, 'organization');
  await expect(page.getByTestId('branches-table')).toContainText('Rīga');
  await expect(page.getByTestId('branch-add')).toHaveCount(0);
  await expect(page.getByTestId('branch-delete')).toHaveCount(0);
  await expect(page.getByTestId('org-save')).toHaveCount(0);

  // User administration (logins, e-mails) is for owners and admins: the screen is not offered at all.
  await expect(page.getByTestId('nav-users')).toHaveCount(0);

  await open(page, 'periods');
  await expect(page.getByTestId(`period-state-${january}`)).toBeVisible();
  await expect(page.locator('[data-testid^="period-lock-"], [data-testid^="period-unlock-"]')).toHaveCount(0);
  await shot(page, 'admin-periods-dispatcher');

  await open(page, 'series');
  await expect(page.getByTestId('series-table')).toContainText('RIX-');
  await expect(page.getByTestId('series-add')).toHaveCount(0);
  await expect(page.getByTestId('series-edit')).toHaveCount(0);
});
