import type { Page } from '@playwright/test';
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * A first-time caller: the dispatcher types the caller's problem, adds the caller as a new client from the picker
 * (warned when the phone already belongs to someone), keeps what was typed, saves; the client's card then lists the
 * intervention and starts the next one. In English and in Latvian.
 */
// Its counts are about its own documents: the demo's call centre stays empty here.
const server = demoServer({ demoSize: 0 });

const LANGUAGES = [
  { lang: 'en', option: 'English', problem: 'Boiler leaks since this morning', name: 'Qvintilla Laikjosla', anyway: 'Save anyway', received: 'Received' },
  { lang: 'lv', option: 'Latviešu', problem: 'Katls tek kopš rīta', name: 'Zeltīte Kvēpupe', anyway: 'Tomēr saglabāt', received: 'Saņemts' },
] as const;

type ClientRow = { id: string; name: string; phone: string | null };

async function begin(page: Page, option: string): Promise<void> {
  await loginAs(page, server.url, 'dispatcher.riga');
  // Each demo user has a language of their own: the test says which one it reads.
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: option }).click();
}

async function newIntervention(page: Page) {
  await page.getByTestId('nav-interventions').click();
  await expect(page.getByTestId('iv-total')).not.toBeEmpty();
  await page.keyboard.press('Insert');
  const form = page.getByTestId('intervention-form');
  await expect(form.getByTestId('f-client')).toBeFocused();
  return form;
}

for (const l of LANGUAGES) {
  test(`a first-time caller is added from the form's picker without losing what was typed, and the card lists the call (${l.lang})`, async ({ page }) => {
    await begin(page, l.option);
    await expect(page.locator('html')).toHaveAttribute('lang', l.lang);
    const known = (await apiCall<{ rows: ClientRow[] }>(page, 'clients.list', { limit: 50, offset: 0 })).rows.find((r) => r.phone)!;

    const form = await newIntervention(page);
    // The caller's problem first, as they tell it.
    await form.getByTestId('f-notes').fill(l.problem);

    // Not a client yet: nothing matches, and the only option adds them.
    await form.getByTestId('f-client').focus();
    await page.keyboard.type(l.name);
    // (The grid's own client filter keeps a hidden list of its own.)
    const create = page.locator('[role=option][data-combobox-selected]:visible');
    await expect(create).toContainText(l.name);
    await expect(page.getByRole('option')).toHaveCount(1);
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('quick-client');
    await expect(dialog.getByTestId('quick-client-name')).toBeFocused();
    await expect(dialog.getByTestId('quick-client-name')).toHaveValue(l.name);

    // Esc leaves the dialog, not the form: back on the picker, the problem still there.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(form).toBeVisible();
    await expect(form.getByTestId('f-client')).toBeFocused();
    await expect(form.getByTestId('f-notes')).toHaveValue(l.problem);

    // Insert in the picker opens it with what was typed.
    await page.keyboard.type(l.name);
    await expect(create).toContainText(l.name);
    await page.keyboard.press('Insert');
    await expect(dialog.getByTestId('quick-client-name')).toHaveValue(l.name);
    await dialog.getByTestId('quick-client-phone').fill(known.phone!);
    await dialog.getByTestId('quick-client-email').fill(`${l.lang}.caller@example.com`);
    await dialog.getByTestId('quick-client-street').fill('Brīvības iela 1');
    await dialog.getByTestId('quick-client-locality').fill('Rīga');
    await page.keyboard.press('Enter');

    // The phone is someone else's: the client module's own warning says whose.
    const warning = page.getByTestId('duplicate-warning');
    await expect(warning.getByTestId('duplicate-list')).toContainText(known.name);
    await expect(warning.getByTestId('duplicate-cancel')).toBeFocused();
    await shot(page, `first-caller-duplicate-${l.lang}`);
    await warning.getByTestId('duplicate-save-anyway').click();

    // Saved and chosen in the form; what was typed before is still there.
    await expect(dialog).toBeHidden();
    await expect(form.getByTestId('f-client')).toHaveValue(l.name);
    await expect(form.getByTestId('f-client-info')).toHaveValue(new RegExp(`${l.lang}\.caller@example\.com`));
    await expect(form.getByTestId('f-notes')).toHaveValue(l.problem);
    await expect(form.getByTestId('f-client')).toBeFocused();
    await shot(page, `first-caller-form-${l.lang}`);
    await page.keyboard.press('Control+s');
    await expect(form).toBeHidden();

    // The client's card lists the call, newest first.
    await page.getByTestId('nav-clients').click();
    await page.getByTestId('clients-search').fill(l.name);
    await expect(page.getByTestId('clients-total')).toContainText('1');
    await page.locator('.ag-row [col-id=name]', { hasText: l.name }).dblclick();
    const card = page.getByTestId('client-form');
    const history = card.getByTestId('client-interventions');
    await expect(history.getByTestId('client-intervention-row')).toHaveCount(1);
    await expect(history.getByTestId('client-intervention-row')).toContainText(l.received);
    await shot(page, `first-caller-card-${l.lang}`);

    // A new intervention for this client: the form opens with the client filled, and closes untouched without asking.
    await history.getByTestId('client-new-intervention').click();
    const next = page.getByTestId('intervention-form');
    await expect(next.getByTestId('f-client')).toHaveValue(l.name);
    await expect(next.getByTestId('f-client-info')).toHaveValue(new RegExp(`${l.lang}\.caller@example\.com`));
    await expect(next.getByTestId('f-notes')).toHaveValue('');
    await shot(page, `first-caller-next-${l.lang}`);
    await page.keyboard.press('Escape');
    await expect(next).toBeHidden();
    await expect(page).not.toHaveURL(/newFor=/);
    // …and Insert now starts an empty one.
    await page.keyboard.press('Insert');
    await expect(next.getByTestId('f-client')).toHaveValue('');
    await page.keyboard.press('Escape');
    await expect(next).toBeHidden();

    // From the card, the listed call opens as it was saved.
    await page.getByTestId('nav-clients').click();
    await page.getByTestId('clients-search').fill(l.name);
    await page.locator('.ag-row [col-id=name]', { hasText: l.name }).dblclick();
    await page.getByTestId('client-intervention-row').locator('button').click();
    await expect(next.getByTestId('f-notes')).toHaveValue(l.problem);
    await expect(next.getByTestId('f-client')).toHaveValue(l.name);
  });
}

test('a client created a moment ago is found, and Enter typed straight after the name takes them, not an earlier search row', async ({ page }) => {
  await begin(page, 'English');
  const name = 'Odalrika Vējkalne';
  await apiCall(page, 'clients.create', { kind: 'person', name, phones: [{ number: '+37126660001' }], emails: [], addresses: [], contacts: [] });
  const form = await newIntervention(page);
  // The picker's first list (every client) is on screen before the name is typed.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('option').first()).toBeVisible();
  // Typed and confirmed as a fast clerk does, before the search could answer.
  await page.keyboard.type(name, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('f-client')).toHaveValue(name);
  await expect(form.getByTestId('f-client-info')).toHaveValue(/\+37126660001/);
});
