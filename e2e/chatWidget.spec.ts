import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import hy from '../src/shared/i18n/hy.json' with { type: 'json' };
import { ChatClient } from '../src/hub/testing/chatClient';
import { expect, shot, test } from './fixtures';
import { notes, observedContext, startSite, type TestSite } from './chatSite';
import { startHub, type TestHub } from './syncHub';

/**
 * The website chat as a visitor meets it: a clinic's own page (another origin than the hub's) carries the one script
 * tag; the visitor answers the questionnaire, the browser solves the proof of work, writes — real XSS payloads among
 * the words — and an operator answers over the operator's socket (from the test, as the desktop's main process will).
 * The reply is shown with its quote and a chime, a deleted reply disappears, a reload shows the same conversation.
 * In English and in Armenian (the page's own `lang`).
 */
test.describe.configure({ mode: 'serial' });

const XSS = ['<img src=x onerror=alert(1)>', '<svg onload=alert(2)>', '<a href="javascript:alert(3)">click</a>', '"><script>alert(4)</script>', '<iframe src="javascript:alert(5)"></iframe>'];
const ANNA = 'user-anna';

let hub: TestHub;
let site: TestSite;
let siteUrl: string;
let device: { key: string };
let orgId: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  hub = await startHub(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planora-e2e-chat-hub-')), 'hub.db'));
  const setup = execFileSync(process.execPath, ['--import', 'tsx', 'e2e/chatHubSetup.ts', hub.url, hub.code('--new-org', 'Klīnika Smaids')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const made = JSON.parse(setup.toString().trim().split('\n').pop()!) as { orgId: string; key: string };
  orgId = made.orgId;
  device = { key: made.key };
  site = await startSite();
  siteUrl = site.url;
});

test.afterAll(async () => {
  await hub?.stop();
  site?.close();
});

for (const [code, cat] of [['en', en], ['hy', hy]] as const) {
  test(`a visitor chats with an operator (${code})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const t = cat.chatWidget;
    site.page(
      `prices-${code}.html`,
      `<!doctype html><html lang="${code}"><head><meta charset="utf-8"><title>Prices</title>
<style>body{font-family:Georgia;background:#fbf7f0} h1{color:#7a2d00} div,button,input{color:red!important;font-size:40px!important}</style></head>
<body><h1>Klīnika Smaids</h1><p>Prices of our services.</p>
<script src="${hub.url}/chat/widget.js" data-org="${orgId}" async></script></body></html>`,
    );
    // The browser's own audio API, observed: every oscillator started is a note of the chime.
    const context = await observedContext(browser);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${siteUrl}/prices-${code}.html`);
    const widget = page.locator('.planora-chat');
    await widget.getByRole('button', { name: t.open }).click();
    // No operator's socket yet (the first run): the visitor is told when to expect an answer.
    if (code === 'en') await expect(widget.getByText(t.offline)).toBeVisible();
    await expect(widget.getByText(t.intro)).toBeVisible();
    await widget.getByRole('button', { name: t.start }).click();
    await expect(widget.getByText(`${t.name}: ${t.required}`)).toBeVisible();
    await shot(page, `chat-widget-questionnaire-${code}`);

    const op = await ChatClient.operator(hub.url, device, ANNA);
    op.send({ t: 'list' });
    const list = await op.next((f) => f.t === 'conversations');
    op.send({ t: 'resume', after: list.rev as number });

    await widget.getByLabel(t.name).fill(code === 'hy' ? 'Արամ Պետրոսյան' : 'Jane Miller');
    await widget.getByLabel(t.phone).fill('+374 10 123456');
    await widget.getByLabel(t.email).fill(`${code}.visitor@example.test`);
    await widget.getByLabel(t.topic).selectOption({ index: 1 });
    await widget.getByRole('button', { name: t.start }).click();
    const box = widget.getByPlaceholder(t.placeholder);
    await expect(box).toBeVisible({ timeout: 60_000 });
    await expect(widget.getByText(t.online)).toBeVisible();

    const first = code === 'hy' ? 'Բարև, որքա՞ն արժե ատամների մաքրումը։' : 'Hello, how much is a dental cleaning?';
    await box.fill(first);
    await box.press('Enter');
    const payload = XSS.join('\n');
    await box.fill(payload);
    await widget.getByRole('button', { name: t.send }).click();

    const conv = await op.next((f) => f.t === 'conversation');
    const conversationId = (conv.conversation as { id: string }).id;
    expect(conv.conversation).toMatchObject({ page: `${siteUrl}/prices-${code}.html`, language: code, answers: { phone: '+374 10 123456', topic: 'Zobu higiēna / Dental hygiene' } });
    await op.next((f) => f.t === 'message' && f.seq === 2);
    expect(op.messages(conversationId).map((f) => f.text)).toEqual([first, payload]);
    await expect(widget.locator('.msg.visitor .text').nth(1)).toHaveText(payload);

    op.send({ t: 'typing', conversationId });
    await expect(widget.getByText(t.typing)).toBeVisible();
    const reply = code === 'hy' ? 'Բարև ձեզ։ Մաքրումն արժե 20 000 դրամ։' : 'Hello! A cleaning is 45 euros.';
    op.send({ t: 'reply', clientId: 'reply-0001', conversationId, text: reply, quoteSeq: 1 });
    const shown = widget.locator('.msg.operator', { hasText: reply });
    await expect(shown).toBeVisible();
    await expect(shown.locator('.quote')).toHaveText(`${t.quote}: ${first}`);
    // The answering person's name above the reply.
    await expect(shown.locator('.from')).toHaveText('Anna Kalniņa');
    await expect.poll(() => notes(page)).toBe(2);

    // The operator's own payloads come back as text too.
    op.send({ t: 'reply', clientId: 'reply-0002', conversationId, text: XSS[0]!, quoteSeq: 2 });
    await expect(widget.locator('.msg.operator .text', { hasText: XSS[0]! })).toBeVisible();
    op.send({ t: 'reply', clientId: 'reply-0003', conversationId, text: 'Sent by mistake', quoteSeq: null });
    const mistake = widget.locator('.msg.operator', { hasText: 'Sent by mistake' });
    await expect(mistake).toBeVisible();
    await shot(page, `chat-widget-talk-${code}`);
    op.send({ t: 'delete', clientId: 'delete-0003', conversationId, seq: 5 });
    await expect(mistake).toHaveCount(0);

    // Nothing typed ran: no dialog, no element made from a payload, in the widget or on the page.
    expect(dialogs).toEqual([]);
    expect(await widget.locator('.body img, .body svg, .body a, .body iframe, .body script').count()).toBe(0);
    await shot(page, `chat-widget-deleted-${code}`);

    // A reload: the same conversation, the deleted reply absent, no chime again for replies already heard.
    await page.reload();
    await widget.getByRole('button', { name: t.open }).click();
    await expect(widget.locator('.msg')).toHaveCount(4);
    await expect(widget.locator('.msg .text')).toHaveText([first, payload, reply, XSS[0]!]);
    expect(await notes(page)).toBe(0);
    expect(dialogs).toEqual([]);
    await shot(page, `chat-widget-reloaded-${code}`);
    op.send({ t: 'close', clientId: 'close-0001', conversationId });
    await expect(widget.getByText(t.closed)).toBeVisible();
    await op.close();
    await context.close();
  });
}
