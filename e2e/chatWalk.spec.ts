import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import hy from '../src/shared/i18n/hy.json' with { type: 'json' };
import { apiCall, expect, loginAs, shot, startPlanora, test, type PlanoraServer } from './fixtures';
import { chooseLanguage } from './languages';
import { startSite, observedContext, notes, notices, type TestSite } from './chatSite';
import { startHub, type TestHub } from './syncHub';

/**
 * The website chat's whole walk (issue 13), as its people meet it, in three browsers on one desk: a visitor on a
 * clinic's page with the widget; Anna (a dispatcher, responsible for the client's open task, the less experienced) and
 * Boris (more experienced), each logged in to the desktop's web mode, both online within their working hours; the
 * organization escalates after 2 silent minutes. The visitor gives the client's phone → routed to Anna (red in her
 * console; a task for her linked to the client's request, its pop-up observed and opened) → a quoted reply (the
 * visitor's chime observed) → a deleted mistake (gone for the visitor) → a reload shows exactly the conversation → the
 * visitor writes again, Anna stays silent, the hub's clock moves 3 minutes → Boris has it (his console, the visitor's
 * header), and it leaves Anna's red list. Then the client's card with the chat and the client's portal page.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1366, height: 900 } });

const PASSWORD = 'owner-pass-1';
const STAFF_PASSWORD = 'password-123';
const ALL_DAY = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [['00:00', '23:59']]]));

let hub: TestHub;
let desk: PlanoraServer & { stop(): Promise<void> };
let site: TestSite;
let siteUrl: string;
let orgId: string;
let branchId: string;
let anna: string;
let boris: string;
const hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-e2e-walk-hub-'));
const clockFile = path.join(hubDir, 'clock-offset-ms');

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fs.writeFileSync(clockFile, '0');
  // The hub's test aids: its clock from the file, and the silence watch twice a second.
  [hub, desk] = await Promise.all([startHub(path.join(hubDir, 'hub.db'), '0', ['--test-clock-file', clockFile, '--escalate-every-ms', '500']), startPlanora()]);
  site = await startSite();
  siteUrl = site.url;
});

test.afterAll(async () => {
  await hub?.stop();
  await desk?.stop();
  site?.close();
});


/** The organization once: Anna and Boris with their levels and all-day hours, a task series, escalation after 2 minutes. */
async function setUpOrganization(owner: Page): Promise<void> {
  await owner.goto(desk.url);
  await apiCall(owner, 'setup.run', { orgName: 'Klīnika Smaids', country: 'LV', timeZone: 'Europe/Riga', languages: ['lv', 'en', 'hy'], branchName: 'Rīga', ownerName: 'Ilze Kalniņa', ownerLogin: 'owner', ownerPassword: PASSWORD, ownerLanguage: 'en' });
  await owner.goto(`${desk.url}/#/home`);
  await owner.reload();
  await expect(owner.getByTestId('current-user')).toBeVisible();
  branchId = (await apiCall<{ id: string }[]>(owner, 'branches.list', {}))[0]!.id;
  await apiCall(owner, 'series.create', { docType: 'task', branchId, prefix: 'W-', padding: 5, nextNumber: 1 });
  anna = (await apiCall<{ id: string }>(owner, 'users.create', { login: 'anna', password: STAFF_PASSWORD, name: 'Anna Bērziņa', role: 'dispatcher', language: 'en', branchIds: [branchId] })).id;
  boris = (await apiCall<{ id: string }>(owner, 'users.create', { login: 'boris', password: STAFF_PASSWORD, name: 'Boris Ozols', role: 'employee', language: 'en', branchIds: [branchId] })).id;
  const settings = await apiCall<{ org: { version: number; maxChatsEach: number; questionnaire: unknown; topics: string[]; greetings: Record<string, string>; logoUrl: string | null }; operators: { userId: string; version: number }[] }>(owner, 'chatSettings.get', {});
  const o = settings.org;
  await apiCall(owner, 'chatSettings.saveOrg', { version: o.version, strategy: 'cheapest_first', escalateAfterMinutes: 2, maxChatsEach: o.maxChatsEach, questionnaire: o.questionnaire, topics: o.topics, greetings: o.greetings, logoUrl: o.logoUrl });
  for (const [userId, level] of [[anna, 1], [boris, 4]] as const) {
    const version = settings.operators.find((x) => x.userId === userId)?.version ?? 0;
    await apiCall(owner, 'chatSettings.saveOperator', { userId, version, experience: level, cost: level, smsOnStart: false });
    await apiCall(owner, 'schedule.setWeek', { branchId, userId, week: ALL_DAY, version: 0 });
  }
  await apiCall(owner, 'sync.register', { hubUrl: hub.url, code: hub.code('--new-org', 'Klīnika Smaids'), deviceName: 'Rīga desk' });
  await apiCall(owner, 'sync.now', {});
  orgId = (await apiCall<{ orgId: string }>(owner, 'auth.me', {})).orgId;
}

/** An operator's window on the console, in the walk's language, connected to the hub. */
async function operator(browser: Browser, login: string, lang: { code: string; name: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await observedContext(browser);
  const page = await context.newPage();
  await loginAs(page, `${desk.url}/#/home`, login, STAFF_PASSWORD);
  await chooseLanguage(page, lang);
  await page.goto(`${desk.url}/#/chat`);
  await expect(page.getByTestId('chat-link')).toHaveAttribute('data-link', 'connected', { timeout: 30_000 });
  return { context, page };
}

let offsetMs = 0;

for (const [code, cat, name] of [['en', en, 'English'], ['hy', hy, 'Հայերեն']] as const) {
  test(`the walk: routed to the responsible person, answered, deleted, reloaded, escalated after silence (${code})`, async ({ browser }) => {
    test.setTimeout(300_000);
    const w = cat.chatWidget;
    const c = cat.chatConsole;
    const ownerContext = await browser.newContext();
    const owner = await ownerContext.newPage();
    if (code === 'en') await setUpOrganization(owner);
    else await loginAs(owner, `${desk.url}/#/home`, 'owner', PASSWORD);

    // The client, with an open task: its responsible person is the branch's dispatcher, Anna.
    const clientName = code === 'hy' ? 'Արամ Պետրոսյան' : 'Jane Miller';
    const clientPhone = code === 'hy' ? '+371 2955 1234' : '+371 2612 3456';
    const client = await apiCall<{ client: { id: string } }>(owner, 'clients.create', { kind: 'person', name: clientName, phones: [{ number: clientPhone }], emails: [], addresses: [], contacts: [] });
    const clientId = client.client.id;
    const request = await apiCall<{ id: string; responsibleId: string }>(owner, 'tasks.create', { branchId, clientId, priority: 'medium', subject: code === 'hy' ? 'Պսակի տեղադրում' : 'Crown fitting' });
    expect(request.responsibleId).toBe(anna);
    await apiCall(owner, 'sync.now', {});

    const lang = { code, name };
    const a = await operator(browser, 'anna', lang);
    const b = await operator(browser, 'boris', lang);

    // The visitor, on the clinic's page, types the client's phone the local way.
    site.page(
      `crowns-${code}.html`,
      `<!doctype html><html lang="${code}"><head><meta charset="utf-8"><title>Crowns</title></head>
<body><h1>Klīnika Smaids</h1><p>${code === 'hy' ? 'Պսակներ և իմպլանտներ։' : 'Crowns and implants.'}</p><script src="${hub.url}/chat/widget.js" data-org="${orgId}" async></script></body></html>`,
    );
    const visitorContext = await observedContext(browser);
    const visitor = await visitorContext.newPage();
    const dialogs: string[] = [];
    for (const p of [visitor, a.page, b.page]) p.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    await visitor.goto(`${siteUrl}/crowns-${code}.html`);
    const widget = visitor.locator('.planora-chat');
    await widget.getByRole('button', { name: w.open }).click();
    await widget.getByRole('button', { name: w.start }).click();
    await widget.getByLabel(w.name).fill(clientName);
    await widget.getByLabel(w.phone).fill(clientPhone.replace('+371 ', '').replace(' ', ''));
    await widget.getByRole('button', { name: w.start }).click();
    const box = widget.getByPlaceholder(w.placeholder);
    // The proof of work is solved before the box appears.
    await expect(box).toBeVisible({ timeout: 60_000 });
    const first = code === 'hy' ? 'Բարև, ե՞րբ է պատրաստ լինելու իմ պսակը։' : 'Hello, when will my crown be ready?';
    await box.fill(first);
    await box.press('Enter');
    await expect(widget.locator('.msg.visitor')).toHaveCount(1);
    await expect(widget.locator('.head b')).toHaveText('Anna Bērziņa');

    // Routed to Anna: red in her console; in Boris's it is Anna's, not red.
    const rowA = a.page.getByTestId('chat-row').filter({ hasText: clientName });
    await expect(rowA).toHaveAttribute('data-unanswered', '1', { timeout: 20_000 });
    await expect(rowA).toHaveAttribute('data-assignee', anna);
    const rowB = b.page.getByTestId('chat-row').filter({ hasText: clientName });
    await expect(rowB).toHaveAttribute('data-unanswered', '0');
    await expect(rowB.getByTestId('chat-row-with')).toHaveText(c.with.replace('{{name}}', 'Anna Bērziņa'));
    await rowA.click();
    await expect(a.page.getByTestId('chat-assignee')).toHaveText('Anna Bērziņa');
    await shot(a.page, `chat-walk-console-unanswered-${code}`);
    await shot(visitor, `chat-walk-widget-${code}`);

    // The desk's next sync round applies the hub's chat action: a task for Anna, linked; her pop-up says so.
    await apiCall(owner, 'sync.now', {});
    const fromChat = cat.tasks.fromChat;
    await expect
      .poll(async () => (await notices(a.page)).filter((n) => n.includes(clientName)), { timeout: 20_000 })
      .toEqual([expect.stringMatching(new RegExp(`^${fromChat.title.replace('{{number}}', 'W-[\\w-]+')}\\|${fromChat.body.replace('{{number}}', 'W-[\\w-]+').replace('{{client}}', clientName)}$`))]);
    // Boris is told of the new chat, not of Anna's task.
    expect((await notices(b.page)).filter((n) => n.includes(clientName))).toEqual([]);
    // Clicked as a person would: the task opens, with its links to the chat and to the request it continues.
    await a.page.evaluate((who) => (window as unknown as { __notices: { body: string; onclick: (() => void) | null }[] }).__notices.find((n) => n.body.includes(who))!.onclick!(), clientName);
    await expect(a.page.getByTestId('task-form')).toBeVisible();
    await expect(a.page.getByTestId('task-source')).toHaveText(cat.tasks.source.chat);
    const requestNumber = (await apiCall<{ number: string | null; provisionalNumber: string | null }>(owner, 'tasks.get', { id: request.id }));
    await expect(a.page.getByTestId('task-chat-request')).toHaveText(fromChat.requestTask.replace('{{number}}', requestNumber.number ?? requestNumber.provisionalNumber ?? '—'));
    await shot(a.page, `chat-walk-task-${code}`);
    await a.page.getByTestId('task-chat-open').click();
    await expect(a.page.getByTestId('chat-console')).toBeVisible();

    // Anna answers with a quote, from the keyboard; the visitor sees it and hears the chime.
    await rowA.click();
    // As a person would, once the conversation's messages are on screen (the console now draws before they arrive).
    await expect(a.page.getByTestId('chat-thread')).toContainText(first);
    await a.page.getByTestId('chat-thread').focus();
    await a.page.keyboard.press('ArrowDown');
    await a.page.keyboard.press('q');
    await expect(a.page.getByTestId('chat-reply-quote')).toContainText(first);
    const reply = code === 'hy' ? 'Բարև Ձեզ։ Պսակը պատրաստ կլինի հինգշաբթի։' : 'Hello! Your crown will be ready on Thursday.';
    await a.page.keyboard.type(reply);
    await a.page.keyboard.press('Enter');
    await expect(rowA).toHaveAttribute('data-unanswered', '0');
    const shown = widget.locator('.msg.operator', { hasText: reply });
    await expect(shown).toBeVisible();
    await expect(shown.locator('.quote')).toContainText(first);
    await expect.poll(() => notes(visitor)).toBeGreaterThanOrEqual(2);
    await shot(a.page, `chat-walk-console-answered-${code}`);

    // A mistake, deleted: gone for the visitor.
    const mistake = code === 'hy' ? 'Սխալ հաղորդագրություն' : 'Wrong message';
    await a.page.getByTestId('chat-reply').fill(mistake);
    await a.page.getByTestId('chat-reply').press('Enter');
    await expect(widget.locator('.msg.operator', { hasText: mistake })).toBeVisible();
    await a.page.getByTestId('chat-msg').filter({ hasText: mistake }).getByTestId('chat-msg-delete').click();
    await a.page.getByTestId('chat-delete-dialog-ok').click();
    await expect(widget.locator('.msg.operator', { hasText: mistake })).toHaveCount(0);

    // The visitor reloads: exactly the conversation.
    await visitor.reload();
    await visitor.locator('.planora-chat').getByRole('button', { name: w.open }).click();
    await expect(visitor.locator('.planora-chat .msg .text')).toHaveText([first, reply]);

    // The visitor writes again; Anna stays silent; the hub's clock moves 3 minutes: Boris, the next step up, has it.
    const again = code === 'hy' ? 'Իսկ ո՞ր ժամին։' : 'And at what time?';
    await visitor.locator('.planora-chat').getByPlaceholder(w.placeholder).fill(again);
    await visitor.locator('.planora-chat').getByPlaceholder(w.placeholder).press('Enter');
    await expect(rowA).toHaveAttribute('data-unanswered', '1', { timeout: 20_000 });
    offsetMs += 3 * 60_000;
    fs.writeFileSync(clockFile, String(offsetMs));
    // Presence is heartbeated every 15 s on the hub's clock: Boris counts as online again within one beat.
    await expect(rowB).toHaveAttribute('data-assignee', boris, { timeout: 45_000 });
    await expect(rowB).toHaveAttribute('data-unanswered', '1');
    await expect(visitor.locator('.planora-chat .head b')).toHaveText('Boris Ozols');
    // It left Anna's red list; her list says who has it.
    await expect(rowA).toHaveAttribute('data-unanswered', '0');
    await expect(rowA.getByTestId('chat-row-with')).toHaveText(c.with.replace('{{name}}', 'Boris Ozols'));
    await rowB.click();
    await expect(b.page.getByTestId('chat-assignee')).toHaveText('Boris Ozols');
    await expect(b.page.getByTestId('chat-msg')).toHaveCount(4);
    await shot(b.page, `chat-walk-console-escalated-${code}`);
    // Boris is the most experienced: "Escalate" from the keyboard says nobody is up; the transfer list ranks Anna
    // (available) before the owner (not in working hours), neither marked more experienced.
    await b.page.getByTestId('chat-escalate').focus();
    await b.page.keyboard.press('Enter');
    await expect(b.page.getByTestId('chat-handover-error')).toHaveText(c.errors.no_one_up);
    await b.page.getByTestId('chat-transfer-to').click();
    await expect(b.page.locator('[data-combobox-option]:visible')).toHaveText([`Anna Bērziņa · ${c.available}`, `Ilze Kalniņa · ${c.away}`]);
    await shot(b.page, `chat-walk-console-targets-${code}`);
    await b.page.keyboard.press('Escape');
    // The refused step moved nothing.
    await expect(rowB).toHaveAttribute('data-assignee', boris);
    await shot(a.page, `chat-walk-console-handed-${code}`);
    await shot(visitor, `chat-walk-widget-escalated-${code}`);

    // The client's card shows the chat.
    await a.page.getByTestId('nav-clients').click();
    await a.page.getByTestId('clients-search').fill(clientName);
    await a.page.locator('.ag-row [col-id=name]', { hasText: clientName }).first().dblclick();
    const chats = a.page.getByTestId('client-form').getByTestId('client-chats');
    await expect(chats.getByTestId('client-chat')).toHaveCount(1);
    await expect(chats).toContainText(reply);
    // The card is a drawer: its chats section is brought into view for the picture.
    await chats.scrollIntoViewIfNeeded();
    await a.page.screenshot({ path: `e2e/screenshots/chat-walk-client-card-${code}.png` });
    await a.page.keyboard.press('Escape');

    // The client's portal, in the walk's language: the request and the chat's task.
    const link = await apiCall<{ url: string }>(owner, 'portal.create', { clientId, language: code, days: 30 });
    const portal = await visitorContext.newPage();
    await portal.goto(link.url);
    await expect(portal.locator('html')).toHaveAttribute('lang', code);
    await expect(portal.locator('body')).toContainText(code === 'hy' ? 'Պսակի տեղադրում' : 'Crown fitting');
    await shot(portal, `chat-walk-portal-${code}`);

    expect(dialogs).toEqual([]);
    await visitorContext.close();
    await a.context.close();
    await b.context.close();
    await ownerContext.close();
  });
}
