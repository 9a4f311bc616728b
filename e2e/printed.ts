import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { SHOTS, expect } from './fixtures';

/** The PDF that a print shows in the preview: downloaded from there, its first page kept as a picture, its text returned. */
export async function printed(page: Page, click: () => Promise<void>, name: string): Promise<string> {
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await click();
  await page.getByTestId('preview-download').click();
  const file = await (await download).path();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('preview-download')).toBeHidden();
  fs.mkdirSync(SHOTS, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, path.join(SHOTS, name)]);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
