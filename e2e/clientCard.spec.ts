import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';
import { chooseLanguage, EN_RO } from './languages';

/**
 * The client card's interventions section: not shown on a card of a client not saved yet (there is nothing of theirs
 * to list, and no one to make a document for), shown on a saved client's card, and its way out to a new document held
 * back while the card has unsaved edits that leaving would lose.
 */
const server = demoServer({ demoSize: 0 });

const LANGS = EN_RO;

for (const lang of LANGS) {
  test(`the client card's interventions section: hidden on a new card, shown on a saved client's, held while edited (${lang.code})`, async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await loginAs(page, server.url, 'dispatcher.riga');
    await chooseLanguage(page, lang);
    await page.getByTestId('nav-clients').click();
    await expect(page.getByTestId('clients-screen')).toBeVisible();
    const card = page.getByTestId('client-form');

    // A new card: the identity fields, and no interventions section.
    await page.keyboard.press('Insert');
    await expect(card).toBeVisible();
    await expect(card.getByTestId('client-name')).toBeVisible();
    await expect(card.getByTestId('client-interventions')).toHaveCount(0);
    await expect(card).not.toContainText(lang.cat.clients.history.newIntervention);
    await shot(page, `client-card-new-${lang.code}`);
    await page.keyboard.press('Escape');
    await expect(card).toBeHidden();

    // A saved client's card: the section, empty as yet, with its way to a new document.
    const clients = await apiCall<{ rows: { id: string; name: string }[] }>(page, 'clients.list', { limit: 5, offset: 0 });
    const client = clients.rows[LANGS.indexOf(lang)]!;
    await page.getByTestId('clients-search').fill(client.name);
    await page.locator('.ag-row [col-id=name]', { hasText: client.name }).first().dblclick();
    await expect(card).toBeVisible();
    const history = card.getByTestId('client-interventions');
    await expect(history).toBeVisible();
    await expect(history).toContainText(lang.cat.clients.history.title);
    await expect(history).toContainText(lang.cat.clients.history.none);
    const newOne = history.getByTestId('client-new-intervention');
    await expect(newOne).toBeEnabled();
    await expect(newOne).toHaveText(lang.cat.clients.history.newIntervention);

    // Typing in the card holds it back: leaving for a document would lose the edit.
    await card.getByTestId('client-notes').fill(`Edited ${lang.code}`);
    await expect(newOne).toBeDisabled();
    await shot(page, `client-card-edited-${lang.code}`);
  });
}
