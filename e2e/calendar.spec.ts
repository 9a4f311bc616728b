import type { Locator, Page } from '@playwright/test';
import { instantAt, todayIn } from '../src/shared/rules/zonedTime';
import { expectAccessible } from './a11y';
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * The visits calendar as the front desk uses it (issue 9, seed 003), in English and Lithuanian, on the demo's Rīga
 * branch: the week view on today, booking by clicking 11:30 with a new client made on the way, an overlapping booking
 * refused naming the other visit, drag to another time and to another employee side by side, the keys, and a change
 * made in one window shown live in another. Days far ahead keep clear of the demo's own visits.
 */
const server = demoServer({ demoSize: 0 });
const TZ = 'Europe/Riga';
const DAY_MS = 86_400_000;
const tag = String(Date.now() % 100000);
const dayAhead = (n: number) => todayIn(TZ, Date.now() + n * DAY_MS);
const at = (day: string, time: string) => instantAt(`${day}T${time}`, TZ)!;

interface Staff {
  branchId: string;
  service: string;
  tech: { id: string; name: string };
  tech2: { id: string; name: string };
}
let staff: Staff | undefined;

/** Working hours every day 08:00–19:00 for two of Rīga's technicians, set as a manager would. */
async function seed(page: Page): Promise<Staff> {
  if (staff) return staff;
  const me = await apiCall<{ branchIds: string[] }>(page, 'auth.me', {});
  const people = await apiCall<{ id: string; name: string }[]>(page, 'users.directory', {});
  const byName = (n: string) => people.find((u) => u.name === n)!;
  const s = { branchId: me.branchIds[0]!, service: '', tech: byName('Kārlis Zariņš'), tech2: byName('Edgars Liepiņš') };
  const weeks = await apiCall<{ userId: string; version: number }[]>(page, 'schedule.weeks', { branchId: s.branchId });
  const day = [['08:00', '19:00']];
  for (const u of [s.tech, s.tech2]) {
    const version = weeks.find((w) => w.userId === u.id)?.version ?? 0;
    await apiCall(page, 'schedule.setWeek', { branchId: s.branchId, userId: u.id, version, week: { 1: day, 2: day, 3: day, 4: day, 5: day, 6: day, 7: day } });
  }
  const service = `Consultation ${tag}`;
  await apiCall(page, 'services.create', { branchId: s.branchId, name: service, durationMin: 60, priceMinor: 3000, currency: 'EUR', colour: '#a5d8ff', performerIds: [s.tech.id, s.tech2.id] });
  return (staff = { ...s, service });
}

async function newClient(page: Page, name: string): Promise<string> {
  return (await apiCall<{ client: { id: string } }>(page, 'clients.create', { kind: 'person', name, phones: [], emails: [], addresses: [], contacts: [] })).client.id;
}

async function book(page: Page, userId: string, clientId: string, start: string, durationMin = 60): Promise<{ id: string }> {
  return apiCall(page, 'visits.book', { branchId: staff!.branchId, userId, clientId, start, durationMin, outsideHoursConfirmed: true });
}

async function open(page: Page, language: 'en' | 'lt'): Promise<Locator> {
  await loginAs(page, `${server.url}/#/calendar`, 'manager.riga');
  await apiCall(page, 'auth.setLanguage', { language });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await expect(page.getByTestId('calendar-screen')).toBeVisible();
  return page.getByTestId('vcal');
}

const view = (page: Page, v: string) => page.getByTestId('vcal-view').locator(`input[value=${v}]`);
const event = (page: Page, text: string) => page.getByTestId('vcal-event').filter({ hasText: text });

async function pickEmployees(page: Page, names: string[]): Promise<void> {
  for (const n of names) {
    await page.getByTestId('vcal-employees').click();
    await page.getByRole('option', { name: n, exact: true }).click();
  }
  await page.keyboard.press('Escape');
}

/** The middle of a time slot in a column (a day, or side by side an employee's grid date). */
async function slotPoint(page: Page, time: string, date: string): Promise<{ x: number; y: number }> {
  const cal = page.getByTestId('vcal');
  const lane = (await cal.locator(`[data-time="${time}:00"]`).last().boundingBox())!;
  const col = (await cal.locator(`[data-date="${date}"]`).last().boundingBox())!;
  return { x: col.x + col.width / 2, y: lane.y + lane.height / 2 };
}

/** Shows one day: the month view, on to its month, and a click on the day. */
async function goToDay(page: Page, day: string): Promise<void> {
  const cal = page.getByTestId('vcal');
  await cal.focus();
  await cal.press('m');
  await expect(view(page, 'month')).toBeChecked();
  // Month by month from today's, each shown before the next key.
  const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
  const today = todayIn(TZ, Date.now());
  for (let m = monthIndex(today) + 1; m <= monthIndex(day); m++) {
    await cal.press('PageDown');
    const ym = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    await expect(cal).toHaveAttribute('data-focus', new RegExp(`^${ym}-`));
  }
  const cell = cal.locator(`[data-date="${day}"]`).first();
  await expect(cell).toBeVisible();
  // On the day's number, above its events.
  await cell.click({ position: { x: 8, y: 8 } });
  await expect(view(page, 'day')).toBeChecked();
  await expect(cal).toHaveAttribute('data-focus', new RegExp(`^${day}T`));
}

async function chooseService(page: Page, name: string): Promise<void> {
  await page.getByTestId('visit-service').click();
  // The option also says its duration.
  await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
}

/** Drags an event to a place found once the event is scrolled into view (the calendar's box scrolls). */
async function drag(page: Page, ev: Locator, place: () => Promise<{ x: number; y: number }>): Promise<void> {
  // In the middle of the box, clear of the header that stays on top as it scrolls.
  await ev.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = (await ev.boundingBox())!;
  const to = await place();
  const from = { x: box.x + box.width / 2, y: box.y + 4 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / 12, from.y + ((to.y - from.y) * i) / 12);
  await page.mouse.up();
}

const startOf = async (page: Page, id: string) => (await apiCall<{ start: string; userId: string }>(page, 'visits.get', { id })).start;

for (const language of ['en', 'lt'] as const) {
  test(`booking by slot in ${language}: 11:30, a new client on the way, an overlap refused by name, a drag to another free time`, async ({ page }) => {
    const cal = await open(page, language);
    const s = await seed(page);
    // A fresh person's calendar: the week view, on today.
    await expect(view(page, 'week')).toBeChecked();
    await expect(cal).toHaveAttribute('data-focus', new RegExp(`^${todayIn(TZ, Date.now())}T`));
    await shot(page, `calendar-week-${language}`);
    await expectAccessible(page, `calendar week (${language})`);

    const day = dayAhead(language === 'en' ? 45 : 46);
    await pickEmployees(page, [s.tech.name]);
    await goToDay(page, day);
    const p = await slotPoint(page, '11:30', day);
    await page.mouse.click(p.x, p.y);
    const picker = page.getByTestId('slot-picker-body');
    await expect(picker).toBeVisible();
    await expect(page.getByRole('dialog')).toContainText('11:30');
    const name = `Slot ${language} ${tag}`;
    await page.getByTestId('picker-search').fill(name);
    await expect(page.getByTestId('slot-picker-body')).toContainText(/: 0/);
    await shot(page, `calendar-picker-${language}`);
    await expectAccessible(page, `slot picker (${language})`);
    await page.getByTestId('picker-new-client').click();
    await expect(page.getByTestId('quick-client-name')).toHaveValue(name);
    await page.getByTestId('quick-client-phone').fill(`+3712${tag.padStart(5, '0')}${language === 'en' ? 11 : 22}`);
    await page.getByTestId('quick-client-save').click();
    await expect(page.getByTestId('visit-dialog')).toBeVisible();
    await expect(page.getByTestId('visit-dialog')).toContainText(name);
    await chooseService(page, s.service);
    await page.getByTestId('visit-save').click();
    await expect(page.getByTestId('visit-dialog')).toBeHidden();
    const mine = event(page, name);
    await expect(mine).toBeVisible();
    await expect(mine.getByTestId('ev-time')).toContainText('11:30');
    const id = (await mine.getAttribute('data-visit'))!;
    expect(await startOf(page, id)).toBe(at(day, '11:30'));

    // The same time again, for someone else: refused, naming the visit that is there.
    const other = `Other ${language} ${tag}`;
    await newClient(page, other);
    await cal.focus();
    await cal.press('n');
    await page.getByTestId('picker-search').fill(other);
    await page.getByTestId('picker-search').press('Enter');
    await expect(page.getByTestId('visit-dialog')).toContainText(other);
    await chooseService(page, s.service);
    await page.getByTestId('visit-save').click();
    // The refusal names the visit already there (its client appears nowhere else in this dialog).
    await expect(page.getByTestId('visit-dialog')).toContainText(name);
    await shot(page, `calendar-overlap-${language}`);
    // Given up: what was chosen in the dialog is let go.
    await page.getByTestId('visit-close').click();
    await page.getByTestId('visit-discard-ok').click();
    await expect(page.getByTestId('visit-dialog')).toBeHidden();

    // Drag it two hours later, to a free time: moved in main.
    await drag(page, mine, () => slotPoint(page, '13:30', day));
    await expect.poll(() => startOf(page, id)).toBe(at(day, '13:30'));
    // Onto another visit at 15:00: refused by name, and it goes back.
    const blocker = `Blocker ${language} ${tag}`;
    await book(page, s.tech.id, await newClient(page, blocker), at(day, '15:00'));
    await expect(event(page, blocker)).toBeVisible();
    await drag(page, mine, () => slotPoint(page, '15:00', day));
    await expect(page.getByTestId('vcal-error')).toContainText(blocker);
    expect(await startOf(page, id)).toBe(at(day, '13:30'));
    await expect(mine.getByTestId('ev-time')).toContainText('13:30');

    // The day view is remembered for this person.
    await page.reload();
    await expect(view(page, 'day')).toBeChecked();
  });
}

test('keys: T today, arrows move the focused slot, N books at it, Enter opens the visit there', async ({ page }) => {
  const cal = await open(page, 'en');
  const s = await seed(page);
  const day = dayAhead(47);
  const name = `Keys ${tag}`;
  await book(page, s.tech.id, await newClient(page, name), at(day, '10:00'));
  await pickEmployees(page, [s.tech.name]);
  await goToDay(page, day);
  await cal.focus();
  await cal.press('t');
  await expect(cal).toHaveAttribute('data-focus', new RegExp(`^${todayIn(TZ, Date.now())}T`));
  await goToDay(page, day);
  const focusAt = async () => (await cal.getAttribute('data-focus'))!.split('|')[0]!;
  // From the focused slot to 10:00 with the arrows.
  const [h, m] = (await focusAt()).slice(11).split(':').map(Number) as [number, number];
  const steps = (h * 60 + m - 600) / 30;
  for (let i = 0; i < Math.abs(steps); i++) await cal.press(steps > 0 ? 'ArrowUp' : 'ArrowDown');
  await expect.poll(focusAt).toBe(`${day}T10:00`);
  await cal.press('ArrowDown');
  await expect.poll(focusAt).toBe(`${day}T10:30`);
  await cal.press('ArrowRight');
  await expect.poll(focusAt).toBe(`${dayAhead(48)}T10:30`);
  await cal.press('ArrowLeft');
  await cal.press('ArrowUp');
  await cal.press('Enter');
  await expect(page.getByTestId('visit-dialog')).toContainText(name);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('visit-dialog')).toBeHidden();
  await cal.focus();
  await cal.press('ArrowDown');
  await cal.press('ArrowDown');
  await cal.press('n');
  await expect(page.getByTestId('slot-picker-body')).toBeVisible();
  await expect(page.getByRole('dialog')).toContainText('11:00');
  await page.keyboard.press('Escape');
  await cal.press('w');
  await expect(view(page, 'week')).toBeChecked();
  await expect(page.getByTestId('vcal-help')).toContainText('N new visit');
});

for (const language of ['en', 'lt'] as const) {
  test(`side by side in ${language}: two employees in columns, a visit dragged to the other one`, async ({ page }) => {
    const cal = await open(page, language);
    const s = await seed(page);
    const day = dayAhead(language === 'en' ? 49 : 50);
    const name = `Side ${language} ${tag}`;
    const made = await book(page, s.tech.id, await newClient(page, name), at(day, '09:00'));
    await book(page, s.tech2.id, await newClient(page, `Side two ${language} ${tag}`), at(day, '12:00'));
    await pickEmployees(page, [s.tech.name, s.tech2.name]);
    await goToDay(page, day);
    await cal.press('s');
    await expect(view(page, 'side')).toBeChecked();
    await expect(page.getByTestId('vcal-column')).toHaveText([s.tech.name, s.tech2.name]);
    const ev = event(page, name);
    await expect(ev).toBeVisible();
    // The grid's dates stand for the columns: the first employee's, the second's.
    const [first, second] = await Promise.all([0, 1].map(async (i) => (await cal.locator('[data-date]').nth(i).getAttribute('data-date'))!));
    expect((await ev.boundingBox())!.x).toBeLessThan((await cal.locator(`[data-date="${second}"]`).last().boundingBox())!.x);
    await ev.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot(page, `calendar-side-${language}`);
    await expectAccessible(page, `calendar side by side (${language})`);
    await drag(page, ev, () => slotPoint(page, '10:00', second!));
    await expect.poll(async () => (await apiCall<{ userId: string }>(page, 'visits.get', { id: made.id })).userId).toBe(s.tech2.id);
    expect(await startOf(page, made.id)).toBe(at(day, '10:00'));
    expect(first).not.toBe(second);
  });
}

test('a change made in one window shows live in another: a move, and the arrival mark', async ({ page, browser }) => {
  await open(page, 'en');
  const s = await seed(page);
  const day = dayAhead(51);
  const name = `Live ${tag}`;
  const made = await book(page, s.tech.id, await newClient(page, name), at(day, '09:00'));
  await pickEmployees(page, [s.tech.name]);
  await goToDay(page, day);
  const second = await browser.newPage();
  try {
    await loginAs(second, `${server.url}/#/calendar`, 'dispatcher.riga');
    await pickEmployees(second, [s.tech.name]);
    await goToDay(second, day);
    const there = event(second, name);
    await expect(there.getByTestId('ev-time')).toContainText('09:00');
    await expect(there).toHaveAttribute('data-reminder', 'none');
    // Moved by the manager: the dispatcher's calendar redraws it at the new time, without a reload.
    const v = await apiCall<{ version: number }>(page, 'visits.get', { id: made.id });
    await apiCall(page, 'visits.move', { id: made.id, version: v.version, userId: s.tech.id, start: at(day, '14:00'), end: at(day, '15:00') });
    await expect(there.getByTestId('ev-time')).toContainText('14:00');
    await expect(event(page, name).getByTestId('ev-time')).toContainText('14:00');
    // The manager marks the client arrived on the calendar: the dispatcher's sun lights up.
    await event(page, name).getByTestId('ev-arrived').click();
    await expect(there.getByTestId('ev-arrived')).toHaveAttribute('aria-pressed', 'true');
    await expect(there).toHaveAttribute('data-status', 'arrived');
  } finally {
    await second.close();
  }
});
