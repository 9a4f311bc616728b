import type { Page } from '@playwright/test';
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';
import { expectAccessible } from './a11y';

/**
 * The calendar's reports as a clinic's administrator (English) and Rīga's dispatcher (Lithuanian) read them: each of
 * the five reports' chart and table on visits made here through the API (the demo's staff, two weeks of a front
 * desk's work: arrived and paid, not come, cancelled, unpaid, from two sources), and one printed to the preview.
 */
const server = demoServer({ demoSize: 0 });
const DAY = 86_400_000;
const tag = String(Date.now() % 100000);
// Rīga's wall clock is UTC+2 in winter: 09:00 there is 07:00Z. Days before today, so every visit is in the past.
const day = (back: number) => new Date(Date.now() - back * DAY).toISOString().slice(0, 10);
const at = (back: number, hour: number) => new Date(Date.parse(`${day(back)}T${String(hour - 2).padStart(2, '0')}:00:00.000Z`)).toISOString();
const WEEK = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [['09:00', '13:00'], ['14:00', '18:00']]]));

interface Visit {
  id: string;
  version: number;
  totalMinor: number;
}

async function seed(page: Page): Promise<void> {
  const branches = await apiCall<{ id: string; name: string }[]>(page, 'branches.list', {});
  const riga = branches.find((b) => b.name === 'Rīga')!.id;
  const staff = await apiCall<{ id: string; name: string }[]>(page, 'users.directory', { branchId: riga });
  const doc = staff.find((u) => u.name === 'Kārlis Zariņš')!;
  const nurse = staff.find((u) => u.name === 'Edgars Liepiņš')!;
  for (const p of [doc, nurse]) await apiCall(page, 'schedule.setWeek', { branchId: riga, userId: p.id, week: WEEK, version: 0 });
  const service = await apiCall<{ id: string }>(page, 'services.create', { branchId: riga, name: `Consultation ${tag}`, durationMin: 30, priceMinor: 4500, currency: 'EUR', colour: '#1c7ed6', performerIds: [doc.id, nurse.id] });
  const google = await apiCall<{ id: string }>(page, 'nomenclature.create', { kind: 'visit_source', name: `Google ads ${tag}` });
  const sms = await apiCall<{ id: string }>(page, 'nomenclature.create', { kind: 'visit_source', name: `SMS campaign ${tag}` });
  const client = async (name: string, phone: string) =>
    (await apiCall<{ client: { id: string } }>(page, 'clients.create', { kind: 'person', name, phones: [{ number: phone, label: 'mobile' }], emails: [], addresses: [], contacts: [] })).client.id;
  const jonas = await client(`Jonas Petraitis ${tag}`, '+37120000101');
  const asta = await client(`Asta Kazlauskienė ${tag}`, '+37120000102');
  const book = (who: { id: string }, clientId: string, start: string, sourceId: string | null, extra: Record<string, unknown> = {}) =>
    apiCall<Visit>(page, 'visits.book', { userId: who.id, clientId, serviceId: service.id, start, durationMin: 30, sourceId, outsideHoursConfirmed: true, ...extra });
  for (let back = 1; back <= 6; back++) {
    const a = await book(doc, jonas, at(back, 9), google.id, { firstConsultation: back === 1, notes: back === 1 ? 'Back pain' : null });
    const arrived = await apiCall<Visit>(page, 'visits.setAttendance', { id: a.id, version: a.version, status: 'arrived' });
    if (back % 3) await apiCall(page, 'visits.addPayment', { id: a.id, version: arrived.version, method: 'card', amountMinor: arrived.totalMinor });
    const b = await book(nurse, asta, at(back, 10), back % 2 ? sms.id : null);
    await apiCall(page, 'visits.setAttendance', { id: b.id, version: b.version, status: back % 2 ? 'no_show' : 'arrived' });
    const c = await book(doc, asta, at(back, 11), sms.id);
    if (back === 2) await apiCall(page, 'visits.cancel', { id: c.id, version: c.version, reason: 'Client is ill' });
  }
  await apiCall(page, 'visits.bookBreak', { userId: doc.id, branchId: riga, start: at(1, 12), durationMin: 30, outsideHoursConfirmed: true });
}

async function pickTab(page: Page, report: string): Promise<void> {
  await page.getByTestId(`calreports-tab-${report}`).click();
  await expect(page.getByTestId(`calreports-${report}`)).toBeVisible();
}

test('calendar reports: each chart and table, printed to the preview (English)', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await loginAs(page, server.url, 'admin');
  await seed(page);
  await page.getByTestId('nav-calendar-reports').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Calendar reports' })).toBeVisible();

  await expect(page.getByTestId('calreports-sources-table')).toContainText(`Google ads ${tag}`);
  await expect(page.getByTestId('calreports-sources-table')).toContainText('No source given');
  await expect(page.getByTestId('calreports-sources-chart').locator('rect').first()).toBeVisible();
  await shot(page, 'calendar-reports-sources-en');
  await expectAccessible(page, 'calendar reports');

  await pickTab(page, 'noShows');
  await expect(page.getByTestId('calreports-noShows-clients')).toContainText(`Asta Kazlauskienė ${tag}`);
  await expect(page.getByTestId('calreports-noShows-employees')).toContainText('Edgars Liepiņš');
  await expect(page.getByTestId('calreports-noShows-chart')).toBeVisible();
  await shot(page, 'calendar-reports-noshows-en');

  await pickTab(page, 'utilisation');
  await expect(page.getByTestId('calreports-utilisation-table')).toContainText('Kārlis Zariņš');
  await expect(page.getByTestId('calreports-utilisation-chart')).toBeVisible();
  await shot(page, 'calendar-reports-utilisation-en');

  await pickTab(page, 'unpaid');
  await expect(page.getByTestId('calreports-unpaid-table')).toContainText(`Jonas Petraitis ${tag}`);
  await expect(page.getByTestId('calreports-unpaid')).toContainText('Due in total');
  await expect(page.getByTestId('calreports-unpaid-chart')).toBeVisible();
  await shot(page, 'calendar-reports-unpaid-en');

  await pickTab(page, 'dailyList');
  await page.getByTestId('calreports-branch').click();
  await page.getByRole('option', { name: 'Rīga' }).click();
  await page.getByTestId('calreports-day').fill(day(1));
  await expect(page.getByTestId('calreports-daily-chart')).toBeVisible();
  await expect(page.getByTestId('calreports-dailyList')).toContainText('Back pain');
  await expect(page.getByTestId('calreports-dailyList')).toContainText('Break');
  await shot(page, 'calendar-reports-daily-en');

  await page.getByTestId('calreports-dailyList-print').click();
  await expect(page.getByTestId('preview-frame')).toBeVisible();
  await shot(page, 'calendar-reports-daily-print-en');
});

test('calendar reports in Lithuanian for Rīga’s dispatcher', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await loginAs(page, server.url, 'dispatcher.riga');
  await page.goto(`${server.url}/#/calendar-reports`);
  await expect(page.getByRole('heading', { level: 1, name: 'Kalendoriaus ataskaitos' })).toBeVisible();
  await expect(page.getByTestId('calreports-sources-table')).toContainText(`SMS campaign ${tag}`);
  await shot(page, 'calendar-reports-sources-lt');
  await pickTab(page, 'utilisation');
  await expect(page.getByTestId('calreports-utilisation-table')).toContainText('Edgars Liepiņš');
  await shot(page, 'calendar-reports-utilisation-lt');
  await pickTab(page, 'unpaid');
  await expect(page.getByTestId('calreports-unpaid')).toContainText('Iš viso mokėtina');
  await shot(page, 'calendar-reports-unpaid-lt');
  await expectAccessible(page, 'calendar reports (lt)');
});
