import type { Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import ro from '../src/shared/i18n/ro.json' with { type: 'json' };
import { expectAccessible } from './a11y';
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';
import { saveAndStarView } from './toolbar';

/**
 * My page as Rīga's dispatcher finds it on the demo organization (data the demo made, not this test): favorites the
 * demo gave them, their open interventions, today's appointments, approvals; a view starred in the grid shows up on
 * the page and in the navigation and opens from both. At the common office screen, 1366×768.
 */
const server = demoServer({ demoSize: 1200 });

const LANGS = [
  { code: 'en', name: 'English', cat: en, view: 'My high priority' },
  { code: 'ro', name: 'Română', cat: ro, view: 'Prioritatea mea mare' },
] as const;

async function chooseLanguage(page: Page, lang: (typeof LANGS)[number]): Promise<void> {
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: lang.name }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
});

for (const lang of LANGS) {
  test(`dispatcher.riga lands on My page, with their own favorites and work, and stars a view (${lang.code})`, async ({ page }) => {
    test.setTimeout(180_000);
    const t = lang.cat.home;
    // Logging in at the bare address lands on My page.
    await loginAs(page, `${server.url}/#/`, 'dispatcher.riga');
    await expect(page.getByTestId('home-screen')).toBeVisible();
    await expect(page).toHaveURL(/#\/home$/);
    await chooseLanguage(page, lang);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(t.title);

    // The sections, with what the demo made: the favorites it gave this dispatcher, their open documents, today.
    const favorites = page.getByTestId('home-favorites');
    await expect(favorites.getByTestId('home-favorite')).toHaveCount(4);
    await expect(favorites).toContainText('Gaida sadali');
    await expect(favorites).toContainText(lang.cat.interventions.appointments.title);
    const open = await apiCall<{ total: number }>(page, 'home.openInterventions', {});
    expect(open.total).toBeGreaterThan(0);
    await expect(page.getByTestId('home-open-count')).toHaveText(String(open.total));
    await expect(page.getByTestId('home-open-row').first()).toBeVisible();
    const today = await apiCall<{ total: number }>(page, 'home.appointments', {});
    await expect(page.getByTestId('home-appointments-count')).toHaveText(String(today.total));
    if (today.total > 0) await expect(page.getByTestId('home-appointment').first()).toBeVisible();
    else await expect(page.getByTestId('home-appointments')).toContainText(t.noAppointments);
    await expect(page.getByTestId('home-approvals')).toContainText(t.approvalsAsked);
    // The warnings of the dispatcher's branch, as main counts them, across the top.
    const warnings = await apiCall<{ total: number }>(page, 'interventions.warnings.list', {});
    await expect(page.getByTestId('home-warnings-count')).toHaveText(String(warnings.total));
    if (warnings.total > 0) await expect(page.getByTestId('warning-row').first()).toBeVisible();

    // The navigation: only the screens a dispatcher may use, those they may only read marked so.
    await expect(page.getByTestId('nav-users')).toHaveCount(0);
    await expect(page.getByTestId('nav-audit')).toHaveCount(0);
    await expect(page.getByTestId('nav-organization').getByTestId('nav-read-only')).toHaveText(lang.cat.nav.readOnly);
    await expect(page.getByTestId('nav-organization').getByTestId('nav-read-only')).toHaveAttribute('title', lang.cat.nav.readOnlyTitle);
    await expect(page.getByTestId('nav-clients').getByTestId('nav-read-only')).toHaveCount(0);
    await expect(page.getByTestId('nav-favorite')).toHaveCount(4);
    await expectAccessible(page, `My page (${lang.code})`);
    await shot(page, `home-${lang.code}`);

    // An open document opens its form from My page in one click.
    await page.getByTestId('home-open-row').first().getByRole('link').click();
    await expect(page.getByTestId('intervention-form')).toBeVisible();
    // The address names the open document while its form is open (a reload opens it again), and no longer after.
    await expect(page).toHaveURL(/#\/interventions\?open=/);
    // Esc closes the form once its focus is inside it, as after opening from the grid.
    await expect(page.getByTestId('intervention-form').locator(':focus')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('intervention-form')).toBeHidden();
    await expect(page).toHaveURL(/#\/interventions$/);

    // A view saved and starred in the grid's toolbar is this person's favorite: on My page and in the navigation.
    await saveAndStarView(page, lang.view);
    const navEntry = page.getByTestId('nav-favorite').filter({ hasText: lang.view });
    await expect(navEntry).toHaveCount(1);

    // …and the screen's own star adds the clients screen.
    await page.getByTestId('nav-clients').click();
    await expect(page.getByTestId('clients-screen')).toBeVisible();
    await expect(page.getByTestId('screen-star')).toHaveAttribute('aria-label', lang.cat.home.starScreen.replace('{{screen}}', lang.cat.nav.clients));
    await page.getByTestId('screen-star').click();
    await expect(page.getByTestId('screen-star')).toHaveAttribute('aria-pressed', 'true');
    await shot(page, `home-screen-star-${lang.code}`);
    await expect(page.getByTestId('nav-favorite').filter({ hasText: lang.cat.nav.clients })).toHaveCount(1);

    await page.keyboard.press('Alt+0');
    await expect(page.getByTestId('home-screen')).toBeVisible();
    const starred = page.getByTestId('home-favorites').getByRole('link', { name: lang.view });
    await expect(starred).toBeVisible();
    await shot(page, `home-starred-${lang.code}`);

    // Opened from My page with Enter: the grid, with the view applied.
    await starred.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('interventions-screen')).toBeVisible();
    await expect(page.getByTestId('views-menu')).toContainText(lang.view);
    await expect(page).toHaveURL(/#\/interventions$/);
    // …and from the navigation, after another view was chosen.
    await page.getByTestId('nav-favorite').filter({ hasText: 'Gaida sadali' }).click();
    await expect(page.getByTestId('views-menu')).toContainText('Gaida sadali');
    await navEntry.click();
    await expect(page.getByTestId('views-menu')).toContainText(lang.view);

    // Unstarred from My page, it leaves the page and the navigation.
    await page.keyboard.press('Alt+0');
    await page.getByRole('button', { name: t.unstar.replace('{{name}}', lang.view) }).click();
    await expect(page.getByTestId('home-favorites').getByRole('link', { name: lang.view })).toHaveCount(0);
    await expect(navEntry).toHaveCount(0);
    await page.getByRole('button', { name: t.unstar.replace('{{name}}', lang.cat.nav.clients) }).click();
    await expect(page.getByTestId('home-favorite')).toHaveCount(4);
  });
}

test('the manager does not see the dispatcher\'s stars, and decides approvals on My page', async ({ page }) => {
  await loginAs(page, `${server.url}/#/home`, 'manager.riga');
  await chooseLanguage(page, LANGS[0]);
  await expect(page.getByTestId('home-favorite')).toHaveCount(2);
  await expect(page.getByTestId('home-favorites')).not.toContainText('Gaida sadali');
  await expect(page.getByTestId('home-approvals')).toContainText(en.home.approvalsToDecide);
  await expect(page.getByTestId('nav-organization').getByTestId('nav-read-only')).toHaveCount(1);
  await expect(page.getByTestId('nav-clients').getByTestId('nav-read-only')).toHaveCount(0);
  await shot(page, 'home-manager-en');
});
