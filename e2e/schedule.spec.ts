import type { Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * A branch manager sets up the calendar as a new user would: an employee's week typed once and copied to the
 * working days, an overlapping day refused with main's own message, a vacation, a service; in English and Lithuanian.
 */
// The demo without its call centre: the staff are there, their hours and the services are not yet.
const server = demoServer({ demoSize: 0 });

interface Lang {
  code: string;
  name: string;
  person: string;
  overlap: string;
  vacation: string;
  service: string;
  price: RegExp;
}
const LANGS: Lang[] = [
  { code: 'en', name: 'English', person: 'Kārlis Zariņš', overlap: 'These hours overlap the hours before them', vacation: 'Vacation', service: 'Consultation', price: /€25\.00/ },
  { code: 'lt', name: 'Lietuvių', person: 'Edgars Liepiņš', overlap: 'Šios valandos persidengia su ankstesnėmis', vacation: 'Atostogos', service: 'Konsultacija', price: /25,00\s€/ },
];

async function speak(page: Page, l: Lang) {
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: l.name, exact: true }).click();
}

for (const l of LANGS) {
  test(`a manager sets an employee's week, a vacation and a service (${l.code})`, async ({ page }) => {
    await loginAs(page, server.url, 'manager.riga');
    await speak(page, l);
    await page.getByTestId('nav-working-hours').click();
    const screen = page.getByTestId('working-hours-screen');
    await expect(screen).toBeVisible();
    const row = page.getByTestId(`week-row-${l.person}`);
    await expect(row).toBeVisible();
    await expect(page.getByTestId('hours-read-only')).toHaveCount(0);

    // Monday typed the short way, copied to Tuesday–Friday: the gap is the lunch break.
    await page.getByTestId(`week-cell-${l.person}-1`).click();
    const day = page.getByTestId('day-dialog');
    await expect(page.getByTestId('day-intervals')).toBeFocused();
    await page.keyboard.type('9-13, 14-18');
    await day.getByTestId('day-copy-workdays').click();
    await shot(page, `schedule-day-${l.code}`);
    await day.getByTestId('day-save').click();
    await expect(day).toBeHidden();
    for (const d of ['1', '2', '3', '4', '5']) await expect(page.getByTestId(`week-cell-${l.person}-${d}`)).toHaveText('09:00–13:0014:00–18:00');
    await expect(page.getByTestId(`week-cell-${l.person}-6`)).toHaveText('—');

    // An overlapping Saturday is refused with the translated message, on the field, and nothing changes.
    const saturday = page.getByTestId(`week-cell-${l.person}-6`);
    await saturday.focus();
    await page.keyboard.press('Enter');
    // The dialog takes focus a frame after it opens: type only once the field has it, as a person would see it.
    await expect(page.getByTestId('day-intervals')).toBeFocused();
    await page.keyboard.type('09:00-13:00, 12:00-15:00');
    await expect(page.getByTestId('day-intervals')).toHaveValue('09:00-13:00, 12:00-15:00');
    await page.keyboard.press('Enter');
    await expect(day.getByText(l.overlap)).toBeVisible();
    await shot(page, `schedule-overlap-${l.code}`);
    await page.keyboard.press('Escape');
    await expect(day).toBeHidden();
    await expect(saturday).toHaveText('—');

    // Arrows move between days; the person's exceptions are below.
    await saturday.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId(`week-cell-${l.person}-5`)).toBeFocused();
    const panel = page.getByTestId('exceptions-panel');
    await expect(panel).toContainText(l.person);
    await panel.getByTestId('exception-add').click();
    const dialog = page.getByTestId('exception-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('exception-from').fill('2026-12-14');
    await dialog.getByTestId('exception-to').fill('2026-12-18');
    await dialog.getByTestId('exception-note').fill('Ski');
    await dialog.getByTestId('exception-save').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('exceptions-table').getByRole('row', { name: new RegExp(`${l.vacation}.*Ski`) })).toBeVisible();
    await expectAccessible(page, `working hours (${l.code})`);
    await shot(page, `schedule-hours-${l.code}`);

    // A service for the branch, priced in euros.
    await page.getByTestId('nav-services').click();
    await expect(page.getByTestId('services-screen')).toBeVisible();
    await page.getByTestId('services-add').click();
    const service = page.getByTestId('service-dialog');
    await expect(page.getByTestId('service-name')).toBeFocused();
    await page.keyboard.type(l.service);
    await service.getByTestId('service-price').fill('25');
    await service.getByTestId('service-save').click();
    await expect(service).toBeHidden();
    const grid = page.getByTestId('grid-services');
    const added = grid.getByRole('row').filter({ has: page.getByText(l.service, { exact: true }) });
    await expect(added).toContainText(l.price);
    await expectAccessible(page, `services (${l.code})`);
    await shot(page, `schedule-services-${l.code}`);
  });
}

test('a dispatcher reads the hours and is told that setting them needs a manager', async ({ page }) => {
  await loginAs(page, server.url, 'dispatcher.riga');
  await speak(page, LANGS[0]!);
  await page.getByTestId('nav-working-hours').click();
  await expect(page.getByTestId('hours-read-only')).toBeVisible();
  await expect(page.getByTestId('nav-working-hours')).toContainText('read');
  await page.getByTestId('week-cell-Kārlis Zariņš-1').click();
  await expect(page.getByTestId('day-dialog')).toHaveCount(0);
  await expect(page.getByTestId('exception-add')).toHaveCount(0);
  await page.getByTestId('nav-services').click();
  await expect(page.getByTestId('services-read-only')).toBeVisible();
  await expect(page.getByTestId('services-add')).toHaveCount(0);
});
