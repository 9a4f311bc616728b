import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import hy from '../src/shared/i18n/hy.json' with { type: 'json' };
import { ChatClient } from '../src/hub/testing/chatClient';
import { expect, shot, test } from './fixtures';
import { startSite, type TestSite } from './chatSite';
import { startHub, type TestHub } from './syncHub';

/**
 * The widget as the organization's synced chat settings make it, on a clinic's real-looking page at desktop and phone
 * widths: the greeting in the visitor's language, the topics as a select, the status line on the branch's clock (a
 * config served by the test, in a visitor's browser in another zone), the logo then the answering person's photo and
 * name, an unread count on the closed launcher, the keyboard (Esc closes, Enter sends), and a reload that continues
 * the conversation showing each message once. In English and Armenian.
 */
test.describe.configure({ mode: 'serial' });

const ANNA = 'user-anna';
const TOPICS = ['Zobu higiēna / Dental hygiene', 'Implanti / Implants'];
const GREETING = { en: 'Hello! Ask us about prices, appointments or treatment.', hy: 'Բարև Ձեզ։ Հարցրեք գների, այցերի կամ բուժման մասին։' };

let hub: TestHub;
let site: TestSite;
let siteUrl: string;
let device: { key: string };
let orgId: string;

// The clinic's own pictures, where the settings point (served by the test in place of the clinic's site).
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#0f7c74"/><path d="M20 18c6-4 10 0 12 0s6-4 12 0c6 5 2 16-1 22-2 5-3 10-6 10-3 0-2-10-5-10s-2 10-5 10c-3 0-4-5-6-10-3-6-7-17-1-22z" fill="#fff"/></svg>`;
const PHOTO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#cfe3f5"/><stop offset="1" stop-color="#9cc2e6"/></linearGradient></defs><rect width="64" height="64" fill="url(#g)"/><circle cx="32" cy="25" r="12" fill="#e8b996"/><path d="M19 24c0-10 6-15 13-15s14 5 13 16c-2-6-6-8-13-8s-11 2-13 7z" fill="#6b3f22"/><path d="M8 64c2-14 12-20 24-20s22 6 24 20z" fill="#ffffff"/><path d="M26 44l6 8 6-8" fill="#0f7c74"/></svg>`;

function clinicPage(code: 'en' | 'hy'): string {
  const hyText = code === 'hy';
  return `<!doctype html><html lang="${code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Smaids — ${hyText ? 'Ատամնաբուժական կլինիկա' : 'Dental clinic'}</title>
<style>
*{box-sizing:border-box}body{margin:0;font-family:Georgia,serif;color:#23302e;background:#f7f5f0}
header{display:flex;justify-content:space-between;align-items:center;padding:18px 6vw;background:#fff;border-bottom:1px solid #e3ded3}
header b{font-size:24px;color:#0f7c74}nav a{margin-left:22px;color:#23302e;text-decoration:none}
.hero{padding:64px 6vw;background:linear-gradient(120deg,#0f7c74,#27a39a);color:#fff}.hero h1{font-size:40px;margin:0 0 12px}
.hero p{font-size:19px;max-width:560px}.cta{display:inline-block;margin-top:18px;padding:12px 22px;background:#fff;color:#0f7c74;border-radius:4px;font-weight:bold}
section{padding:40px 6vw}table{border-collapse:collapse;width:100%;max-width:720px;background:#fff}td{padding:12px;border-bottom:1px solid #eee}td:last-child{text-align:right}
footer{padding:28px 6vw;background:#23302e;color:#cfd8d6}
div,button,input{font-size:22px!important}
@media (max-width:600px){nav{display:none}.hero h1{font-size:30px}}
</style></head><body>
<header><b>Smaids</b><nav><a href="#">${hyText ? 'Ծառայություններ' : 'Services'}</a><a href="#">${hyText ? 'Գներ' : 'Prices'}</a><a href="#">${hyText ? 'Կապ' : 'Contact'}</a></nav></header>
<div class="hero"><h1>${hyText ? 'Առողջ ժպիտ ամբողջ ընտանիքի համար' : 'A healthy smile for the whole family'}</h1>
<p>${hyText ? 'Կանխարգելում, իմպլանտներ և հիգիենա Ռիգայում և Երևանում։' : 'Check-ups, implants and hygiene in Rīga and Yerevan, six days a week.'}</p><span class="cta">${hyText ? 'Գրանցվել' : 'Book a visit'}</span></div>
<section><h2>${hyText ? 'Գներ' : 'Prices'}</h2><table>
<tr><td>${hyText ? 'Պրոֆեսիոնալ մաքրում' : 'Professional cleaning'}</td><td>45 €</td></tr>
<tr><td>${hyText ? 'Իմպլանտ' : 'Dental implant'}</td><td>from 690 €</td></tr>
<tr><td>${hyText ? 'Սպիտակեցում' : 'Whitening'}</td><td>180 €</td></tr></table></section>
<footer>Smaids · Brīvības iela 40, Rīga · +371 6700 0000</footer>
<script src="${hub.url}/chat/widget.js" data-org="${orgId}" async></script></body></html>`;
}

// A hub for each test: a visitor's page makes a dozen public requests, and the hub limits them per address.
test.beforeEach(async () => {
  test.setTimeout(150_000);
  hub = await startHub(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planora-e2e-chat-hub-')), 'hub.db'));
  const setup = execFileSync(process.execPath, ['--import', 'tsx', 'e2e/chatHubSetup.ts', hub.url, hub.code('--new-org', 'Smaids')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const made = JSON.parse(setup.toString().trim().split('\n').pop()!) as { orgId: string; key: string };
  orgId = made.orgId;
  device = { key: made.key };
});

test.beforeAll(async () => {
  site = await startSite();
  siteUrl = site.url;
});

test.afterEach(async () => {
  await hub?.stop();
});

test.afterAll(() => {
  site?.close();
});

/** A visitor's browser far from the clinic (New York), so a time on the visitor's own clock would show. */
async function visitorContext(browser: import('@playwright/test').Browser, width = 1366, height = 800): Promise<BrowserContext> {
  const context = await browser.newContext({ timezoneId: 'America/New_York', viewport: { width, height } });
  await context.route('https://smaids.example/**', (route) => route.fulfill({ contentType: 'image/svg+xml', body: route.request().url().endsWith('logo.svg') ? LOGO : PHOTO }));
  return context;
}

/** The hub's config with its status replaced: what the hub sends once the working hours say when the staff answer. */
async function serveStatus(page: Page, status: Record<string, unknown>): Promise<void> {
  await page.route(`${hub.url}/chat/v1/config/**`, async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as Record<string, unknown>;
    await route.fulfill({ response: res, json: { ...body, online: false, status } });
  });
}

for (const [code, cat] of [['en', en], ['hy', hy]] as const) {
  test(`the widget from the synced settings: greeting, topics, status, avatar, unread, keyboard, reload (${code})`, async ({ browser }) => {
    test.setTimeout(150_000);
    const t = cat.chatWidget;
    site.page(`clinic-${code}.html`, clinicPage(code));

    // "Tomorrow" on Yerevan's clock: 05:00 UTC is 09:00 there (and 00:00 in New York).
    const context = await visitorContext(browser);
    const peek = await context.newPage();
    await serveStatus(peek, { kind: 'from', at: '2026-01-13T05:00:00.000Z', zone: 'Asia/Yerevan', date: '2026-01-13', time: '09:00', day: 'tomorrow' });
    await peek.goto(`${siteUrl}/clinic-${code}.html`);
    await peek.locator('.planora-chat').getByRole('button', { name: t.open }).click();
    await expect(peek.locator('.planora-chat .state')).toHaveText(t.fromTomorrow.replace('{{time}}', '09:00'));
    await peek.close();

    // A later day on Rīga's clock (winter, UTC+2): Monday 12 January, 09:00.
    const page = await context.newPage();
    await serveStatus(page, { kind: 'from', at: '2026-01-12T07:00:00.000Z', zone: 'Europe/Riga', date: '2026-01-12', time: '09:00', day: 'later' });
    await page.goto(`${siteUrl}/clinic-${code}.html`);
    const widget = page.locator('.planora-chat');
    const launcher = widget.getByRole('button', { name: t.open });
    await launcher.click();
    const state = widget.locator('.state');
    if (code === 'en') await expect(state).toHaveText('Answers from Monday 12 Jan, 09:00');
    // Debian's Chromium has no Armenian in its Intl: the widget names the day in its own words.
    else await expect(state).toHaveText('Կպատասխանենք՝ երկուշաբթի, 12 հնվ, 09:00-ից');
    // The greeting in the visitor's language, once; the topics as a select; the logo as the avatar.
    await expect(widget.locator('.greet')).toHaveText(GREETING[code]);
    const topic = widget.getByLabel(t.topic);
    await expect(topic.locator('option')).toHaveText([t.chooseTopic, ...TOPICS]);
    await expect(widget.locator('.avatar img')).toHaveAttribute('src', 'https://smaids.example/logo.svg');
    expect(await widget.locator('.avatar img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await shot(page, `chat-widget-settings-questionnaire-${code}`);

    // Esc closes the window and gives the focus back to the launcher.
    await widget.getByLabel(t.name).press('Escape');
    await expect(widget.locator('.panel')).toBeHidden();
    await expect(launcher).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(widget.getByLabel(t.name)).toBeFocused();

    const op = await ChatClient.operator(hub.url, device, ANNA);
    op.send({ t: 'list' });
    const list = await op.next((f) => f.t === 'conversations');
    op.send({ t: 'resume', after: list.rev as number });

    // By keyboard: Tab through the questionnaire in order, Enter on the button starts.
    await page.keyboard.type(code === 'hy' ? 'Անի Հակոբյան' : 'Laura Ozola');
    await page.keyboard.press('Tab');
    await expect(widget.getByLabel(t.phone)).toBeFocused();
    await page.keyboard.type('+371 29 123 456');
    await page.keyboard.press('Tab');
    await expect(widget.getByLabel(t.email)).toBeFocused();
    await page.keyboard.type(`laura.${code}@example.test`);
    await page.keyboard.press('Tab');
    await expect(topic).toBeFocused();
    await topic.selectOption(TOPICS[1]!);
    await page.keyboard.press('Tab');
    await expect(widget.getByRole('button', { name: t.start })).toBeFocused();
    await page.keyboard.press('Enter');
    const box = widget.getByPlaceholder(t.placeholder);
    await expect(box).toBeVisible({ timeout: 60_000 });
    await expect(widget.locator('.greet')).toHaveCount(1);

    const first = code === 'hy' ? 'Որքա՞ն արժե իմպլանտը։' : 'How much is an implant?';
    await box.fill(first);
    await box.press('Enter');
    const conv = await op.next((f) => f.t === 'conversation');
    const conversationId = (conv.conversation as { id: string }).id;
    expect(conv.conversation).toMatchObject({ answers: { topic: TOPICS[1], email: `laura.${code}@example.test` }, language: code });
    await op.next((f) => f.t === 'message' && f.seq === 1);

    // Anna takes the conversation: her photo and name replace the logo; her name stands above her reply.
    op.send({ t: 'transfer', clientId: 'transfer-0001', conversationId, userId: ANNA });
    await expect(widget.locator('.head b')).toHaveText('Anna Kalniņa');
    await expect(widget.locator('.avatar img')).toHaveAttribute('src', 'https://smaids.example/team/anna.svg');
    const reply = code === 'hy' ? 'Իմպլանտը՝ 690 եվրոյից։ Կցանկանա՞ք գրանցվել։' : 'An implant is from 690 euros. Shall I book you a consultation?';
    op.send({ t: 'reply', clientId: 'reply-0001', conversationId, text: reply, quoteSeq: 1 });
    const shown = widget.locator('.msg.operator', { hasText: reply });
    await expect(shown.locator('.from')).toHaveText('Anna Kalniņa');
    await shot(page, `chat-widget-settings-talk-${code}`);

    // Closed with Esc, a reply arrives: a count on the launcher, said in its name; opening clears it.
    await box.press('Escape');
    await expect(launcher).toBeFocused();
    op.send({ t: 'reply', clientId: 'reply-0002', conversationId, text: code === 'hy' ? 'Ազատ ժամ կա վաղը՝ 10:30։' : 'There is a free slot tomorrow at 10:30.', quoteSeq: null });
    const badge = widget.locator('.badge');
    await expect(badge).toHaveText('1');
    await expect(widget.getByRole('button', { name: `${t.open} — ${t.unread.replace('{{count}}', '1')}` })).toBeVisible();
    await shot(page, `chat-widget-settings-unread-${code}`);
    await page.keyboard.press('Enter');
    await expect(badge).toBeHidden();
    await expect(box).toBeFocused();
    await page.keyboard.type(code === 'hy' ? 'Այո, խնդրում եմ։' : 'Yes, please.');
    await page.keyboard.press('Enter');
    await op.next((f) => f.t === 'message' && f.seq === 4);

    // A reload continues the conversation: each message once, in order, the greeting once, Anna still answering.
    await expect(widget.locator('.msg .text')).toHaveCount(4);
    const texts = await widget.locator('.msg .text').allTextContents();
    await page.reload();
    await widget.getByRole('button', { name: t.open }).click();
    await expect(widget.locator('.msg .text')).toHaveText(texts);
    await expect(widget.locator('.greet')).toHaveCount(1);
    await expect(widget.locator('.head b')).toHaveText('Anna Kalniņa');
    await expect(badge).toBeHidden();

    // The same conversation on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    const panel = await widget.locator('.panel').boundingBox();
    expect(panel!.width).toBeGreaterThan(360);
    expect(panel!.width).toBeLessThanOrEqual(390);
    await shot(page, `chat-widget-settings-phone-${code}`);
    await page.setViewportSize({ width: 1366, height: 800 });

    // Closed by the operator: the visitor may begin a new conversation with the questionnaire again.
    op.send({ t: 'close', clientId: 'close-0001', conversationId });
    await widget.getByRole('button', { name: t.newChat }).click();
    await expect(widget.getByLabel(t.name)).toBeVisible();
    await expect(widget.locator('.msg')).toHaveCount(0);
    await page.reload();
    await widget.getByRole('button', { name: t.open }).click();
    await expect(widget.getByLabel(t.name)).toBeVisible();
    await op.close();
    await context.close();
  });
}

test('the widget on a phone before a conversation (en)', async ({ browser }) => {
  site.page('clinic-en.html', clinicPage('en'));
  const context = await visitorContext(browser, 390, 844);
  const page = await context.newPage();
  await page.goto(`${siteUrl}/clinic-en.html`);
  const widget = page.locator('.planora-chat');
  const launcher = widget.getByRole('button', { name: en.chatWidget.open });
  const box = await launcher.boundingBox();
  // The launcher sits inside the screen's bottom right corner.
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  expect(box!.y + box!.height).toBeLessThanOrEqual(844);
  await shot(page, 'chat-widget-settings-phone-launcher-en');
  await launcher.click();
  await expect(widget.locator('.greet')).toHaveText(GREETING.en);
  await shot(page, 'chat-widget-settings-phone-questionnaire-en');
  await context.close();
});
