import type { Browser, Page } from '@playwright/test';
import { apiCall, expect, loginAs, shot, test } from './fixtures';
import { FIELD_PASSWORD, startFieldOffice, type FieldOffice } from './fieldOffice';
import { chooseLanguage, EN_RO } from './languages';

/**
 * The client portal: a web-mode office registered with a hub (its own process). A clerk marks a timeline entry of
 * the client's intervention public and makes and copies the client's portal link on the client card; a second
 * browser, the client's, opens it: the intervention with its public entry (not the private one), the printable form,
 * the visit and the task. Revoked on the card, the link says it is no longer valid. English and Romanian.
 */
test.describe.configure({ mode: 'serial' });

let field: FieldOffice;
let ownerPage: Page;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  test.setTimeout(180_000);
  field = await startFieldOffice(browser, ['en']);
  ownerPage = field.ownerPage;
});

test.afterAll(async () => {
  await field?.stop();
});

const HOUR = 3600_000;
const iso = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

for (const [i, lang] of EN_RO.entries()) {
  test(`a clerk shares a client's portal; the client reads it; revoked, it is gone (${lang.code})`, async ({ page, browser }) => {
    test.setTimeout(180_000);
    const { branchId } = field;
    const name = `Portal Client ${lang.code.toUpperCase()}`;
    const clientId = (
      await apiCall<{ client: { id: string } }>(ownerPage, 'clients.create', { kind: 'person', name, phones: [{ number: `+3706000010${i}` }], emails: [], addresses: [], contacts: [], preferredLanguage: lang.code })
    ).client.id;
    const tech = (await apiCall<{ id: string; login: string }[]>(ownerPage, 'users.list', {})).find((u) => u.login === 'tech.en')!;
    const doc = await apiCall<{ id: string }>(ownerPage, 'interventions.create', {
      branchId,
      clientId,
      priority: 'medium',
      docDate: new Date().toISOString().slice(0, 10),
      takenById: tech.id,
      responsibleId: tech.id,
      startAt: iso(Date.now() + 26 * HOUR),
      endAt: iso(Date.now() + 28 * HOUR),
    });
    const shared = `Spare part arrives on Tuesday <b>${lang.code}</b>`;
    const internal = `Gate code 4417, do not tell (${lang.code})`;
    await apiCall(ownerPage, 'interventions.addNote', { id: doc.id, style: 2, text: shared });
    await apiCall(ownerPage, 'interventions.addNote', { id: doc.id, style: 2, text: internal });
    await apiCall(ownerPage, 'visits.book', { branchId, userId: tech.id, clientId, start: iso(Date.now() + (50 + 3 * i) * HOUR), durationMin: 60, outsideHoursConfirmed: true });
    await apiCall(ownerPage, 'tasks.create', { branchId, clientId, priority: 'medium', subject: `Replace the thermostat ${lang.code}` });

    // The clerk, in the app: the entry marked public in the intervention's timeline.
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await loginAs(page, `${field.office.url}/#/interventions`, 'owner', FIELD_PASSWORD);
    await chooseLanguage(page, lang);
    await page.goto(`${field.office.url}/#/interventions?open=${doc.id}`);
    const line = page.getByTestId('timeline-line').filter({ hasText: shared });
    await expect(line).toBeVisible();
    // The box follows the saved line: checked once the write is back.
    await line.getByTestId('timeline-public').click();
    await expect(line.getByTestId('timeline-public')).toBeChecked();
    await expect(page.getByTestId('timeline-line').filter({ hasText: internal }).getByTestId('timeline-public')).not.toBeChecked();
    await shot(page, `client-portal-timeline-${lang.code}`);
    await page.keyboard.press('Escape');

    // The client card: a new link, copied.
    await page.goto(`${field.office.url}/#/clients`);
    await page.getByTestId('clients-search').fill(name);
    await page.locator('.ag-row [col-id=name]', { hasText: name }).first().dblclick();
    const portal = page.getByTestId('client-form').getByTestId('client-portal');
    await expect(portal).toContainText(lang.cat.portal.card.title);
    await expect(portal).toContainText(lang.cat.portal.card.none);
    await portal.getByTestId('client-portal-create').click();
    await expect(portal.getByTestId('client-portal-link')).toHaveCount(1);
    await portal.getByTestId('client-portal-copy').click();
    await expect(portal.getByTestId('client-portal-copy')).toHaveText(lang.cat.portal.card.copied);
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/p\/[A-Za-z0-9_-]{43}$/);
    await expect(portal.getByTestId('client-portal-url')).toHaveValue(url);
    await portal.scrollIntoViewIfNeeded();
    await shot(page, `client-portal-card-${lang.code}`);
    await field.syncNow();

    // The client, in a browser of their own, on a phone-sized screen.
    const client = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    const opened = await client.goto(url);
    expect(opened?.status()).toBe(200);
    await expect(client.locator('html')).toHaveAttribute('lang', lang.code);
    const article = client.locator(`[data-intervention="${doc.id}"]`);
    await expect(article).toContainText(shared);
    await expect(client.locator('body')).not.toContainText(internal);
    await expect(client.locator('b')).toHaveCount(0);
    await expect(client.locator('[data-visit]')).toHaveCount(1);
    await expect(client.locator('[data-task]')).toContainText(`Replace the thermostat ${lang.code}`);
    await expect(client.getByRole('heading', { name: lang.cat.portal.page.visits })).toBeVisible();
    await shot(client, `client-portal-page-${lang.code}`);

    await article.getByRole('link', { name: lang.cat.portal.page.printable }).click();
    await expect(client.locator(`[data-printable="${doc.id}"]`)).toContainText(shared);
    await expect(client.locator('body')).not.toContainText(internal);
    await client.setViewportSize({ width: 1000, height: 1300 });
    await shot(client, `client-portal-form-${lang.code}`);
    await client.emulateMedia({ media: 'print' });
    await shot(client, `client-portal-form-print-${lang.code}`);
    await client.emulateMedia({ media: 'screen' });

    // Revoked on the card: the client's page says so, and shows nothing of theirs.
    page.once('dialog', (d) => void d.accept());
    await portal.getByTestId('client-portal-revoke').click();
    await expect(portal).toContainText(lang.cat.portal.card.none);
    const gone = await client.goto(url);
    expect(gone?.status()).toBe(410);
    await expect(client.locator('h1')).toHaveText(lang.cat.portal.gone.revokedTitle);
    await expect(client.locator('body')).not.toContainText(shared);
    await client.setViewportSize({ width: 390, height: 844 });
    await shot(client, `client-portal-revoked-${lang.code}`);
    await client.context().close();
  });
}
