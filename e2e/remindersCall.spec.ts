import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lv from '../src/shared/i18n/lv.json' with { type: 'json' };
import { startSipp, type SippRun } from '../src/main/telephony/testing/sipp';
import { apiAnswer, apiCall, demoServer, expect, loginAs, SHOTS, shot, test } from './fixtures';

/**
 * Issue 10's browser test, on real calls: the owner points the trunk at sipp on 127.0.0.1 (which answers and presses 1
 * by SIP INFO), places a test call and watches its outcome arrive; a visit booked with a reminder five minutes ahead
 * of it is called by the core's job, and its calendar event turns from grey to green without a reload; the visit
 * card lists the attempt, and the month's usage shows one billable call — on screen and on paper, in English and
 * Latvian.
 */
const server = demoServer({ demoSize: 0 });
test.use({ viewport: { width: 1366, height: 900 } });
const MIN = 60_000;
const tag = String(Date.now() % 100000);
let sipp: SippRun;

test.beforeAll(async () => {
  // Two calls: the test call, then the reminder.
  sipp = await startSipp({ scenario: 'answer-info-1.xml', calls: 2, timeoutSec: 280 });
});
test.afterAll(() => sipp.kill());

async function language(page: Page, name: string, code: string) {
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name, exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', code);
}

/** The PDF a print shows in the preview: downloaded from there, its first page kept as a picture, its text returned. */
async function printed(page: Page, button: string, name: string): Promise<string> {
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId(button).click();
  await expect(page.getByTestId('preview-frame')).toBeVisible();
  await page.getByTestId('preview-download').click();
  const file = await (await download).path();
  await page.keyboard.press('Escape');
  fs.mkdirSync(SHOTS, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, path.join(SHOTS, name)]);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** The week as a list: every visit, at any hour (the grids show 06:00–22:00, and the due visit may be later). */
async function listView(page: Page) {
  const cal = page.getByTestId('vcal');
  await cal.focus();
  await cal.press('l');
  await expect(page.getByTestId('vcal-view').locator('input[value=list]')).toBeChecked();
}

/**
 * A visit of a new client (with a mobile phone) at Rīga, starting at the next whole minute plus five, with one
 * reminder five minutes before it: due within a minute. The first of the branch's people free then takes it.
 */
async function bookDueVisit(page: Page, clientName: string): Promise<void> {
  const me = await apiCall<{ branchIds: string[] }>(page, 'auth.me', {});
  const branches = await apiCall<{ id: string; name: string }[]>(page, 'branches.list', {});
  const branchId = branches.find((b) => b.name === 'Rīga')?.id ?? me.branchIds[0]!;
  const people = await apiCall<{ id: string; name: string }[]>(page, 'users.directory', { branchId });
  const clientId = (await apiCall<{ client: { id: string } }>(page, 'clients.create', { kind: 'person', name: clientName, phones: [{ number: '+37120000123', label: 'mobile' }], emails: [], addresses: [], contacts: [] })).client.id;
  const start = new Date(Math.ceil((Date.now() + 20_000) / MIN) * MIN + 5 * MIN).toISOString();
  for (const p of people) {
    const booked = await apiAnswer<{ id: string }>(page, 'visits.book', { branchId, userId: p.id, clientId, start, durationMin: 30, outsideHoursConfirmed: true });
    if (!booked.ok) continue;
    await apiCall(page, 'reminders.setForVisit', { visitId: booked.data.id, offsets: ['5m'], channel: 'voice' });
    return;
  }
  throw new Error('nobody at Rīga is free in five minutes');
}

test('a trunk pointed at sipp: the test call, then a due reminder turns its visit green live, and one billable call (English)', async ({ page }) => {
  test.setTimeout(240_000);
  await loginAs(page, server.url, 'owner');
  await language(page, 'English', 'en');
  await page.getByTestId('nav-reminders').click();
  await page.getByTestId('rem-trunk-enabled').check();
  await page.getByTestId('rem-trunk-host').fill('127.0.0.1');
  await page.getByTestId('rem-trunk-port').fill(String(sipp.port));
  await page.getByTestId('reminders-save').click();
  await expect(page.getByTestId('reminders-saved')).toBeVisible();

  // The test call: its progress arrives as it happens, ending with the key sipp pressed.
  await page.getByTestId('rem-test-number').fill('+371 2000 0999');
  await page.getByTestId('rem-test-dial').click();
  const progress = page.getByTestId('rem-test-progress');
  await expect(progress).toHaveAttribute('data-state', 'ended', { timeout: 30_000 });
  await expect(page.getByTestId('rem-test-outcome')).toHaveText(en.remindersUi.outcome.confirmed);
  await expect(page.getByTestId('rem-test-detail')).toContainText('Key: 1');
  await page.getByTestId('rem-test-call').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, 'reminders-testcall-en');

  // A visit whose reminder is due within a minute, watched on the calendar from before the call.
  const name = `Reminded ${tag}`;
  await bookDueVisit(page, name);
  await page.getByTestId('nav-calendar').click();
  await listView(page);
  const event = page.getByTestId('vcal-event').filter({ hasText: name });
  await expect(event).toHaveAttribute('data-reminder', 'none');
  await expect(event).toHaveAttribute('data-reminder', 'will_come', { timeout: 150_000 });
  await event.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, 'reminders-green-en');

  // The card: the reminder answered, and its one attempt — key 1, billable.
  await event.getByTestId('ev-time').click();
  const card = page.getByTestId('visit-reminders');
  await expect(card.getByTestId('visit-rem-row')).toHaveAttribute('data-state', 'confirmed');
  const attempt = card.getByTestId('visit-attempt');
  await expect(attempt).toHaveCount(1);
  await expect(attempt).toHaveAttribute('data-outcome', 'confirmed');
  await expect(attempt).toContainText(en.remindersUi.outcome.confirmed);
  await expect(attempt.getByRole('cell').nth(2)).toHaveText('1');
  await expect(attempt.getByRole('cell').nth(4)).toHaveText(en.remindersUi.attempt.yes);
  await shot(page, 'reminders-visit-card-en');
  await page.keyboard.press('Escape');

  // The month's usage: the reminder is the one billable call (a test call is never billed).
  await page.getByTestId('nav-reminder-usage').click();
  const total = page.getByTestId('rem-usage-table').getByRole('row').last();
  await expect(total.getByRole('cell').nth(2)).toHaveText('1');
  await expect(total.getByRole('cell').nth(4)).toHaveText('1');
  await shot(page, 'reminders-usage-en');
  const text = await printed(page, 'rem-usage-pdf-print', 'reminders-usage-pdf-en');
  expect(text).toMatch(/Rīga\s+1\s+1\s+0\s+1\s+0\s+0/);
  expect(text).not.toContain('reminders.usage.');
  await sipp.passed();
});

test('the same, read in Latvian: the coloured week, the visit card and the usage report on paper', async ({ page }) => {
  test.setTimeout(120_000);
  await loginAs(page, server.url, 'owner');
  await language(page, 'Latviešu', 'lv');
  await page.getByTestId('nav-calendar').click();
  await listView(page);
  const event = page.getByTestId('vcal-event').filter({ hasText: `Reminded ${tag}` });
  await expect(event).toHaveAttribute('data-reminder', 'will_come');
  await event.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, 'reminders-green-lv');
  await event.getByTestId('ev-time').click();
  await expect(page.getByTestId('visit-attempt')).toContainText(lv.remindersUi.outcome.confirmed);
  await expect(page.getByTestId('visit-reminders')).toContainText(lv.remindersUi.state.confirmed);
  await shot(page, 'reminders-visit-card-lv');
  await page.keyboard.press('Escape');
  await page.getByTestId('nav-reminder-usage').click();
  await expect(page.getByTestId('rem-usage-table').getByRole('row').last()).toContainText(lv.reminders.usage.total);
  await shot(page, 'reminders-usage-lv');
  const text = await printed(page, 'rem-usage-pdf-print', 'reminders-usage-pdf-lv');
  expect(text).toMatch(/Rīga\s+1\s+1\s+0\s+1\s+0\s+0/);
  expect(text).not.toContain('reminders.usage.');
});
