import type { Locator, Page } from '@playwright/test';
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * The appointments calendar as a dispatcher uses it: a drag that main keeps, a drag main refuses (and puts back), a
 * move onto the technician's other work (saved, with a warning, both marked), the day / month / "days shown" views,
 * the per-technician filter and the colour legend. Data made here on the demo organization's staff, no call centre.
 */
const server = demoServer({ demoSize: 0 });

interface Made {
  id: string;
  version: number;
  startAt: string;
}
const HOUR = 3_600_000;
// Tomorrow at 07:00 UTC: 09:00 in Rīga in winter, 10:00 in summer, inside the calendar's 06:00–22:00 either way.
const tomorrow = new Date(Date.now() + 24 * HOUR).toISOString().slice(0, 10);
const at = (hours: number) => new Date(Date.parse(`${tomorrow}T07:00:00.000Z`) + hours * HOUR).toISOString();
const tag = String(Date.now() % 100000);
const names = { a: `Drag Anna ${tag}`, b: `Drag Bruno ${tag}`, c: `Drag Cilda ${tag}` };
let people: Record<'tech' | 'tech2', { id: string; name: string }>;
let made: Record<'a' | 'b' | 'c', Made>;

async function seed(page: Page): Promise<void> {
  const me = await apiCall<{ branchIds: string[] }>(page, 'auth.me', {});
  const staff = await apiCall<{ id: string; name: string; login?: string }[]>(page, 'users.directory', {});
  const byName = (n: string) => staff.find((u) => u.name === n)!;
  people = { tech: byName('Kārlis Zariņš'), tech2: byName('Edgars Liepiņš') };
  const one = async (name: string, who: { id: string }, from: number, to: number): Promise<Made> => {
    const client = await apiCall<{ client: { id: string } }>(page, 'clients.create', { kind: 'person', name, phones: [], emails: [], addresses: [], contacts: [] });
    const d = await apiCall<Made>(page, 'interventions.create', {
      branchId: me.branchIds[0],
      clientId: client.client.id,
      priority: 'medium',
      docDate: new Date().toISOString().slice(0, 10),
      takenById: who.id,
      responsibleId: who.id,
      startAt: at(from),
      endAt: at(to),
    });
    return d;
  };
  made = { a: await one(names.a, people.tech, 0, 1), b: await one(names.b, people.tech, 3, 4), c: await one(names.c, people.tech2, 0, 1) };
}

const event = (page: Page, name: string) => page.getByTestId('cal-event').filter({ hasText: name });

/** Drags an appointment by `hours` on the time grid, measured from the gap between two appointments on it. */
async function drag(page: Page, ev: Locator, dy: number): Promise<void> {
  const box = (await ev.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.width / 2, box.y + 6 + (dy * i) / 12);
  await page.mouse.up();
}

async function openDay(page: Page): Promise<void> {
  await page.getByTestId('nav-interventions').click();
  await page.getByTestId('iv-appointments').click();
  await expect(page.getByTestId('appointments-screen')).toBeVisible();
  await page.getByTestId('cal-view').locator('input[value=timeGridDay] + label').click();
  await page.getByTestId('cal-next').click();
  await expect(event(page, names.a)).toBeVisible();
}

async function startOf(page: Page, id: string): Promise<string> {
  return (await apiCall<{ startAt: string }>(page, 'interventions.get', { id })).startAt;
}

test('a dragged appointment moves in main; onto the same person\'s other work it is saved with a warning and both are marked', async ({ page }) => {
  await loginAs(page, server.url, 'dispatcher.riga');
  await seed(page);
  await openDay(page);
  // Pixels per hour, from two appointments three hours apart.
  const perHour = ((await event(page, names.b).boundingBox())!.y - (await event(page, names.a).boundingBox())!.y) / 3;
  expect(perHour).toBeGreaterThan(20);

  // 1½ hours later: 10:30–11:30 on the branch's clock, clear of the other visit at 12:00.
  await drag(page, event(page, names.a), 1.5 * perHour);
  await expect.poll(() => startOf(page, made.a.id)).toBe(at(1.5));
  expect((await apiCall<{ endAt: string }>(page, 'interventions.get', { id: made.a.id })).endAt).toBe(at(2.5));
  await expect(page.getByTestId('cal-error')).toBeHidden();
  await expect(page.getByTestId('overlap-warning')).toBeHidden();

  // Onto the 12:00 visit of the same technician: kept (a dispatcher may book it knowingly), warned, both outlined.
  await drag(page, event(page, names.a), 1.5 * perHour);
  await expect.poll(() => startOf(page, made.a.id)).toBe(at(3));
  const warning = page.getByTestId('overlap-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(people.tech.name);
  await expect(warning).toContainText(names.b);
  await expect(page.getByTestId('appointments-calendar').locator('.pl-cal-overlap')).toHaveCount(2);
  await shot(page, 'calendar-drag-overlap-en');
});

test('a drag main refuses goes back and says why', async ({ page, browser }) => {
  await loginAs(page, server.url, 'dispatcher.riga');
  await openDay(page);
  const before = await startOf(page, made.c.id);
  // Where it is drawn, as its time and its place in the calendar (the error line above moves the whole calendar down).
  const drawnAt = async () => [await event(page, names.c).locator('b').innerText(), Math.round((await event(page, names.c).boundingBox())!.y - (await page.getByTestId('appointments-calendar').boundingBox())!.y)];
  const placed = await drawnAt();
  // Meanwhile a manager locks the module's session for changes: main refuses the move.
  const manager = await browser.newPage();
  await loginAs(manager, server.url, 'manager.riga');
  const settings = await apiCall<Record<string, unknown>>(manager, 'interventions.settings', {});
  await apiCall(manager, 'interventions.setSettings', { ...settings, lockSession: true });
  try {
    await drag(page, event(page, names.c), 60);
    await expect(page.getByTestId('cal-error')).toBeVisible();
    await expect(page.getByTestId('cal-error')).not.toBeEmpty();
    await shot(page, 'calendar-drag-refused-en');
    expect(await startOf(page, made.c.id)).toBe(before);
    await expect.poll(drawnAt).toEqual(placed);
  } finally {
    await apiCall(manager, 'interventions.setSettings', { ...settings, lockSession: false });
    await manager.close();
  }
});

test('day, month and the configured number of days; one technician; the legend', async ({ page }) => {
  // A manager sets the "days shown" of the module (the seed's "Numar zile afisare programari").
  await loginAs(page, server.url, 'manager.riga');
  const settings = await apiCall<Record<string, unknown>>(page, 'interventions.settings', {});
  await apiCall(page, 'interventions.setSettings', { ...settings, daysShown: 3 });
  await page.getByTestId('logout').click();

  await loginAs(page, server.url, 'dispatcher.riga');
  // Read in English first (the demo's dispatcher keeps another language).
  await apiCall(page, 'auth.setLanguage', { language: 'en' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await openDay(page);
  const screen = page.getByTestId('appointments-screen');
  const columns = () => screen.getByRole('columnheader').count();
  expect(await columns()).toBe(1);

  await page.getByTestId('cal-view').locator('input[value=custom] + label').click();
  await expect(page.getByTestId('cal-view')).toContainText('3 days');
  await expect.poll(columns).toBe(3);

  await page.getByTestId('cal-view').locator('input[value=dayGridMonth] + label').click();
  const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/Riga' }).format(new Date(Date.parse(`${tomorrow}T12:00:00Z`)));
  await expect(page.getByTestId('cal-title')).toHaveText(month);
  await expect.poll(columns).toBe(7);
  await expect(event(page, names.a)).toBeVisible();

  // One technician: their appointments only.
  await page.getByTestId('cal-view').locator('input[value=timeGridDay] + label').click();
  await expect(event(page, names.c)).toBeVisible();
  await page.getByTestId('cal-person').click();
  await page.getByRole('option', { name: people.tech.name }).click();
  await expect(event(page, names.c)).toBeHidden();
  await expect(event(page, names.a)).toBeVisible();
  await expect(event(page, names.b)).toBeVisible();

  // The legend beside the calendar: each status in the colour its appointments are drawn in.
  const legend = page.getByTestId('cal-legend');
  await expect(legend).toContainText('Allocated');
  await expect(legend).toContainText('High priority');
  const swatch = await legend.getByTestId('cal-legend-allocated').locator('.pl-cal-swatch').evaluate((el) => getComputedStyle(el).backgroundColor);
  // The first painted box around or inside the appointment (FullCalendar paints a wrapper, not our content).
  const drawn = await screen.getByRole('button', { name: new RegExp(names.b) }).evaluate((el) =>
    [el, ...Array.from(el.querySelectorAll('*'))].map((n) => getComputedStyle(n).backgroundColor).find((c) => c !== 'rgba(0, 0, 0, 0)'),
  );
  expect(drawn).toBe(swatch);
  await shot(page, 'calendar-legend-en');

  // The same in Romanian.
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: 'Română' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ro');
  await expect(legend).toContainText('Alocată');
  await shot(page, 'calendar-legend-ro');
});
