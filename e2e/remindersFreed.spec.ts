import type { Browser, Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lv from '../src/shared/i18n/lv.json' with { type: 'json' };
import { startSipp, type SippRun } from '../src/main/telephony/testing/sipp';
import { expectAccessible } from './a11y';
import { apiAnswer, apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * Issue 10's freed slot, on real calls: sipp answers a due reminder and presses 2 by RFC 2833; the clerk's open
 * calendar turns the visit red without a reload, and a toast says who will not come, when, with whom, and the ASAP
 * client who fits best. "Offer the slot" opens the visit with its cancellation asked (the reason written for the
 * clerk), and confirming it lists the offers, the best fit chosen: Enter moves that client in. In Latvian two slots
 * freed at once make one toast with a count; Esc dismisses it, and the visit's card offers the slot as well.
 */
const server = demoServer({ demoSize: 0 });
test.use({ viewport: { width: 1366, height: 900 } });
const MIN = 60_000;
const DAY = 86_400_000;
const tag = String(Date.now() % 100000);
let sipp: SippRun;

test.beforeAll(async () => {
  // Three answers, each pressing 2: one visit in English, two at once in Latvian.
  sipp = await startSipp({ scenario: 'answer-2833-2.xml', calls: 3, timeoutSec: 400 });
});
test.afterAll(() => sipp.kill());

/** The owner points the organization's trunk at sipp. */
async function trunkToSipp(page: Page, port = sipp.port) {
  await loginAs(page, server.url, 'owner');
  await page.getByTestId('nav-reminders').click();
  await page.getByTestId('rem-trunk-enabled').check();
  await page.getByTestId('rem-trunk-host').fill('127.0.0.1');
  await page.getByTestId('rem-trunk-port').fill(String(port));
  await page.getByTestId('reminders-save').click();
  await expect(page.getByTestId('reminders-saved')).toBeVisible();
}

const person = async (page: Page, name: string) =>
  (await apiCall<{ client: { id: string } }>(page, 'clients.create', { kind: 'person', name, phones: [{ number: '+37120000123', label: 'mobile' }], emails: [], addresses: [], contacts: [] })).client.id;

/**
 * A visit at Rīga starting at the next whole minute plus five, with one reminder five minutes before it (due within
 * a minute), taken by the first of the branch's people free then; and a later ASAP visit of the same person's, far
 * enough ahead (`asapDays`) to be the best fit of all the demo's ASAP clients.
 */
async function bookDeclining(page: Page, client: string, waiting: string | null, asapDays: number): Promise<{ visitId: string; staff: string }> {
  const branches = await apiCall<{ id: string; name: string }[]>(page, 'branches.list', {});
  const branchId = branches.find((b) => b.name === 'Rīga')!.id;
  const people = await apiCall<{ id: string; name: string }[]>(page, 'users.directory', { branchId });
  const clientId = await person(page, client);
  const waitingId = waiting && (await person(page, waiting));
  const start = new Date(Math.ceil((Date.now() + 20_000) / MIN) * MIN + 5 * MIN).toISOString();
  for (const p of people) {
    const booked = await apiAnswer<{ id: string }>(page, 'visits.book', { branchId, userId: p.id, clientId, start, durationMin: 30, outsideHoursConfirmed: true });
    if (!booked.ok) continue;
    await apiCall(page, 'reminders.setForVisit', { visitId: booked.data.id, offsets: ['5m'], channel: 'voice' });
    const later = new Date(Date.parse(start) + asapDays * DAY).toISOString();
    if (waitingId) await apiCall(page, 'visits.book', { branchId, userId: p.id, clientId: waitingId, start: later, durationMin: 30, asap: true, outsideHoursConfirmed: true });
    return { visitId: booked.data.id, staff: p.name };
  }
  throw new Error('nobody at Rīga is free in five minutes');
}

/** Rīga's clerk with the calendar open as a list (every visit of the week, at any hour), in a window of their own. */
async function clerkCalendar(browser: Browser, language: { name: string; code: string }): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await loginAs(page, `${server.url}/#/calendar`, 'dispatcher.riga');
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: language.name, exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language.code);
  const cal = page.getByTestId('vcal');
  await cal.focus();
  await cal.press('l');
  await expect(page.getByTestId('vcal-view').locator('input[value=list]')).toBeChecked();
  return page;
}

test('a client presses 2: the visit turns red live, the toast names the best ASAP fit, and "Offer the slot" moves that client in (English)', async ({ page, browser }) => {
  test.setTimeout(240_000);
  await trunkToSipp(page);
  const client = `Declines ${tag}`;
  const waiting = `Waiting ${tag}`;
  const { visitId, staff } = await bookDeclining(page, client, waiting, 40);

  const clerk = await clerkCalendar(browser, { name: 'English', code: 'en' });
  const event = clerk.getByTestId('vcal-event').filter({ hasText: client });
  await expect(event).toHaveAttribute('data-reminder', 'none');
  await expect(event).toHaveAttribute('data-reminder', 'will_not_come', { timeout: 150_000 });

  const toast = clerk.getByTestId('slot-freed-toast');
  await expect(toast).toBeVisible();
  await expect(toast).toContainText(en.slotFreed.title.replace('{{client}}', client));
  await expect(toast.getByTestId('slot-freed-when')).toContainText(/^\p{L}{2,3}\.? .*\d\d:\d\d/u);
  await expect(toast.getByTestId('slot-freed-when')).toContainText(`, ${staff}`);
  await expect(toast.getByTestId('slot-freed-offers')).toContainText(new RegExp(`— best: ${waiting}`));
  await expectAccessible(clerk, 'freed slot toast (en)', '[data-testid="slot-freed-toast"]');
  await event.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(clerk, 'reminders-freed-toast-en');

  // The toast's action, from the keyboard: the visit opens with its cancellation asked, the reason written.
  await toast.getByTestId('slot-freed-offer').focus();
  await clerk.keyboard.press('Enter');
  await expect(toast).toBeHidden();
  await expect(clerk).toHaveURL(new RegExp(`#/calendar\\?visit=${visitId}&offer=1`));
  await expect(clerk.getByTestId('visit-declined')).toContainText(en.slotFreed.visitNotice);
  const reason = clerk.getByTestId('visit-cancel-reason');
  await expect(reason).toBeFocused();
  await expect(reason).toHaveValue(en.slotFreed.cancelReason);
  await shot(clerk, 'reminders-freed-cancel-en');
  await clerk.keyboard.press('Enter');

  // The offers for the slot, the best fit chosen: Enter moves that client into it.
  const offers = clerk.getByTestId('asap-offers');
  await expect(offers).toBeVisible();
  const best = offers.locator('tr[aria-selected="true"]');
  await expect(best).toContainText(waiting);
  await shot(clerk, 'reminders-freed-offers-en');
  await offers.getByTestId('asap-list').press('Enter');
  // A slot freed at night (the test runs at any hour) lies outside working hours: asked, and booked anyway.
  const outside = offers.getByTestId('asap-outside-ok');
  await expect(offers.getByTestId('asap-moved').or(outside)).toBeVisible();
  if (await outside.isVisible()) await outside.click();
  await expect(offers.getByTestId('asap-moved')).toContainText(waiting);
  const moved = await apiCall<{ status: string }>(page, 'visits.get', { id: visitId });
  expect(moved.status).toBe('cancelled');
  await clerk.context().close();
});

test('two slots freed at once in Latvian: one toast with a count, Esc dismisses it, and the red visit offers its slot on its card', async ({ page, browser }) => {
  test.setTimeout(240_000);
  await loginAs(page, server.url, 'owner');
  const first = await bookDeclining(page, `Atteicās ${tag}`, `Gaida ${tag}`, 41);
  const second = await bookDeclining(page, `Neatnāks ${tag}`, `Gaida arī ${tag}`, 42);

  const clerk = await clerkCalendar(browser, { name: 'Latviešu', code: 'lv' });
  for (const name of [`Atteicās ${tag}`, `Neatnāks ${tag}`]) {
    await expect(clerk.getByTestId('vcal-event').filter({ hasText: name })).toHaveAttribute('data-reminder', 'will_not_come', { timeout: 150_000 });
  }
  const toast = clerk.getByTestId('slot-freed-toast');
  await expect(toast).toHaveCount(1);
  await expect(toast.getByTestId('slot-freed-toast-more')).toHaveText('+1');
  await expect(toast.getByTestId('slot-freed-offers')).toContainText(lv.slotFreed.waiting.split(':')[0]!);
  await expectAccessible(clerk, 'freed slot toast (lv)', '[data-testid="slot-freed-toast"]');
  await shot(clerk, 'reminders-freed-toast-lv');

  // Esc inside the toast dismisses the newest; the other freed slot follows, then nothing.
  const shownTitle = await toast.locator('.mantine-Notification-title').innerText();
  await toast.getByTestId('slot-freed-offer').focus();
  await clerk.keyboard.press('Escape');
  await expect(toast.locator('.mantine-Notification-title')).not.toHaveText(shownTitle);
  await expect(toast.getByTestId('slot-freed-toast-more')).toHaveCount(0);
  await toast.getByTestId('slot-freed-offer').focus();
  await clerk.keyboard.press('Escape');
  await expect(toast).toHaveCount(0);

  // The red visit's card says how its slot is offered, and does it.
  await clerk.goto(`${server.url}/#/calendar?visit=${first.visitId}`);
  const notice = clerk.getByTestId('visit-declined');
  await expect(notice).toContainText(lv.slotFreed.visitNotice);
  await shot(clerk, 'reminders-freed-card-lv');
  await notice.getByTestId('visit-offer-slot').click();
  await expect(clerk.getByTestId('visit-cancel-reason')).toHaveValue(lv.slotFreed.cancelReason);
  await clerk.keyboard.press('Enter');
  await expect(clerk.getByTestId('asap-offers').locator('tr[aria-selected="true"]')).toContainText(`Gaida ${tag}`);
  await shot(clerk, 'reminders-freed-offers-lv');
  expect((await apiCall<{ reminder: string }>(page, 'visits.get', { id: second.visitId })).reminder).toBe('will_not_come');
  await clerk.context().close();
  await sipp.passed();
});

test('a number that does not exist: the call gets a 404, and the client card says so under the phone (English)', async ({ page }) => {
  test.setTimeout(200_000);
  const nowhere = await startSipp({ scenario: 'not-found-404.xml', timeoutSec: 180 });
  try {
    await trunkToSipp(page, nowhere.port);
    const name = `Nowhere ${tag}`;
    const { visitId } = await bookDeclining(page, name, null, 0);
    await expect
      .poll(async () => (await apiCall<{ outcome: string | null }[]>(page, 'reminders.attempts', { visitId }))[0]?.outcome ?? null, { timeout: 150_000, intervals: [2_000] })
      .toBe('not_found');
    await nowhere.passed();

    await apiCall(page, 'auth.setLanguage', { language: 'en' });
    await page.goto(`${server.url}/#/calendar?visit=${visitId}`);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByTestId('visit-client-name').click();
    const flag = page.getByTestId('client-phone-0-not-found');
    await expect(flag).toHaveText(en.clients.phoneNotFound.replace('{{date}}', (await flag.innerText()).match(/\d[\d./-]+\d/)?.[0] ?? '?'));
    await expectAccessible(page, 'client card, a phone not found (en)', '[data-testid="client-phones"]');
    await shot(page, 'reminders-phone-not-found-en');
  } finally {
    nowhere.kill();
  }
});
