import type { Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import ro from '../src/shared/i18n/ro.json' with { type: 'json' };
import { expect } from './fixtures';

/** English and Romanian: the pair a screen's browser test walks, with their catalogs for the texts it expects. */
export const EN_RO = [
  { code: 'en', name: 'English', cat: en },
  { code: 'ro', name: 'Română', cat: ro },
] as const;

/** Picks a language in the header, as a person does, and waits until the page speaks it. */
export async function chooseLanguage(page: Page, lang: { code: string; name: string }): Promise<void> {
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: lang.name }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
}
