import type { Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lv from '../src/shared/i18n/lv.json' with { type: 'json' };
import { instantAt, todayIn } from '../src/shared/rules/zonedTime';
import AxeBuilder from '@axe-core/playwright';
import { expectAccessible } from './a11y';
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * The demo clinic's week as Rīga's clerk sees it, in English and Latvian: tomorrow's visits in the four reminder
 * colours, and a later visit's card with its planned reminder call, changed for that visit alone (a second offset),
 * planned again at once.
 */
const server = demoServer({ demoSize: 1 });
test.use({ viewport: { width: 1366, height: 900 } });
const TZ = 'Europe/Riga';
const DAY = 86_400_000;
const LANGS = [
  { code: 'en', name: 'English', cat: en, ahead: 3 },
  { code: 'lv', name: 'Latviešu', cat: lv, ahead: 4 },
] as const;

async function weekOfTomorrow(page: Page) {
  const cal = page.getByTestId('vcal');
  await cal.focus();
  await cal.press('t');
  await cal.press('w');
  // The week shown holds today; tomorrow opens the next one on a Sunday.
  if (new Date(`${todayIn(TZ, Date.now())}T12:00:00Z`).getUTCDay() === 0) await cal.press('PageDown');
}

for (const lang of LANGS) {
  test(`tomorrow's reminders in every colour, and a visit's own reminders changed on its card (${lang.code})`, async ({ page }) => {
    await loginAs(page, `${server.url}/#/calendar`, 'dispatcher.riga');
    await page.getByTestId('language-select').click();
    await page.getByRole('option', { name: lang.name, exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
    await weekOfTomorrow(page);
    for (const state of ['none', 'will_come', 'will_not_come', 'no_answer']) await expect(page.locator(`[data-testid="vcal-event"][data-reminder="${state}"]`).first()).toBeAttached();
    // The morning of the week in view, where the coloured borders are.
    await page.locator('[data-testid="vcal-event"][data-reminder="will_not_come"]').first().scrollIntoViewIfNeeded();
    await shot(page, `reminders-week-${lang.code}`);
    // The demo's busiest week: every service colour, the greens too, under text that reads 4.5:1 (the dark text on
    // its green read 3.53:1). Contrast alone: the week's other findings (crowded events' small targets) are not this.
    const contrast = await new AxeBuilder({ page }).include('[data-testid="vcal"]').withRules(['color-contrast']).analyze();
    expect(contrast.violations.flatMap((v) => v.nodes.map((n) => n.failureSummary))).toEqual([]);

    // A visit days ahead (another in each language): its "1 day before" call is planned.
    const day = todayIn(TZ, Date.now() + lang.ahead * DAY);
    const visits = await apiCall<{ id: string; clientName: string | null; reminder: string; status: string }[]>(page, 'visits.range', { from: instantAt(`${day}T00:00`, TZ), to: instantAt(`${day}T23:59`, TZ) });
    const later = visits.find((v) => v.clientName && v.status === 'booked' && v.reminder === 'none')!;
    await page.goto(`${server.url}/#/calendar?visit=${later.id}`);
    const card = page.getByTestId('visit-reminders');
    await expect(card).toContainText(lang.cat.remindersUi.visit.title);
    const rows = card.getByTestId('visit-rem-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-state', 'planned');
    await expect(rows.first()).toContainText(lang.cat.remindersUi.state.planned);
    await card.getByTestId('visit-rem-offsets').fill('2h');
    await card.getByTestId('visit-rem-offsets').press('Enter');
    // Enter added the offset; the visit dialog stays open. Tab, Tab reaches Apply past the channel.
    await expect(page.getByTestId('visit-dialog')).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(card.getByTestId('visit-rem-channel')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(card.getByTestId('visit-rem-save')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(rows).toHaveCount(2);
    await expect(card.getByTestId('visit-rem-save')).toBeDisabled();
    await expectAccessible(page, `visit card reminders (${lang.code})`, '[data-testid="visit-reminders"]');
    await shot(page, `reminders-visit-planned-${lang.code}`);
  });
}
