import en from '../src/shared/i18n/en.json' with { type: 'json' };
import hy from '../src/shared/i18n/hy.json' with { type: 'json' };
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';
import { chooseLanguage } from './languages';

/**
 * The website chat's settings as the demo's people meet them: a manager reads the demo's routing and questionnaire,
 * is refused a questionnaire that asks for no contact (nothing saved), saves a change and sets a technician's level;
 * an employee reads it all without being able to change it. In English and Armenian.
 */
const server = demoServer({ demoSize: 30 });

interface Settings {
  org: { version: number; escalateAfterMinutes: number; questionnaire: Record<string, string>; strategy: string; logoUrl: string | null };
  operators: { name: string; experience: number; cost: number; photoUrl: string | null }[];
}

async function pick(page: import('@playwright/test').Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('a manager reads the demo’s chat settings, is refused a questionnaire without a contact, then saves (English)', async ({ page }) => {
  await loginAs(page, server.url, 'manager.riga');
  await chooseLanguage(page, { code: 'en', name: 'English' });
  await page.getByTestId('nav-chat-settings').click();
  await expect(page.getByRole('heading', { name: en.chatSettings.title })).toBeVisible();
  // The demo's organization: cheapest first with escalation, a questionnaire and topics, levels per person.
  await expect(page.getByTestId('chat-strategy')).toHaveValue(en.chatSettings.strategies.cheapest_first);
  await expect(page.getByText(en.chatSettings.strategyHint.cheapest_first)).toBeVisible();
  await expect(page.getByTestId('chat-escalate')).toHaveValue('5');
  await expect(page.getByTestId('chat-topics')).toHaveValue(/Remonta izsaukums\nApkopes līgums/);
  await expect(page.getByTestId('chat-greeting-hy')).toHaveValue(/Բարև Ձեզ/);
  await expect(page.getByTestId('chat-experience-Rūta Petrauskienė')).toHaveValue(en.chatSettings.levels.experience['2']);
  await expect(page.getByTestId('chat-cost-Rūta Petrauskienė')).toHaveValue(en.chatSettings.levels.cost['1']);
  await expect(page.getByTestId('chat-operators').getByRole('row')).toHaveCount(13);
  // The managers get a text message when a chat starts; someone without a mobile number cannot ask for one.
  await expect(page.getByTestId('chat-sms-Ольга Смирнова')).toBeChecked();
  await expect(page.getByTestId('chat-sms-Ольга Смирнова')).toBeEnabled();
  await expect(page.getByTestId('chat-sms-Rūta Petrauskienė')).toBeDisabled();

  // Neither phone nor e-mail asked: refused with the reason, and nothing is saved.
  const before = await apiCall<Settings>(page, 'chatSettings.get', {});
  await pick(page, 'chat-field-phone', en.chatSettings.mode.off);
  await pick(page, 'chat-field-email', en.chatSettings.mode.off);
  await page.getByTestId('chat-org-save').click();
  await expect(page.getByRole('alert')).toContainText(en.errors.chat_contact_needed);
  expect((await apiCall<Settings>(page, 'chatSettings.get', {})).org).toEqual(before.org);
  await shot(page, 'chat-settings-refused-en');

  await pick(page, 'chat-field-phone', en.chatSettings.mode.required);
  await page.getByTestId('chat-escalate').fill('10');
  await pick(page, 'chat-strategy', en.chatSettings.strategies.experienced_first);
  await page.getByTestId('chat-org-save').click();
  await expect(page.getByTestId('chat-org-saved')).toBeVisible();
  const after = await apiCall<Settings>(page, 'chatSettings.get', {});
  expect(after.org).toMatchObject({ version: before.org.version + 1, escalateAfterMinutes: 10, strategy: 'experienced_first', questionnaire: { phone: 'required', email: 'off' } });

  // The widget's logo: an address that is not https is refused on its field, translated, and nothing is saved.
  await expect(page.getByTestId('chat-logo-url')).toHaveValue('https://www.serviss-demo.lv/logo.png');
  await page.getByTestId('chat-logo-url').fill('http://www.serviss-demo.lv/logo.png');
  await page.getByTestId('chat-org-save').click();
  await expect(page.getByText(en.errors.chat_picture_https)).toBeVisible();
  expect((await apiCall<Settings>(page, 'chatSettings.get', {})).org).toEqual(after.org);
  await page.getByTestId('chat-logo-url').fill('https://www.serviss-demo.lv/img/logo-2026.svg');
  await page.getByTestId('chat-org-save').click();
  await expect(page.getByTestId('chat-org-saved')).toBeVisible();
  expect((await apiCall<Settings>(page, 'chatSettings.get', {})).org.logoUrl).toBe('https://www.serviss-demo.lv/img/logo-2026.svg');

  // A technician's photo, saved when the field is left; a wrong address is refused by name and not kept.
  const photo = page.getByTestId('chat-photo-Kārlis Zariņš');
  await photo.fill('ftp://www.serviss-demo.lv/team/karlis.jpg');
  await photo.press('Tab');
  await expect(page.getByRole('alert')).toContainText(en.errors.chat_picture_https);
  await photo.fill('https://www.serviss-demo.lv/team/karlis.jpg');
  await photo.press('Tab');
  await expect.poll(async () => (await apiCall<Settings>(page, 'chatSettings.get', {})).operators.find((o) => o.name === 'Kārlis Zariņš')?.photoUrl).toBe('https://www.serviss-demo.lv/team/karlis.jpg');

  // A technician's experience, saved as it is chosen, still there after a reload.
  await pick(page, 'chat-experience-Kārlis Zariņš', en.chatSettings.levels.experience['5']);
  await expect.poll(async () => (await apiCall<Settings>(page, 'chatSettings.get', {})).operators.find((o) => o.name === 'Kārlis Zariņš')?.experience).toBe(5);
  await page.reload();
  await expect(page.getByTestId('chat-experience-Kārlis Zariņš')).toHaveValue(en.chatSettings.levels.experience['5']);
  await expect(page.getByTestId('chat-escalate')).toHaveValue('10');
  await shot(page, 'chat-settings-en');
});

test('in Armenian: the manager’s screen speaks it and names a topic listed twice', async ({ page }) => {
  await loginAs(page, server.url, 'manager.yerevan');
  await chooseLanguage(page, { code: 'hy', name: 'Հայերեն' });
  await page.getByTestId('nav-chat-settings').click();
  await expect(page.getByRole('heading', { name: hy.chatSettings.title })).toBeVisible();
  await expect(page.getByTestId('chat-strategy')).toHaveValue(hy.chatSettings.strategies.experienced_first);
  await expect(page.getByText(hy.chatSettings.questionnaire, { exact: true })).toBeVisible();
  await expect(page.getByTestId('chat-experience-Դավիթ Հակոբյան')).toHaveValue(hy.chatSettings.levels.experience['3']);
  await expect(page.getByLabel(hy.chatSettings.logoUrl)).toHaveValue(/^https:\/\//);
  // A topic listed twice is refused, named, in Armenian.
  const topics = page.getByTestId('chat-topics');
  await topics.fill(`${await topics.inputValue()}\nremonta izsaukums`);
  await page.getByTestId('chat-org-save').click();
  await expect(page.getByRole('alert')).toContainText(hy.errors.chat_topic_twice.replace('{{topic}}', 'remonta izsaukums'));
  await shot(page, 'chat-settings-hy');
  await page.getByRole('button', { name: hy.common.cancel }).click();
  await expect(page.getByTestId('chat-topics')).not.toHaveValue(/remonta izsaukums$/);
});

test('in Armenian, an employee reads the settings without being able to change them', async ({ page }) => {
  await loginAs(page, `${server.url}/#/chat-settings`, 'tech.yerevan');
  await chooseLanguage(page, { code: 'hy', name: 'Հայերեն' });
  await expect(page.getByTestId('chat-read-only')).toHaveText(hy.chatSettings.readOnly);
  await expect(page.getByTestId('chat-org-save')).toHaveCount(0);
  await expect(page.getByTestId('chat-sms-Արամ Պետրոսյան')).toBeDisabled();
  await expect(page.getByTestId('chat-sms-Արամ Պետրոսյան')).toBeChecked();
  await shot(page, 'chat-settings-readonly-hy');
});
