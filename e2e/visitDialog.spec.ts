import type { Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lt from '../src/shared/i18n/lt.json' with { type: 'json' };
import { instantAt, todayIn, wallClock } from '../src/shared/rules/zonedTime';
import { expectAccessible } from './a11y';
import { apiAnswer, apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * The visit dialog as the front desk uses it (issue 9, seed 003), in English and Lithuanian, on the demo organization's
 * Rīga branch: a stored visit gets a second service, a partial then the full payment (€€ goes), and the sun; another
 * visit is moved onto the first (refused, naming it) and outside working hours (asked), then cancelled, and its slot is
 * taken by the client who asked to come earlier. Data made here, on free hours of the employee.
 */
const server = demoServer({ demoSize: 0 });
test.use({ viewport: { width: 1366, height: 768 } });

const LANGS = [
  { code: 'en', name: 'English', cat: en, dayShift: 1 },
  { code: 'lt', name: 'Lietuvių', cat: lt, dayShift: 3 },
] as const;
type Lang = (typeof LANGS)[number];

interface Visit {
  id: string;
  version: number;
  start: string;
  end: string;
  clientName: string | null;
}
const TZ = 'Europe/Riga';
const DAY = 86_400_000;
const tag = String(Date.now() % 100000);

async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: lang.name }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
}

/** A day `shift` days from today on the branch's calendar. */
const dayFrom = (shift: number) => todayIn(TZ, Date.now() + shift * DAY);

/** The first whole hour of the day (on the branch's clock) when the employee has nothing booked for `hours` hours. */
async function freeHour(page: Page, userId: string, day: string, hours = 1, from = 8): Promise<string> {
  const start = instantAt(`${day}T00:00`, TZ)!;
  const end = instantAt(`${day}T23:59`, TZ)!;
  const booked = await apiCall<Visit[]>(page, 'visits.range', { from: start, to: end, userIds: [userId] });
  for (let h = from; h + hours <= 21; h++) {
    const a = Date.parse(instantAt(`${day}T${String(h).padStart(2, '0')}:00`, TZ)!);
    const b = a + hours * 3_600_000;
    if (!booked.some((v) => Date.parse(v.start) < b && a < Date.parse(v.end))) return new Date(a).toISOString();
  }
  throw new Error(`no free hour on ${day}`);
}

async function seed(page: Page, lang: Lang) {
  const me = await apiCall<{ branchIds: string[] }>(page, 'auth.me', {});
  const branchId = me.branchIds[0]!;
  const staff = await apiCall<{ id: string; name: string }[]>(page, 'users.directory', { branchId });
  const tech = staff.find((u) => u.name === 'Kārlis Zariņš')!;
  const service = (name: string, durationMin: number, priceMinor: number) =>
    apiCall<{ id: string; name: string }>(page, 'services.create', { branchId, name: `${name} ${lang.code}${tag}`, durationMin, priceMinor, currency: 'EUR', colour: '#1971c2', performerIds: [tech.id] });
  const massage = await service('Massage', 30, 2500);
  const consultation = await service('Consultation', 45, 1500);
  // Working hours 06:00–22:00 every day, so 23:30 is outside them.
  const weeks = await apiCall<{ userId: string; version: number }[]>(page, 'schedule.weeks', { branchId });
  const all = [['06:00', '22:00']];
  await apiCall(page, 'schedule.setWeek', {
    branchId,
    userId: tech.id,
    week: { 1: all, 2: all, 3: all, 4: all, 5: all, 6: all, 7: all },
    version: weeks.find((w) => w.userId === tech.id)?.version ?? 0,
  });
  const client = async (name: string) => (await apiCall<{ client: { id: string } }>(page, 'clients.create', { kind: 'person', name: `${name} ${lang.code}${tag}`, phones: [], emails: [], addresses: [], contacts: [] })).client.id;
  const book = async (name: string, start: string, asap = false) =>
    apiCall<Visit>(page, 'visits.book', { clientId: await client(name), userId: tech.id, start, durationMin: 30, serviceId: massage.id, asap });
  // Yesterday's visit (it can be marked arrived), tomorrow's to cancel, and a later one whose client wants to come earlier.
  const paid = await book('Paula Paid', await freeHour(page, tech.id, dayFrom(-lang.dayShift)));
  const freed = await book('Felix Freed', await freeHour(page, tech.id, dayFrom(lang.dayShift)));
  const waiting = await book('Asta Asap', await freeHour(page, tech.id, dayFrom(lang.dayShift + 2)), true);
  return { massage, consultation, paid, freed, waiting };
}

const openVisit = async (page: Page, id: string) => {
  await page.goto(`${server.url}/#/calendar?visit=${id}`);
  await expect(page.getByTestId('visit-dialog')).toBeVisible();
};

for (const lang of LANGS) {
  test(`a visit gets a service, is paid in two parts and marked arrived; a cancelled slot goes to the ASAP client (${lang.code})`, async ({ page }) => {
    test.setTimeout(180_000);
    const t = lang.cat;
    await loginAs(page, `${server.url}/#/`, 'manager.riga');
    await chooseLanguage(page, lang);
    const s = await seed(page, lang);
    const dialog = page.getByTestId('visit-dialog');

    // A second service on the stored visit: its line and the total follow.
    await openVisit(page, s.paid.id);
    await expect(dialog.getByTestId('visit-client-name')).toHaveText(s.paid.clientName!);
    await expect(dialog.getByTestId('visit-unpaid')).toBeVisible();
    await dialog.getByTestId('visit-add-service').click();
    await page.keyboard.type(s.consultation.name);
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('visit-line-1')).toBeVisible();
    await expect(dialog.getByTestId('visit-total')).toHaveText(/40[.,]00/);

    // A partial payment (it saves the new line first): €€ stays, 30 left; then the rest (a blank amount is what is left).
    await dialog.getByTestId('visit-pay-amount').fill('10');
    await dialog.getByTestId('visit-pay').click();
    await expect(dialog.getByTestId('visit-paid')).toHaveText(/10[.,]00/);
    await expect(dialog.getByTestId('visit-remaining')).toHaveText(/30[.,]00/);
    await expect(dialog.getByTestId('visit-unpaid')).toBeVisible();
    await dialog.getByTestId('visit-pay-method').getByText(t.visit.method.card).click();
    await dialog.getByTestId('visit-pay').click();
    await expect(dialog.getByTestId('visit-paid')).toHaveText(/40[.,]00/);
    await expect(dialog.getByTestId('visit-unpaid')).toHaveCount(0);
    const stored = await apiCall<{ lines: unknown[]; paidMinor: number; unpaid: boolean; payments: { method: string }[] }>(page, 'visits.get', { id: s.paid.id });
    expect(stored).toMatchObject({ paidMinor: 4000, unpaid: false });
    expect(stored.lines).toHaveLength(2);
    expect(stored.payments.map((p) => p.method)).toEqual(['cash', 'card']);

    // The receipt in the print preview (Esc closes the preview, not the visit); the client's name opens the client.
    await page.keyboard.press('Alt+r');
    await expect(page.getByTestId('preview-frame')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('print-preview')).toBeHidden();
    await dialog.getByTestId('visit-client-name').click();
    await expect(page.getByTestId('client-form')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('client-form')).toBeHidden();
    await expect(dialog).toBeVisible();

    // The sun, from the keyboard (Alt+A).
    await page.keyboard.press('Alt+a');
    await expect(dialog.getByTestId('visit-status')).toHaveAttribute('data-status', 'arrived');
    await expect(dialog.getByTestId('visit-status')).toHaveText(t.visit.status.arrived);
    await shot(page, `visit-form-${lang.code}`);
    await expectAccessible(page, `visit dialog (${lang.code})`, '.mantine-Modal-content');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // The other visit moved onto the first: refused under the time, naming the visit it would overlap.
    await openVisit(page, s.freed.id);
    const startBox = dialog.getByTestId('visit-start');
    await startBox.fill(wallClock(s.paid.start, TZ).replace('T', ' '));
    await page.keyboard.press('Enter');
    await expect(dialog.getByText(s.paid.clientName!)).toBeVisible();
    // Outside working hours (23:30): asked first; no is no.
    await startBox.fill(`${wallClock(s.freed.start, TZ).slice(0, 10)} 23:30`);
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('visit-outside')).toContainText(t.visit.outsideTitle);
    await page.getByTestId('visit-outside').getByRole('button', { name: t.common.cancel }).click();
    expect((await apiCall<Visit>(page, 'visits.get', { id: s.freed.id })).start).toBe(s.freed.start);

    // Cancelled with a reason: the freed slot is offered to the client who asked to come earlier; Enter moves them.
    await page.keyboard.press('Alt+c');
    await page.getByTestId('visit-cancel-reason').fill(lang.code === 'en' ? 'Client is ill' : 'Klientas serga');
    await page.keyboard.press('Enter');
    const offers = page.getByTestId('asap-offers');
    await expect(offers).toBeVisible();
    const row = offers.locator('tr', { hasText: s.waiting.clientName! });
    await expect(row).toBeVisible();
    await row.click();
    await shot(page, `visit-asap-${lang.code}`);
    await expectAccessible(page, `ASAP offers (${lang.code})`, '.mantine-Modal-content');
    await offers.getByTestId('asap-list').press('Enter');
    await expect(offers.getByTestId('asap-moved')).toContainText(s.waiting.clientName!);
    const moved = await apiCall<Visit & { asap: boolean }>(page, 'visits.get', { id: s.waiting.id });
    expect(moved.start).toBe(s.freed.start);
    expect(moved.asap).toBe(false);
    expect((await apiCall<{ status: string }>(page, 'visits.get', { id: s.freed.id })).status).toBe('cancelled');
    await shot(page, `visit-asap-moved-${lang.code}`);
    await page.getByTestId('asap-close').click();
    await expect(offers).toBeHidden();
  });
}

test('a slot nobody waits for says so plainly', async ({ page }) => {
  await loginAs(page, `${server.url}/#/`, 'manager.riga');
  await chooseLanguage(page, LANGS[0]);
  const me = await apiCall<{ branchIds: string[] }>(page, 'auth.me', {});
  const staff = await apiCall<{ id: string; name: string }[]>(page, 'users.directory', { branchId: me.branchIds[0] });
  const tech = staff.find((u) => u.name === 'Kārlis Zariņš')!;
  const client = (await apiCall<{ client: { id: string } }>(page, 'clients.create', { kind: 'person', name: `Nobody Waits ${tag}`, phones: [], emails: [], addresses: [], contacts: [] })).client.id;
  // A day far ahead: no ASAP visit is later than it.
  const day = dayFrom(300);
  const v = await apiCall<Visit>(page, 'visits.book', { clientId: client, branchId: me.branchIds[0], userId: tech.id, start: await freeHour(page, tech.id, day), durationMin: 30, outsideHoursConfirmed: true });
  await openVisit(page, v.id);
  await page.getByTestId('visit-cancel-open').click();
  await page.getByTestId('visit-cancel-reason').fill('Moved away');
  await page.getByTestId('visit-cancel-ok').click();
  await expect(page.getByTestId('asap-none')).toHaveText(en.visit.asapNone);
  const answer = await apiAnswer(page, 'visits.get', { id: v.id });
  expect(answer.ok && (answer.data as { status: string }).status).toBe('cancelled');
});

test('only owners and admins delete, after a question naming what goes with the visit', async ({ page }) => {
  await loginAs(page, `${server.url}/#/`, 'owner');
  await chooseLanguage(page, LANGS[0]);
  const riga = (await apiCall<{ id: string; name: string }[]>(page, 'branches.list', {}))[0]!;
  const staff = await apiCall<{ id: string; name: string }[]>(page, 'users.directory', { branchId: riga.id });
  const tech = staff.find((u) => u.name === 'Kārlis Zariņš')!;
  const client = (await apiCall<{ client: { id: string } }>(page, 'clients.create', { kind: 'person', name: `Dora Deleted ${tag}`, phones: [], emails: [], addresses: [], contacts: [] })).client.id;
  const start = await freeHour(page, tech.id, dayFrom(-5));
  const v = await apiCall<Visit>(page, 'visits.book', {
    clientId: client,
    branchId: riga.id,
    userId: tech.id,
    start,
    durationMin: 30,
    outsideHoursConfirmed: true,
    lines: [{ kind: 'service', name: 'Check-up', quantity: 1, priceMinor: 2000 }],
  });
  await apiCall(page, 'visits.addPayment', { id: v.id, version: v.version, method: 'cash', amountMinor: 500 });

  // A branch manager cancels; the Delete button is not there for them (main refuses it too).
  const manager = await page.context().browser()!.newPage();
  await loginAs(manager, `${server.url}/#/calendar?visit=${v.id}`, 'manager.riga');
  await expect(manager.getByTestId('visit-dialog')).toBeVisible();
  await expect(manager.getByTestId('visit-cancel-open')).toBeVisible();
  await expect(manager.getByTestId('visit-delete-open')).toHaveCount(0);
  expect((await apiAnswer(manager, 'visits.delete', { id: v.id, version: v.version + 1 })).ok).toBe(false);
  await manager.close();

  await openVisit(page, v.id);
  await page.keyboard.press('Alt+d');
  await expect(page.getByTestId('visit-delete-impact')).toHaveText('Also deleted — payments: 1, services and products: 1, reminders: 0.');
  await page.getByTestId('visit-delete-ok').click();
  await expect(page.getByTestId('visit-dialog')).toBeHidden();
  expect((await apiAnswer(page, 'visits.get', { id: v.id })).ok).toBe(false);
});
