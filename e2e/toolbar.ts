import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Clicks a control of the interventions toolbar wherever it is: in the row, or — folded in a narrow window or a long
 * language — under "More" (a menu there opens as a submenu beside it).
 */
export async function toolbarControl(page: Page, testId: string): Promise<void> {
  const inRow = page.getByTestId(testId);
  if (await inRow.isVisible()) return inRow.click();
  await page.getByTestId('iv-more').click();
  const folded = page.getByTestId(`more-${testId}`);
  await folded.click();
}

/** Saves the grid as it is under `name` from the views menu and stars it: the person's favorite from then on. */
export async function saveAndStarView(page: Page, name: string): Promise<void> {
  await toolbarControl(page, 'views-menu');
  await page.getByTestId('view-save').click();
  await page.getByTestId('save-view-name').fill(name);
  await page.getByTestId('save-view-ok').click();
  await expect(page.getByTestId('views-menu')).toContainText(name);
  await toolbarControl(page, 'favorite-toggle');
  await expect(page.getByTestId('favorite-toggle')).toHaveAttribute('data-favorite', 'true');
}
