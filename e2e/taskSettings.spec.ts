import type { Browser, Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lt from '../src/shared/i18n/lt.json' with { type: 'json' };
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * The settings that had only an API, on their screens, as people use them: the manager sets a technician's notices
 * per priority and the escalation minutes; the accountant keeps the invoices' seller; a bad phone, too few minutes and
 * a mistyped IBAN are refused in the reader's language with nothing saved. Then a task from the web form shows the
 * reference its client was shown, found by it in the quick search, its timeline on the branch's clock.
 */
const server = demoServer({ demoSize: 20 });

async function signIn(browser: Browser, login: string, language: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await loginAs(page, `${server.url}/#/home`, login);
  await apiCall(page, 'auth.setLanguage', { language });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  return page;
}

async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

for (const [code, cat] of [
  ['en', en],
  ['lt', lt],
] as const) {
  test(`notices and invoice settings on their screens, refusals translated, the web form's reference on the task (${code})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const manager = await signIn(browser, 'manager.riga', code);
    const people = await apiCall<{ id: string; name: string }[]>(manager, 'users.directory', {});
    const tech = people.find((p) => p.name === 'Edgars Liepiņš')!;
    const before = await apiCall<{ phone: string | null }>(manager, 'tasks.notices.prefs', { userId: tech.id });

    // A technician's notices, chosen by the manager.
    await manager.getByTestId('nav-task-notices').click();
    await expect(manager.getByTestId('notices-screen')).toBeVisible();
    await choose(manager, 'notice-person', 'Edgars Liepiņš');
    await choose(manager, 'notice-urgent', cat.taskField.channel_both);
    await choose(manager, 'notice-notUrgent', cat.taskField.channel_none);
    await manager.getByTestId('notice-phone').fill('12');
    await manager.getByTestId('notice-prefs-save').click();
    await expect(manager.getByTestId('notices-screen')).toContainText(cat.errors.phone_invalid);
    expect(await apiCall(manager, 'tasks.notices.prefs', { userId: tech.id })).toEqual(before);
    await shot(manager, `task-notices-refused-${code}`);
    await manager.getByTestId('notice-phone').fill('+371 2612 3456');
    await manager.getByTestId('notice-prefs-save').click();
    await expect(manager.getByTestId('notice-prefs-saved')).toBeVisible();
    expect(await apiCall(manager, 'tasks.notices.prefs', { userId: tech.id })).toMatchObject({ urgent: 'both', notUrgent: 'none', phone: '+37126123456' });

    // The escalation minutes: none is too few, 25 is kept.
    const minutes = manager.getByTestId('escalate-minutes');
    await minutes.fill('0');
    await manager.getByTestId('escalation-save').click();
    await expect(manager.getByTestId('escalation-form')).toContainText(cat.errors.too_small.replace('{{min}}', '1'));
    expect(await apiCall(manager, 'tasks.notices.settings', {})).toEqual({ escalateMinutes: 15 });
    await minutes.fill('25');
    await manager.getByTestId('escalation-save').click();
    await expect(manager.getByTestId('escalation-saved')).toBeVisible();
    expect(await apiCall(manager, 'tasks.notices.settings', {})).toEqual({ escalateMinutes: 25 });
    await shot(manager, `task-notices-${code}`);
    // Put back for the other language's run.
    await apiCall(manager, 'tasks.notices.saveSettings', { escalateMinutes: 15 });

    // The accountant keeps the seller's details: a mistyped account is refused and nothing changes.
    const accountant = await signIn(browser, 'accountant', code);
    await accountant.getByTestId('nav-invoice-settings').click();
    await expect(accountant.getByTestId('invoice-settings-screen')).toBeVisible();
    const stored = await apiCall<{ iban: string | null }>(accountant, 'invoices.settings', {});
    await accountant.getByTestId('seller-sellerVatId').fill('LV40003999999');
    await accountant.getByTestId('seller-iban').fill('LV80 BANK 0000 4351 9500 2');
    await accountant.getByTestId('seller-save').click();
    await expect(accountant.getByTestId('seller-form')).toContainText(cat.errors.iban_invalid);
    expect(await apiCall(accountant, 'invoices.settings', {})).toEqual(stored);
    await shot(accountant, `invoice-settings-refused-${code}`);
    await accountant.getByTestId('seller-iban').fill('lv80 bank 0000 4351 9500 1');
    await accountant.getByTestId('seller-save').click();
    await expect(accountant.getByTestId('seller-saved')).toBeVisible();
    await expect(accountant.getByTestId('seller-iban')).toHaveValue('LV80BANK0000435195001');
    await expect(accountant.getByTestId('invoice-series')).toContainText('RIX-R-');
    await shot(accountant, `invoice-settings-${code}`);

    // A web form task: found by its reference, which its card shows; the timeline in Rīga's time.
    // One already moved on, so its timeline has lines.
    const web = (await apiCall<{ rows: { id: string; source: string; status: string }[] }>(manager, 'tasks.list', { limit: 500, offset: 0 })).rows.find((r) => r.source === 'web' && r.status !== 'new')!;
    const detail = await apiCall<{ webReference: string; timeline: { at: string }[] }>(manager, 'tasks.get', { id: web.id });
    await manager.getByTestId('nav-tasks').click();
    await manager.getByTestId('tasks-search').fill(detail.webReference.slice(2).toLowerCase());
    await expect(manager.getByTestId('tasks-total')).toHaveText(/(^|\D)1(\D|$)/);
    await manager.locator('.ag-row[row-index="0"] [col-id="subject"]').click();
    await manager.keyboard.press('Enter');
    await expect(manager.getByTestId('task-web-reference')).toHaveText(detail.webReference);
    await expect(manager.getByTestId('task-source')).toContainText(cat.tasks.source.web);
    const first = new Date(detail.timeline[0]!.at);
    const riga = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Europe/Riga' }).format(first);
    await expect(manager.getByTestId('task-timeline')).toContainText(riga);
    await shot(manager, `task-web-reference-${code}`);
  });
}
