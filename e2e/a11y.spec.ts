import type { Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { apiCall, demoServer, expect, loginAs, shot, startPlanora, test } from './fixtures';
import { STATUS_HEX } from '../src/renderer/modules/interventions/model';

/** `#1971c2` as the browser reports a computed colour. */
const rgbOf = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/**
 * Every main screen, in English and in Latvian, checked by axe-core against WCAG 2 A/AA:
 * no serious or critical violation (contrast, names, headings, keyboard reach).
 */
const server = demoServer();

// axe measures every text's contrast on every screen: minutes, not seconds, on a busy machine.
test.describe.configure({ timeout: 8 * 60_000 });


let seeded = false;

/**
 * A few requests in each priority, two of them booked for today, so grid badges and calendar events are on screen;
 * audited in detail, the newest with a long note, so its audit entry scrolls.
 */
async function seedInterventions(page: Page): Promise<void> {
  await apiCall(page, 'audit.setLevel', { module: 'interventions', level: 'detailed' });
  const me = await apiCall<{ id: string; branchIds: string[] }>(page, 'auth.me', {});
  const clients = await apiCall<{ rows: { id: string }[] }>(page, 'clients.list', { limit: 6, offset: 0 });
  const today = new Date().toISOString().slice(0, 10);
  for (const [i, c] of clients.rows.entries()) {
    const booked = i < 2 ? { takenById: me.id, responsibleId: me.id, startAt: `${today}T${String(9 + i * 2).padStart(2, '0')}:00:00.000Z`, endAt: `${today}T${10 + i * 2}:00:00.000Z` } : {};
    await apiCall(page, 'interventions.create', { branchId: me.branchIds[0], clientId: c.id, priority: (['low', 'medium', 'high'] as const)[i % 3], docDate: today, notes: i === clients.rows.length - 1 ? 'Long note. '.repeat(300) : `A11y ${i}`, ...booked });
  }
}

async function chooseLanguage(page: Page, name: string): Promise<void> {
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name, exact: true }).click();
}

/** Opens a module from the navigation and waits for its screen. */
async function open(page: Page, route: string, screen = `${route}-screen`): Promise<void> {
  await page.getByTestId(`nav-${route}`).click();
  await expect(page.getByTestId(screen)).toBeVisible();
}

test('the setup wizard on an empty folder and the login page have no serious accessibility violation', async ({ page }) => {
  const empty = await startPlanora();
  try {
    await page.goto(empty.url);
    await expect(page.getByLabel(/^Login/)).toBeVisible();
    await expectAccessible(page, 'setup wizard');
    await shot(page, 'a11y-setup-wizard');
  } finally {
    await empty.stop();
  }
  await page.goto(server.url);
  await expect(page.getByLabel(/^Login/)).toBeVisible();
  await expectAccessible(page, 'login');
  await shot(page, 'a11y-login');
  await page.getByLabel(/^Login/).fill('owner');
  await page.getByLabel(/^Password/).fill('wrong password');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('login-error')).toBeVisible();
  await expectAccessible(page, 'login with an error');
});

for (const [code, language] of [
  ['en', 'English'],
  ['lv', 'Latviešu'],
] as const) {
  test(`every main screen in ${language} has no serious accessibility violation`, async ({ page }) => {
    await loginAs(page, server.url, 'owner');
    if (!seeded) await seedInterventions(page);
    seeded = true;
    await chooseLanguage(page, language);

    await open(page, 'interventions');
    await expect(page.getByTestId('interventions-grid').locator('.ag-row [data-status]').first()).toBeVisible();
    await expectAccessible(page, `interventions grid (${code})`);
    await shot(page, `a11y-interventions-${code}`);

    await page.keyboard.press('Insert');
    const form = page.getByTestId('intervention-form');
    await expect(form.getByTestId('f-client')).toBeFocused();
    await expectAccessible(page, `intervention form (${code})`);
    await shot(page, `a11y-intervention-form-${code}`);
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();

    await open(page, 'interventions-calendar', 'appointments-screen');
    const appointments = page.getByTestId('appointments-screen').getByRole('button', { name: /\d\d:\d\d–\d\d:\d\d/ });
    await expect(appointments.first()).toBeVisible();
    await expectAccessible(page, `appointments calendar (${code})`);
    // Each event is painted in its status colour (dark enough for its white text), not the calendar's default blue.
    const painted = await appointments.evaluateAll((els) =>
      els.map((el) => [el, ...Array.from(el.querySelectorAll('*'))].map((n) => getComputedStyle(n).backgroundColor).find((c) => c !== 'rgba(0, 0, 0, 0)') ?? null),
    );
    expect(painted.length).toBeGreaterThan(0);
    for (const colour of painted) expect(Object.values(STATUS_HEX).map(rgbOf)).toContain(colour);
    await shot(page, `a11y-appointments-${code}`);

    await open(page, 'clients');
    await expect(page.getByTestId('grid-clients').locator('.ag-row[row-id]').first()).toBeVisible();
    await expectAccessible(page, `clients (${code})`);
    await shot(page, `a11y-clients-${code}`);

    await page.keyboard.press('Insert');
    await expect(page.getByTestId('client-name')).toBeFocused();
    await expectAccessible(page, `client form (${code})`);
    await shot(page, `a11y-client-form-${code}`);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('client-form')).toBeHidden();

    await open(page, 'nomenclature');
    await expect(page.getByTestId('nomenclature-table')).toBeVisible();
    await expectAccessible(page, `reference lists (${code})`);
    await shot(page, `a11y-nomenclature-${code}`);

    for (const route of ['working-hours', 'services', 'organization', 'users', 'periods', 'series', 'mail', 'audit']) {
      await open(page, route);
      await expectAccessible(page, `${route} (${code})`);
      await shot(page, `a11y-${route}-${code}`);
    }

    // An intervention's audit entry: a long list of fields in a scrolling panel the keyboard must reach.
    await page.getByTestId('grid-audit').locator('.ag-row[row-id]').first().click();
    await expect(page.getByTestId('audit-entry').getByRole('heading')).toBeVisible();
    await expectAccessible(page, `audit entry (${code})`);
    await shot(page, `a11y-audit-entry-${code}`);

    await page.getByTestId('audit-tab-levels').click();
    await expect(page.getByTestId('audit-levels')).toBeVisible();
    await expectAccessible(page, `audit levels (${code})`);
    await shot(page, `a11y-audit-levels-${code}`);
  });
}
