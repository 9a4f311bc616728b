import { Temporal } from 'temporal-polyfill';
import { LOCALES } from '../src/shared/i18n/languages';
import { dayAt, dayOf } from '../src/shared/rules/dayOf';
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';
import { chooseLanguage, EN_RO } from './languages';

/**
 * My page on a day without appointments (a Sunday): instead of an empty box, the next day's round, named. The
 * demo's call centre stays empty so that today is surely free; the test books the day after tomorrow.
 */
const server = demoServer({ demoSize: 0 });
const RIGA = 'Europe/Riga';

const LANGS = EN_RO;

test('a day without appointments shows the next day\'s, saying which day (en, ro)', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await loginAs(page, `${server.url}/#/`, 'tech.riga');
  await expect(page.getByTestId('home-screen')).toBeVisible();
  const me = await apiCall<{ id: string; branchIds: string[] }>(page, 'auth.me', {});
  // Today free; two days on, one visit for this technician at 10:00 on Rīga's clock.
  expect(await apiCall(page, 'home.appointments', {})).toEqual({ rows: [], total: 0, next: null });
  const date = Temporal.PlainDate.from(dayOf(RIGA, Date.now()).date).add({ days: 2 }).toString();
  const startAt = new Date(Date.parse(dayAt(RIGA, date).from) + 10 * 3_600_000).toISOString();
  const endAt = new Date(Date.parse(startAt) + 3_600_000).toISOString();
  const clients = await apiCall<{ rows: { id: string; name: string }[] }>(page, 'clients.list', { limit: 5, offset: 0 });
  const client = clients.rows[0]!;
  await apiCall(page, 'interventions.create', {
    branchId: me.branchIds[0],
    clientId: client.id,
    priority: 'medium',
    docDate: dayOf(RIGA, Date.now()).date,
    takenById: me.id,
    responsibleId: me.id,
    startAt,
    endAt,
  });

  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await page.reload();
    const section = page.getByTestId('home-appointments');
    const day = new Intl.DateTimeFormat(LOCALES[lang.code], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${date}T00:00:00Z`));
    await expect(section.getByTestId('home-appointments-next')).toHaveText(lang.cat.home.nextAppointments.replace('{{day}}', day));
    await expect(section.getByTestId('home-appointments-next')).toHaveAttribute('data-date', date);
    await expect(page.getByTestId('home-appointments-count')).toHaveText('1');
    const row = section.getByTestId('home-appointment');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(client.name);
    await shot(page, `home-next-day-${lang.code}`);
  }
});
