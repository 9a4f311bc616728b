import type { Page } from '@playwright/test';
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * Warnings that act, on screen: a document saved already past its scheduled end is warned about within a second
 * (the scan wakes after the save), told to the branch's dispatcher at once, marked in the grid with a translated
 * tooltip and listed in the warnings panel, from which it opens.
 */
// Only the documents made here: the demo's call centre stays empty.
const server = demoServer({ demoSize: 0 });

async function setLanguage(page: Page, language: string): Promise<void> {
  await apiCall(page, 'auth.setLanguage', { language });
  await page.reload();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

const TEXTS = {
  en: { kind: 'Past its scheduled end, not finalized', toast: 'New warnings: 1', title: 'Open warnings' },
  lv: { kind: 'Plānotās beigas pagājušas, nav pabeigts', toast: 'Jauni brīdinājumi: 1', title: 'Atvērtie brīdinājumi' },
  ro: { kind: 'Sfârșitul programat a trecut, nefinalizată', toast: 'Avertizări noi: 1', title: 'Avertizări deschise' },
} as const;

for (const language of ['en', 'lv', 'ro'] as const) {
  test(`a document past its scheduled end is warned about: toast, grid and panel (${language})`, async ({ page }) => {
    const said = TEXTS[language];
    await page.setViewportSize({ width: 1366, height: 768 });
    await loginAs(page, server.url, 'dispatcher.riga');
    await setLanguage(page, language);
    await page.getByTestId('nav-interventions').click();
    await expect(page.getByTestId('interventions-screen')).toBeVisible();
    await expect(page.getByTestId('iv-total')).not.toBeEmpty();

    const me = await apiCall<{ branchIds: string[] }>(page, 'auth.me', {});
    const clients = await apiCall<{ rows: { id: string; name: string }[] }>(page, 'clients.list', { limit: 40, offset: 0 });
    const client = clients.rows[{ en: 3, lv: 4, ro: 5 }[language]]!;
    const now = Date.now();
    // Booked for this morning and never done: two hours past its end, beyond the default grace of an hour.
    const doc = await apiCall<{ id: string }>(page, 'interventions.create', {
      branchId: me.branchIds[0],
      clientId: client.id,
      priority: 'high',
      docDate: new Date(now - 3 * 3_600_000).toISOString().slice(0, 10),
      startAt: new Date(now - 3 * 3_600_000).toISOString(),
      endAt: new Date(now - 2 * 3_600_000).toISOString(),
      notes: `Warnings ${language}`,
    });

    // Pushed at once to the branch's dispatcher.
    const toast = page.getByTestId('warning-toast');
    await expect(toast).toBeVisible({ timeout: 15_000 });
    await expect(toast).toContainText(said.toast);
    await expect(toast).toContainText(`${client.name} — ${said.kind}`);

    // Marked in the grid, with the warning named in the tooltip.
    const row = page.locator(`.ag-row[row-id="${doc.id}"]`).first();
    const mark = row.getByTestId('row-warning');
    await expect(mark).toBeVisible();
    await expect(mark).toHaveAttribute('title', said.kind);
    await expect(mark).toHaveAttribute('data-warnings', 'overdue');
    await shot(page, `warnings-grid-${language}`);

    // The toast opens the document it names, wherever one is: here from My page.
    await page.getByTestId('nav-home').click();
    await expect(toast).toBeVisible();
    await shot(page, `warnings-toast-${language}`);
    // Its label whole, beside a line that wraps.
    const open = toast.getByTestId('warning-toast-open');
    expect(await open.evaluate((b) => Array.from(b.querySelectorAll('*')).every((e) => e.scrollWidth <= e.clientWidth))).toBe(true);
    await open.click();
    await expect(toast).toBeHidden();
    const form = page.getByTestId('intervention-form');
    await expect(form).toBeVisible();
    await expect(form.getByTestId('f-notes')).toHaveValue(`Warnings ${language}`);
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();

    // Listed in the panel (the toolbar counts it), and opened from there.
    const button = page.getByTestId('iv-warnings');
    await expect(button).toHaveAttribute('aria-label', /: [1-9]/);
    await button.click();
    const panel = page.getByTestId('warnings-panel');
    await expect(page.getByRole('dialog', { name: said.title })).toBeVisible();
    const line = panel.getByTestId('warning-row').filter({ hasText: client.name });
    await expect(line).toHaveCount(1);
    await expect(line).toContainText(said.kind);
    await shot(page, `warnings-panel-${language}`);
    await line.getByTestId('warning-open').click();
    await expect(page.getByTestId('intervention-form')).toBeVisible();
    await expect(page.getByTestId('intervention-form').getByTestId('f-client-info')).not.toHaveValue('');
  });
}
