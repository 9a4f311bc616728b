import type { Browser, Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import ru from '../src/shared/i18n/ru.json' with { type: 'json' };
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * Two people on one intervention: B saves while A is typing. A is told at once (push), reloads, keeps what they typed,
 * sees the fields B changed marked and chooses where both changed the same one. Main refuses A's save on the old version.
 */
const server = demoServer({ demoSize: 0 });

type Detail = { id: string; version: number; notes: string | null; priority: string; objectSerial: string | null; branchId: string; clientId: string; docDate: string };

async function signIn(browser: Browser, login: string, language: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await loginAs(page, server.url, login);
  await apiCall(page, 'auth.setLanguage', { language });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  return page;
}

/** Opens the one intervention whose notes hold `mark` from the grid, as a dispatcher would. */
async function openFromGrid(page: Page, mark: string): Promise<void> {
  await page.getByTestId('nav-interventions').click();
  await expect(page.getByTestId('interventions-screen')).toBeVisible();
  await page.keyboard.press('Control+f');
  await page.keyboard.type(mark);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('iv-total')).toHaveText(/(^|\D)1(\D|$)/);
  await expect(page.getByTestId('interventions-grid').locator('.ag-row:has([data-status]) .ag-cell:focus')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('f-notes')).toHaveValue(`Boiler ${mark}`);
}

for (const [lang, cat] of [
  ['en', en],
  ['ru', ru],
] as const) {
  test(`B saves while A edits: A is told, reloads and keeps what was typed (${lang})`, async ({ browser }) => {
    const a = await signIn(browser, 'dispatcher.riga', lang);
    const b = await signIn(browser, 'manager.riga', lang);
    const bName = (await apiCall<{ name: string }>(b, 'auth.me', {})).name;
    const me = await apiCall<{ branchIds: string[] }>(a, 'auth.me', {});
    const client = (await apiCall<{ rows: { id: string }[] }>(a, 'clients.list', { limit: 1, offset: 0 })).rows[0]!;
    const mark = `together${lang}${Date.now()}`;
    const created = await apiCall<Detail>(a, 'interventions.create', { branchId: me.branchIds[0], clientId: client.id, priority: 'medium', docDate: new Date().toISOString().slice(0, 10), notes: `Boiler ${mark}` });

    await openFromGrid(a, mark);
    const form = a.getByTestId('intervention-form');
    const mine = `Boiler ${mark}, leaks again since Monday`;
    await a.getByTestId('f-notes').fill(mine);
    await a.getByTestId('f-serial').fill('SN-A1');

    // B saves the same version: another priority and other notes.
    const theirs = `Boiler ${mark}, call before coming`;
    const current = await apiCall<Detail>(b, 'interventions.get', { id: created.id });
    await apiCall(b, 'interventions.update', { id: current.id, version: current.version, branchId: current.branchId, clientId: current.clientId, docDate: current.docDate, priority: 'high', notes: theirs });

    const banner = form.getByTestId('intervention-saved-elsewhere');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(bName);
    await expect(banner).toContainText(/\d{2}:\d{2}/);
    await expect(a.getByTestId('f-notes')).toHaveValue(mine);
    await shot(a, `edit-together-told-${lang}`);

    await form.getByTestId('intervention-reload-keeping').click();
    await expect(banner).toBeHidden();
    const marks = form.getByTestId('intervention-underneath');
    await expect(marks).toBeVisible();
    await expect(marks).toContainText(bName);
    // What A typed stays; B's priority, not touched by A, is taken and marked.
    await expect(a.getByTestId('f-notes')).toHaveValue(mine);
    await expect(a.getByTestId('f-serial')).toHaveValue('SN-A1');
    await expect(form.getByTestId('changed-priority')).toContainText(cat.interventions.together.changedBy.replace('{{name}}', bName));
    await expect(a.getByTestId('f-priority').locator('label[data-active]')).toHaveText(cat.interventions.priorities.high);
    await expect(form.getByTestId('changed-notes')).toHaveAttribute('data-conflict', 'true');
    await expect(form.getByTestId('changed-notes-theirs')).toContainText(theirs);
    await expect(form.getByTestId('changed-objectSerial')).toHaveCount(0);
    await shot(a, `edit-together-marked-${lang}`);

    // A keeps their notes and saves on B's version: main takes it.
    await form.getByTestId('changed-notes-mine').click();
    await expect(form.getByTestId('changed-notes-mine')).toHaveCount(0);
    await a.keyboard.press('Control+s');
    await expect.poll(async () => (await apiCall<Detail>(b, 'interventions.get', { id: created.id })).notes).toBe(mine);
    const saved = await apiCall<Detail>(b, 'interventions.get', { id: created.id });
    expect(saved).toMatchObject({ priority: 'high', objectSerial: 'SN-A1', version: current.version + 2 });
  });
}

test('a save on a version someone else replaced is refused by main, and reload keeps what was typed', async ({ browser }) => {
  const a = await signIn(browser, 'dispatcher.riga', 'en');
  const b = await signIn(browser, 'manager.riga', 'en');
  const me = await apiCall<{ branchIds: string[] }>(a, 'auth.me', {});
  const client = (await apiCall<{ rows: { id: string }[] }>(a, 'clients.list', { limit: 1, offset: 0 })).rows[0]!;
  const mark = `stale${Date.now()}`;
  const created = await apiCall<Detail>(a, 'interventions.create', { branchId: me.branchIds[0], clientId: client.id, priority: 'medium', docDate: new Date().toISOString().slice(0, 10), notes: `Boiler ${mark}` });
  await openFromGrid(a, mark);
  const form = a.getByTestId('intervention-form');
  await a.getByTestId('f-serial').fill('SN-STALE');
  // The banner is not waited for: A saves at once on the version they loaded.
  await apiCall(b, 'interventions.update', { id: created.id, version: created.version, branchId: created.branchId, clientId: created.clientId, docDate: created.docDate, priority: 'low', notes: `Boiler ${mark}` });
  const staleAnswer = await apiCall<Detail>(b, 'interventions.get', { id: created.id });
  expect(staleAnswer.version).toBe(created.version + 1);
  const refused = await a.evaluate(
    async ([id, version, branchId, clientId, docDate]) =>
      (await (await fetch('/api/call/interventions.update', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, version, branchId, clientId, docDate, priority: 'medium' }) })).json()) as { ok: boolean; error?: { key: string } },
    [created.id, created.version, created.branchId, created.clientId, created.docDate] as const,
  );
  expect(refused).toMatchObject({ ok: false, error: { key: 'errors.stale' } });
  await form.getByTestId('intervention-reload-keeping').click();
  await expect(a.getByTestId('f-serial')).toHaveValue('SN-STALE');
  await expect(form.getByTestId('changed-priority')).toBeVisible();
});
