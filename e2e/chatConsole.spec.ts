import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import hy from '../src/shared/i18n/hy.json' with { type: 'json' };
import { apiCall, expect, loginAs, shot, startPlanora, test, type PlanoraServer } from './fixtures';
import { chooseLanguage } from './languages';
import { startSite, observedContext, notes, notices, type TestSite } from './chatSite';
import { startHub, type TestHub } from './syncHub';

/**
 * The operator console as its people meet it, with two browsers: a visitor on a clinic's own page carrying the widget,
 * and an operator in the desktop's web mode registered with the hub (main holds the operator's socket; the page talks
 * only to main). Questionnaire → proof of work → a message with XSS payloads → red in the console with its IP, page and
 * answers, a chime and a notification → a reply quoting it → the visitor sees it → the reply deleted → gone for the
 * visitor → a reload shows exactly the conversation; the client's card shows the chat. In English and in Armenian.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1366, height: 900 } });

const PASSWORD = 'owner-pass-1';
const XSS = ['<img src=x onerror=alert(1)>', '<svg onload=alert(1)>', 'javascript:alert(1)'];

let hub: TestHub;
let desk: PlanoraServer & { stop(): Promise<void> };
let site: TestSite;
let siteUrl: string;
let orgId: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  [hub, desk] = await Promise.all([startHub(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planora-e2e-console-hub-')), 'hub.db')), startPlanora()]);
  site = await startSite();
  siteUrl = site.url;
});

test.afterAll(async () => {
  await hub?.stop();
  await desk?.stop();
  site?.close();
});


for (const [code, cat, name] of [['en', en, 'English'], ['hy', hy, 'Հայերեն']] as const) {
  test(`a visitor writes, the operator answers with a quote and deletes it, from the console (${code})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const w = cat.chatWidget;
    const c = cat.chatConsole;
    const operatorContext = await observedContext(browser);
    const op = await operatorContext.newPage();

    if (code === 'en') {
      // The desk: an organization set up, registered with the hub, its people pushed there.
      await op.goto(desk.url);
      await apiCall(op, 'setup.run', { orgName: 'Klīnika Smaids', country: 'LV', timeZone: 'Europe/Riga', languages: ['lv', 'en', 'hy'], branchName: 'Rīga', ownerName: 'Ilze Kalniņa', ownerLogin: 'owner', ownerPassword: PASSWORD, ownerLanguage: 'en' });
      await op.goto(`${desk.url}/#/home`);
      await op.reload();
      await expect(op.getByTestId('current-user')).toBeVisible();
      // Before a hub: the console says so plainly.
      await op.goto(`${desk.url}/#/chat`);
      await expect(op.getByTestId('chat-link')).toHaveAttribute('data-link', 'no_hub');
      await expect(op.getByTestId('chat-no-hub')).toHaveText(c.noHub);
      await apiCall(op, 'sync.register', { hubUrl: hub.url, code: hub.code('--new-org', 'Klīnika Smaids'), deviceName: 'Rīga desk' });
      await apiCall(op, 'sync.now', {});
      orgId = (await apiCall<{ orgId: string }>(op, 'auth.me', {})).orgId;
    } else {
      await loginAs(op, `${desk.url}/#/home`, 'owner', PASSWORD);
    }
    await chooseLanguage(op, { code, name });
    await op.goto(`${desk.url}/#/chat`);
    await expect(op.getByTestId('chat-link')).toHaveAttribute('data-link', 'connected', { timeout: 30_000 });
    await expect(op.getByTestId('chat-link')).toHaveText(c.link.connected);

    // The visitor, on the clinic's page.
    site.page(
      `implants-${code}.html`,
      `<!doctype html><html lang="${code}"><head><meta charset="utf-8"><title>Implants</title></head>
<body><h1>Klīnika Smaids</h1><p>Implants.</p><script src="${hub.url}/chat/widget.js" data-org="${orgId}" async></script></body></html>`,
    );
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    const dialogs: string[] = [];
    for (const p of [visitor, op]) p.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    await visitor.goto(`${siteUrl}/implants-${code}.html`);
    const widget = visitor.locator('.planora-chat');
    await widget.getByRole('button', { name: w.open }).click();
    await widget.getByRole('button', { name: w.start }).click();
    const visitorName = code === 'hy' ? 'Արամ Պետրոսյան' : 'Jane Miller';
    const phone = code === 'hy' ? '+374 91 234567' : '+371 2612 3456';
    await widget.getByLabel(w.name).fill(visitorName);
    await widget.getByLabel(w.phone).fill(phone);
    await widget.getByLabel(w.email).fill(`${code}.visitor@example.test`);
    // No topics were set on the desk, so the topic is not asked (the widget's defaults).
    await expect(widget.getByLabel(w.topic)).toHaveCount(0);
    await widget.getByRole('button', { name: w.start }).click();
    const box = widget.getByPlaceholder(w.placeholder);
    await expect(box).toBeVisible({ timeout: 60_000 });
    const first = code === 'hy' ? 'Բարև, որքա՞ն արժե իմպլանտը։' : 'Hello, how much is an implant?';
    await box.fill(first);
    await box.press('Enter');
    const payload = XSS.join('\n');
    await box.fill(payload);
    await box.press('Enter');
    await expect(widget.locator('.msg.visitor')).toHaveCount(2);

    // The console: red, with the answers, the IP and the page; a chime for each message, a notification for the chat.
    const row = op.getByTestId('chat-row').filter({ hasText: visitorName });
    await expect(row).toHaveAttribute('data-unanswered', '1', { timeout: 20_000 });
    await row.click();
    await expect(op.getByTestId('chat-answer-name')).toHaveText(visitorName);
    await expect(op.getByTestId('chat-answer-phone')).toHaveText(phone);
    await expect(op.getByTestId('chat-ip')).toHaveText('127.0.0.1');
    await expect(op.getByTestId('chat-page')).toHaveText(`${siteUrl}/implants-${code}.html`);
    const msgs = op.getByTestId('chat-msg');
    await expect(msgs).toHaveCount(2);
    await expect(msgs.nth(1).getByTestId('chat-msg-text')).toHaveText(payload);
    // Date and time to the second.
    await expect(msgs.first().getByTestId('chat-msg-time')).toHaveText(/\d{2}:\d{2}:\d{2}/);
    await expect.poll(() => notes(op)).toBeGreaterThanOrEqual(4);
    await expect.poll(() => notices(op)).toEqual([`${c.notifyTitle}|${c.notifyBody}`]);
    expect(await op.locator('[data-testid=chat-thread] img, [data-testid=chat-thread] svg:not(.mantine-ActionIcon-icon *), [data-testid=chat-thread] a[href^=javascript]').count()).toBe(0);
    await shot(op, `chat-console-unanswered-${code}`);

    // A quote from the keyboard: the first message chosen, Q, the answer typed, Enter.
    await op.getByTestId('chat-thread').focus();
    await op.keyboard.press('ArrowDown');
    await op.keyboard.press('q');
    await expect(op.getByTestId('chat-reply-quote')).toContainText(first);
    await expect(op.getByTestId('chat-reply')).toBeFocused();
    const reply = code === 'hy' ? 'Բարև Ձեզ։ Իմպլանտն արժե 350 000 դրամ։' : 'Hello! An implant is 650 euros.';
    await op.keyboard.type(reply);
    await op.keyboard.press('Enter');
    await expect(msgs).toHaveCount(3);
    await expect(msgs.nth(2).getByTestId('chat-msg-quoted')).toHaveText(first);
    await expect(row).toHaveAttribute('data-unanswered', '0');
    const shown = widget.locator('.msg.operator', { hasText: reply });
    await expect(shown).toBeVisible();
    await expect(shown.locator('.quote')).toContainText(first);
    await shot(op, `chat-console-answered-${code}`);
    await shot(visitor, `chat-console-widget-reply-${code}`);

    // The visitor types: the operator sees it.
    await box.fill('…');
    await expect(op.getByTestId('chat-visitor-typing')).toHaveText(c.visitorTyping);

    // A mistake, deleted: gone for the visitor too.
    const mistake = code === 'hy' ? 'Սխալմամբ ուղարկված' : 'Sent by mistake';
    await op.getByTestId('chat-reply').fill(mistake);
    await op.getByTestId('chat-reply').press('Enter');
    await expect(widget.locator('.msg.operator', { hasText: mistake })).toBeVisible();
    await op.getByTestId('chat-msg').filter({ hasText: mistake }).getByTestId('chat-msg-delete').click();
    await expect(op.getByTestId('chat-delete-dialog')).toContainText(c.deleteMessage);
    await op.getByTestId('chat-delete-dialog-ok').click();
    await expect(msgs.nth(3)).toHaveClass(/is-deleted/);
    await expect(msgs.nth(3).getByTestId('chat-msg-text')).toHaveText(c.deletedMessage);
    await expect(widget.locator('.msg.operator', { hasText: mistake })).toHaveCount(0);

    // The visitor reloads: exactly the conversation, the deleted reply absent.
    await visitor.reload();
    await visitor.locator('.planora-chat').getByRole('button', { name: w.open }).click();
    await expect(visitor.locator('.planora-chat .msg .text')).toHaveText([first, payload, reply]);
    await shot(visitor, `chat-console-widget-reloaded-${code}`);
    expect(dialogs).toEqual([]);

    // The client's card: the chat found by the questionnaire's phone.
    await apiCall(op, 'clients.create', { kind: 'person', name: visitorName, phones: [{ number: phone }], emails: [], addresses: [], contacts: [] });
    await op.getByTestId('nav-clients').click();
    await op.getByTestId('clients-search').fill(visitorName);
    await op.locator('.ag-row [col-id=name]', { hasText: visitorName }).first().dblclick();
    const chats = op.getByTestId('client-form').getByTestId('client-chats');
    await expect(chats).toContainText(c.historyTitle);
    await expect(chats.getByTestId('client-chat')).toHaveCount(1);
    await expect(chats.getByTestId('client-chat-line').last()).toContainText(c.deletedMessage);
    await shot(op, `chat-console-client-card-${code}`);
    await op.keyboard.press('Escape');

    // Closed from the console: the visitor is told.
    await op.goto(`${desk.url}/#/chat`);
    await op.getByTestId('chat-row').filter({ hasText: visitorName }).click();
    await op.getByTestId('chat-close').click();
    await expect(visitor.locator('.planora-chat').getByText(w.closed)).toBeVisible();
    await visitorContext.close();
    await operatorContext.close();
  });
}
