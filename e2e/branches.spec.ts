import type { Page } from '@playwright/test';
import { demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * Branch isolation on screen: the intervention form offers as assignee only people who see the document's branch
 * (main refuses anyone else), in any language.
 */
const server = demoServer();

async function setLanguage(page: Page, language: string): Promise<void> {
  const res = await page.request.post(`${server.url}/api/call/auth.setLanguage`, { data: { language }, headers: { origin: server.url } });
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
  await page.reload();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

const TECH_RIGA = 'Kārlis Zariņš';
const TECH_YEREVAN = 'Դավիթ Հակոբյան';

/** Everyone the taken-by list offers (by name: logins are for those who administer users). */
async function offered(page: Page): Promise<string[]> {
  const field = page.getByTestId('intervention-form').getByTestId('f-taken-by');
  await field.fill('');
  await field.click();
  await expect(page.getByRole('option').first()).toBeVisible();
  const names = await page.getByRole('option').allTextContents();
  return names;
}

for (const [language, branchLabel] of [
  ['en', 'Branch'],
  ['lv', 'Filiāle'],
] as const) {
  test(`the form offers only people of the document's branch (${language})`, async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await loginAs(page, server.url, 'owner');
    await setLanguage(page, language);
    await page.getByTestId('nav-interventions').click();
    await expect(page.getByTestId('interventions-screen')).toBeVisible();
    await page.keyboard.press('Insert');
    const form = page.getByTestId('intervention-form');
    await expect(form).toBeVisible();

    const branch = form.getByTestId('f-branch');
    await expect(form.getByText(branchLabel, { exact: true })).toBeVisible();
    await branch.click();
    await page.getByRole('option', { name: 'Rīga', exact: true }).click();
    let names = await offered(page);
    expect(names).toContain(TECH_RIGA);
    expect(names).not.toContain(TECH_YEREVAN);
    await shot(page, `branch-assignees-riga-${language}`);

    await branch.click();
    await page.getByRole('option', { name: 'Yerevan', exact: true }).click();
    names = await offered(page);
    expect(names).toContain(TECH_YEREVAN);
    expect(names).not.toContain(TECH_RIGA);
    await shot(page, `branch-assignees-yerevan-${language}`);
  });
}
