import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from '@playwright/test';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import lt from '../src/shared/i18n/lt.json' with { type: 'json' };
import { announcedUrl, apiCall, expect, shot, startPlanora, test, type PlanoraServer } from './fixtures';

/**
 * The web form as a client meets it: an organization's own site (a page from a temp folder on its own origin) embeds
 * the hub's script; a visitor fills it in, the browser solves the proof of work, the request is sent; the branch's
 * desktop (web mode, registered with the hub) syncs and the task is in its grid, with the employee the visitor asked
 * for and the visitor's text shown as text — in Lithuanian, then in English.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1366, height: 900 } });

const HUB = ['--import', 'tsx', 'src/hub/cli.ts'];
const PASSWORD = 'owner-pass-1';
const XSS = ['<script>alert("x")</script>', '<img src=x onerror=alert(1)>', '"><svg/onload=alert(1)>'];

let hub: { url: string; child: ChildProcess; code(...args: string[]): string };
const hubFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planora-e2e-hub-')), 'hub.db');
const siteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-e2e-site-'));
let site: http.Server;
let siteUrl: string;
let desk: PlanoraServer & { stop(): Promise<void> };
let deskPage: Page;
let orgId: string;
let jonasId: string;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  test.setTimeout(180_000);
  const child = spawn(process.execPath, [...HUB, 'serve', '--sqlite', hubFile, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await announcedUrl(child, /"url":"(http:\/\/127\.0\.0\.1:\d+)"/, 'the hub', 60_000);
  hub = { url, child, code: (...args) => execFileSync(process.execPath, [...HUB, 'code', '--sqlite', hubFile, ...args], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() };
  // The organization's website: plain files on another origin than the hub's.
  site = http.createServer((req, res) => {
    const file = path.join(siteDir, path.basename(req.url ?? '/') || 'index.html');
    if (!fs.existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  desk = await startPlanora();

  deskPage = await (await browser.newContext()).newPage();
  await deskPage.goto(desk.url);
  await apiCall(deskPage, 'setup.run', {
    orgName: 'Šilumos servisas',
    country: 'LT',
    timeZone: 'Europe/Vilnius',
    languages: ['lt', 'en'],
    branchName: 'Vilnius',
    ownerName: 'Rūta Jonaitienė',
    ownerLogin: 'owner',
    ownerPassword: PASSWORD,
    ownerLanguage: 'lt',
  });
  const [branch] = await apiCall<{ id: string }[]>(deskPage, 'branches.list', {});
  for (const [login, name] of [
    ['jonas', 'Jonas Petraitis'],
    ['hidden', 'Nematomas Darbuotojas'],
  ] as const) {
    const u = await apiCall<{ id: string }>(deskPage, 'users.create', { login, password: 'password-123', name, role: 'employee', language: 'lt', branchIds: [branch!.id] });
    if (login === 'jonas') jonasId = u.id;
  }
  await apiCall(deskPage, 'sync.register', { hubUrl: hub.url, code: hub.code('--new-org', 'Šilumos servisas'), deviceName: 'Vilnius desk' });
  orgId = (await apiCall<{ orgId: string }>(deskPage, 'auth.me', {})).orgId;
  await apiCall(deskPage, 'sync.now', {});
});

test.afterAll(async () => {
  hub?.child.kill('SIGKILL');
  site?.close();
  await desk?.stop();
});

const LANGS = [
  { code: 'lt', cat: lt, name: 'Ona Kazlauskienė', phone: '+370 612 34567' },
  { code: 'en', cat: en, name: 'Oliver Smith', phone: '+370 612 76543' },
] as const;

for (const { code, cat, name, phone } of LANGS) {
  test(`a visitor sends a request from the organization's site; the desktop gets the task with the chosen employee (${code})`, async ({ page }) => {
    test.setTimeout(180_000);
    const f = cat.webForm;
    // The owner lists Jonas on the web form from the users screen (a switch per person); a sync round takes it to the hub.
    await apiCall(deskPage, 'auth.setLanguage', { language: code });
    await deskPage.goto(`${desk.url}/#/users`);
    await deskPage.reload();
    const listed = deskPage.getByTestId(`user-public-on-web-${jonasId}`);
    await expect(deskPage.getByRole('columnheader', { name: f.publicOnWeb })).toBeVisible();
    if (code === 'lt') {
      await expect(listed).not.toBeChecked();
      await listed.click({ force: true });
    }
    await expect(listed).toBeChecked();
    await shot(deskPage, `web-form-users-${code}`);
    await apiCall(deskPage, 'sync.now', {});
    fs.writeFileSync(
      path.join(siteDir, `contact-${code}.html`),
      `<!doctype html><html><head><meta charset="utf-8"><title>Contact</title><style>h1{font-family:Georgia;color:#7a2d00}</style></head>
<body><h1>Šilumos servisas</h1><p>Our own page, with our own styles.</p>
<script src="${hub.url}/w/form.js" data-org="${orgId}" data-lang="${code}"></script></body></html>`,
    );
    // Nothing the visitor typed ever runs: not on the site, not in the desktop.
    const dialogs: string[] = [];
    for (const p of [page, deskPage]) p.on('dialog', (d) => void dialogs.push(d.message()));
    await page.goto(`${siteUrl}/contact-${code}.html`);
    const form = page.locator('.planora-web-form');
    await expect(form.getByRole('heading', { name: f.title })).toBeVisible();
    // The employee list: the public one only.
    const employee = form.getByLabel(f.employee);
    await expect(employee.locator('option')).toHaveText([f.anyone, 'Jonas Petraitis']);
    await form.getByLabel(f.name).fill(name);
    await form.getByLabel(f.phone).fill(phone);
    await form.getByLabel(f.email).fill(`${code}.visitor@example.test`);
    await form.getByLabel(f.address).fill('Gedimino pr. 9, Vilnius');
    const description = `Neveikia katilas (${code})\n${XSS.join('\n')}`;
    await form.getByLabel(f.description).fill(description);
    await form.getByLabel(f.priority).selectOption('urgent');
    await employee.selectOption({ label: 'Jonas Petraitis' });
    await shot(page, `web-form-${code}`);
    await form.getByRole('button', { name: f.submit }).click();
    const reference = form.locator('.reference');
    await expect(reference).toHaveText(new RegExp(f.reference.replace('{{reference}}', 'W-[2-9A-Z]{7}')), { timeout: 60_000 });
    await expect(form.getByText(f.sent)).toBeVisible();
    await shot(page, `web-form-sent-${code}`);
    const ref = (await reference.textContent())!.match(/W-[2-9A-Z]{7}/)![0];

    // The desktop: a sync round brings the task, given to the employee asked for.
    await apiCall(deskPage, 'auth.setLanguage', { language: code });
    await apiCall(deskPage, 'sync.now', {});
    await deskPage.goto(`${desk.url}/#/tasks`);
    await deskPage.reload();
    await expect(deskPage.getByTestId('tasks-screen')).toBeVisible();
    await deskPage.getByTestId('tasks-search').fill(`(${code})`);
    await expect(deskPage.getByTestId('tasks-total')).toHaveText(/(^|\D)1(\D|$)/);
    const row = deskPage.locator('.ag-row[row-index="0"]');
    await expect(row.locator('[col-id="assignee"]')).toHaveText('Jonas Petraitis');
    await expect(row.locator('[col-id="priority"]')).toHaveText(cat.tasks.priority.urgent);
    await shot(deskPage, `web-form-task-grid-${code}`);
    const taskForm = deskPage.getByTestId('task-form');
    // The sync's push may redraw the grid under the click: as a person would, chosen and Enter again until it opens.
    await expect(async () => {
      await row.locator('[col-id="subject"]').click();
      await deskPage.keyboard.press('Enter');
      await expect(taskForm).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 20_000 });
    await expect(taskForm).toBeVisible();
    await expect(taskForm.getByTestId('task-description')).toHaveValue(description);
    await expect(taskForm.getByTestId('task-client')).toHaveValue(name);
    await shot(deskPage, `web-form-task-${code}`);
    expect(dialogs).toEqual([]);
    const records = await apiCall<{ rows: { source: string }[] }>(deskPage, 'tasks.list', {});
    expect(records.rows.filter((t) => t.source === 'web').length).toBe(code === 'lt' ? 1 : 2);
    expect(ref).toMatch(/^W-/);
  });
}
