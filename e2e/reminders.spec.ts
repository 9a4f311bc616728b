import type { Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lv from '../src/shared/i18n/lv.json' with { type: 'json' };
import { expectAccessible } from './a11y';
import { apiAnswer, apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

/**
 * The reminder calls' settings and usage screens as an owner meets them, in English and Latvian: the trunk and the
 * policy saved and read back (the password never shown, only "set"), bad input refused with the translated message
 * and nothing changed, a branch's own offsets, and the month's usage per branch.
 */
const server = demoServer({ demoSize: 0 });
test.use({ viewport: { width: 1366, height: 900 } });

interface Settings {
  policy: { quietStart: string; quietEnd: string; offsets: string[]; channel: string; retryLongMin: number };
  dailyCap: number;
  trunk: Record<string, unknown> & { host: string; port: number; transport: string; user: string; hasPassword: boolean };
  branches: { branchName: string; offsets: string[] | null; channel: string | null }[];
}

async function language(page: Page, name: string, code: string) {
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name, exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', code);
}

/** A second of a 440 Hz tone as a 16-bit mono WAV at 22.05 kHz: main converts any rate to 8 kHz. */
function toneWav(seconds = 1, rate = 22_050): Buffer {
  const n = Math.round(seconds * rate);
  const b = Buffer.alloc(44 + n * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + n * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return b;
}

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('an owner sets up the trunk and the policy; they read back, the password only as "set" (English)', async ({ page }) => {
  await loginAs(page, server.url, 'owner');
  await language(page, 'English', 'en');
  await page.getByTestId('nav-reminders').click();
  await expect(page.getByRole('heading', { level: 1, name: en.remindersUi.title })).toBeVisible();
  await expect(page.getByTestId('rem-not-configured')).toHaveText(en.remindersUi.notConfigured);

  await page.getByTestId('rem-trunk-enabled').check();
  await page.getByTestId('rem-trunk-host').fill('sip.example.test');
  await page.getByTestId('rem-trunk-port').fill('5070');
  await pick(page, 'rem-trunk-transport', 'TCP');
  await page.getByTestId('rem-trunk-user').fill('clinic');
  await page.getByTestId('rem-trunk-password').fill('s3cret-pass');
  await pick(page, 'rem-trunk-callerid', en.remindersUi.callerId.pai);
  await page.getByTestId('rem-quiet-start').fill('22:00');
  await page.getByTestId('rem-quiet-end').fill('08:30');
  await page.getByTestId('rem-offsets').fill('2h');
  await page.getByTestId('rem-offsets').press('Enter');
  await pick(page, 'rem-channel', en.remindersUi.channel.voice_then_sms);
  // Rīga calls three hours before, by SMS: the branch's own choice.
  const riga = page.getByTestId('rem-branches').getByRole('row').filter({ hasText: 'Rīga' });
  await riga.getByRole('checkbox', { name: en.remindersUi.ownOffsets }).check();
  await riga.getByRole('combobox', { name: `${en.remindersUi.offsets} · Rīga` }).fill('3h');
  await riga.getByRole('combobox', { name: `${en.remindersUi.offsets} · Rīga` }).press('Enter');
  await expectAccessible(page, 'reminder settings (en)');
  await page.getByTestId('reminders-save').click();
  await expect(page.getByTestId('reminders-saved')).toBeVisible();
  await expect(page.getByTestId('rem-not-configured')).toHaveCount(0);

  const saved = await apiCall<Settings>(page, 'reminders.settings', {});
  expect(saved.trunk).toMatchObject({ enabled: true, host: 'sip.example.test', port: 5070, transport: 'tcp', user: 'clinic', hasPassword: true, callerIdMode: 'pai' });
  expect(JSON.stringify(saved)).not.toContain('s3cret-pass');
  expect(saved.policy).toMatchObject({ quietStart: '22:00', quietEnd: '08:30', offsets: ['1d', '2h'], channel: 'voice_then_sms' });
  expect(saved.branches.find((b) => b.branchName === 'Rīga')).toMatchObject({ offsets: ['3h'], channel: null });

  // Read again from main: the values are there, the password is not, only that one is set.
  await page.reload();
  await expect(page.getByTestId('rem-trunk-host')).toHaveValue('sip.example.test');
  await expect(page.getByTestId('rem-trunk-port')).toHaveValue('5070');
  await expect(page.getByTestId('rem-trunk-password')).toHaveValue('');
  await expect(page.getByTestId('rem-trunk-password')).toHaveAttribute('placeholder', en.remindersUi.passwordSet);
  await expect(page.getByTestId('rem-quiet-start')).toHaveValue('22:00');
  await expect(page.getByTestId('rem-offsets').locator('..')).toContainText('2h');
  await shot(page, 'reminders-settings-en');

  // The greeting in the organization's own voice: uploaded, heard in the sample message, then deleted again.
  const greeting = page.getByTestId('rem-phrase-greeting');
  await expect(page.getByTestId('rem-phrase-greeting-state')).toHaveText(en.remindersUi.synthesized);
  await greeting.locator('input[type=file]').setInputFiles({ name: 'not-a-recording.wav', mimeType: 'audio/wav', buffer: Buffer.from('hello, this is text') });
  await expect(page.getByTestId('rem-prompt-error')).toHaveText(en.prompts.errors.notWav);
  await greeting.locator('input[type=file]').setInputFiles({ name: 'greeting.wav', mimeType: 'audio/wav', buffer: toneWav() });
  await expect(page.getByTestId('rem-phrase-greeting-state')).toContainText('greeting.wav');
  await expect(page.getByTestId('rem-prompt-error')).toHaveCount(0);
  await page.getByTestId('rem-play').click();
  await expect(page.getByTestId('rem-sample-audio')).toBeVisible();
  expect(Number(await page.getByTestId('rem-sample-audio').getAttribute('data-seconds'))).toBeGreaterThan(2);
  await page.getByTestId('rem-phrase-greeting').scrollIntoViewIfNeeded();
  await shot(page, 'reminders-prompts-en');
  await page.getByTestId('rem-phrase-greeting-delete').click();
  await expect(page.getByTestId('rem-phrase-greeting-state')).toHaveText(en.remindersUi.synthesized);

  // Saving something else keeps the stored password (blank keeps it).
  await page.getByTestId('rem-trunk-channels').fill('6');
  await page.getByTestId('reminders-save').click();
  await expect(page.getByTestId('reminders-saved')).toBeVisible();
  expect((await apiCall<Settings>(page, 'reminders.settings', {})).trunk).toMatchObject({ channels: 6, hasPassword: true });
});

test('bad input is refused with the translated message and nothing changes (English)', async ({ page }) => {
  await loginAs(page, server.url, 'owner');
  await language(page, 'English', 'en');
  await page.getByTestId('nav-reminders').click();
  const before = await apiCall<Settings>(page, 'reminders.settings', {});
  // The form checks what main checks: quiet hours that start when they end.
  await page.getByTestId('rem-quiet-end').fill('22:00');
  await page.getByTestId('reminders-save').click();
  await expect(page.getByText(en.errors.quiet_hours_empty)).toBeVisible();
  // Main's own refusal lands on its field: calls switched on without a host.
  await page.getByTestId('rem-quiet-end').fill('08:30');
  await page.getByTestId('rem-trunk-host').fill('');
  await page.getByTestId('reminders-save').click();
  await expect(page.getByText(en.reminders.errors.trunk_host_required)).toBeVisible();
  // A typed offset out of range.
  await page.getByTestId('rem-trunk-host').fill('sip.example.test');
  await page.getByTestId('rem-offsets').fill('30d');
  await page.getByTestId('rem-offsets').press('Enter');
  await page.getByTestId('reminders-save').click();
  await expect(page.getByText(en.errors.reminder_offset)).toBeVisible();
  expect(await apiCall<Settings>(page, 'reminders.settings', {})).toEqual(before);
});

test('the same screens in Latvian: a refusal in Latvian, and the month’s usage per branch', async ({ page }) => {
  await loginAs(page, server.url, 'owner');
  await language(page, 'Latviešu', 'lv');
  await page.getByTestId('nav-reminders').click();
  await expect(page.getByRole('heading', { level: 1, name: lv.remindersUi.title })).toBeVisible();
  await expect(page.getByTestId('rem-trunk-password')).toHaveAttribute('placeholder', lv.remindersUi.passwordSet);
  const before = await apiCall<Settings>(page, 'reminders.settings', {});
  await page.getByTestId('rem-quiet-start').fill('08:30');
  await page.getByTestId('reminders-save').click();
  await expect(page.getByText(lv.errors.quiet_hours_empty)).toBeVisible();
  expect(await apiCall<Settings>(page, 'reminders.settings', {})).toEqual(before);
  await page.getByRole('button', { name: lv.common.cancel }).click();
  await shot(page, 'reminders-settings-lv');

  await page.getByTestId('nav-reminder-usage').click();
  await expect(page.getByRole('heading', { level: 1, name: lv.remindersUi.usage.title })).toBeVisible();
  const table = page.getByTestId('rem-usage-table');
  await expect(table).toContainText(lv.reminders.usage.billable);
  await expect(table.getByRole('row').last()).toContainText(lv.reminders.usage.total);
  await expectAccessible(page, 'reminder usage (lv)');
  await shot(page, 'reminders-usage-lv');
});

test('an administrator sees the daily limit but cannot raise it: the field is read-only and main refuses it too', async ({ page }) => {
  await loginAs(page, server.url, 'admin');
  await language(page, 'English', 'en');
  await page.getByTestId('nav-reminders').click();
  await expect(page.getByTestId('rem-daily-cap')).toHaveAttribute('readonly', '');
  await expect(page.getByText(en.remindersUi.capOwnerOnly)).toBeVisible();
  // What the form would never send, sent anyway: refused with its reason, nothing stored.
  const before = await apiCall<Settings & Record<string, unknown>>(page, 'reminders.settings', {});
  const input = {
    policy: { ...before.policy },
    dailyCap: before.dailyCap + 10,
    trunk: Object.fromEntries(Object.entries(before.trunk).filter(([k]) => !['hasPassword', 'note'].includes(k))),
    branches: [],
  };
  const answer = await apiAnswer(page, 'reminders.saveSettings', input);
  expect(answer).toMatchObject({ ok: false, error: { key: 'reminders.errors.cap_owner_only', field: 'dailyCap' } });
  expect(await apiCall<Settings>(page, 'reminders.settings', {})).toEqual(before);
});
