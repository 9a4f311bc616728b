import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { demoServer, expect, loginAs, SHOTS, test } from './fixtures';

/**
 * The client form and the reference lists as a person sees them, in English and Latvian (the demo organization's
 * own records), saved under e2e/screenshots to compare before and after a change to those screens.
 */
const server = demoServer();

/** Transitions finished first (a field's border, a drawer sliding in), so two runs compare pixel for pixel. */
async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

for (const [code, label] of [
  ['en', 'English'],
  ['lv', 'Latviešu'],
] as const) {
  test(`the client form and the reference lists look right in ${label}`, async ({ page }) => {
    await loginAs(page, server.url, 'owner');
    await page.getByTestId('language-select').click();
    await page.getByRole('option', { name: label, exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', code);

    await page.getByTestId('nav-clients').click();
    const rows = page.getByTestId('grid-clients').locator('.ag-row[row-id]');
    await rows.first().locator('[col-id="name"]').click();
    await page.keyboard.press('Enter');
    const form = page.getByTestId('client-form');
    await expect(form).toBeVisible();
    await expect(page.getByTestId('client-name')).not.toHaveValue('');
    await shot(page, `looks-client-form-${code}`);
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();

    await page.keyboard.press('Insert');
    await expect(form).toBeVisible();
    await page.getByTestId('client-save').click();
    await expect(page.getByTestId('client-name')).toHaveAttribute('aria-invalid', 'true');
    await shot(page, `looks-client-new-${code}`);

    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();
    await page.getByTestId('nav-nomenclature').click();
    await expect(page.getByTestId('nomenclature-kinds')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await shot(page, `looks-nomenclature-${code}`);
    await page.keyboard.press('Insert');
    await expect(page.getByTestId('nomenclature-edit-row')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('nomenclature-edit-row').locator('[aria-invalid="true"]').first()).toBeVisible();
    await shot(page, `looks-nomenclature-adding-${code}`);
  });
}
