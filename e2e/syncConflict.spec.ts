import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { apiCall, expect, loginAs, shot, startPlanora, test, type PlanoraServer } from './fixtures';
import { chooseLanguage, EN_RO } from './languages';
import { linkTo, startHub, type Link, type TestHub } from './syncHub';

/**
 * The domain conflict of branch sync as two branches meet it: a hub (its own process, SQLite), the head office in
 * Rīga syncing straight to it, the Valmiera branch's computer on its own line (a relay the test cuts). Valmiera goes
 * offline; each branch books the same employee at the same hour for its own client; the line comes back. The double
 * booking is listed on both computers with both visits; a person at the head office keeps one visit and moves the
 * other from the conflicts screen (M, then the visit's own dialog); both lists close and both computers hold the same
 * two visits. In English, then in Romanian.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1366, height: 900 } });

const PASSWORD = 'owner-pass-1';
const TZ = 'Europe/Riga';

let hub: TestHub;
let valmieraLine: Link;
const hubFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planora-e2e-hub-')), 'hub.db');
let riga: PlanoraServer & { stop(): Promise<void> };
let valmiera: PlanoraServer & { stop(): Promise<void> };
let rigaPage: Page;
let valmieraPage: Page;
/** The employee both branches book, and each branch's service of hers. */
let ownerId: string;
const services: { riga: string; valmiera: string } = { riga: '', valmiera: '' };
const branches: { riga: string; valmiera: string } = { riga: '', valmiera: '' };

const syncNow = (page: Page) => apiCall<{ state: string; conflicts: number }>(page, 'sync.now', {});
const EVERY_DAY = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [['08:00', '20:00']]]));

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  test.setTimeout(240_000);
  [hub, riga, valmiera] = await Promise.all([startHub(hubFile), startPlanora(), startPlanora()]);
  valmieraLine = await linkTo(hub.url);
  rigaPage = await (await browser.newContext()).newPage();
  valmieraPage = await (await browser.newContext()).newPage();

  // The head office: set up, registered with the hub, a second branch, and one employee bookable in both.
  await rigaPage.goto(riga.url);
  await apiCall(rigaPage, 'setup.run', {
    orgName: 'Vidzemes Klīnika',
    country: 'LV',
    timeZone: TZ,
    languages: ['lv', 'en', 'ro'],
    branchName: 'Rīga',
    ownerName: 'Ilze Kalniņa',
    ownerLogin: 'owner',
    ownerPassword: PASSWORD,
    ownerLanguage: 'en',
  });
  await apiCall(rigaPage, 'sync.register', { hubUrl: hub.url, code: hub.code('--new-org', 'Vidzemes Klīnika'), deviceName: 'Rīga desk' });
  const me = await apiCall<{ orgId: string; id: string }>(rigaPage, 'auth.me', {});
  ownerId = me.id;
  branches.riga = (await apiCall<{ id: string }[]>(rigaPage, 'branches.list', {}))[0]!.id;
  branches.valmiera = (await apiCall<{ id: string }>(rigaPage, 'branches.create', { name: 'Valmiera', address: 'Rīgas iela 10', timeZone: TZ })).id;
  for (const [key, branchId] of Object.entries(branches) as ['riga' | 'valmiera', string][]) {
    await apiCall(rigaPage, 'schedule.setWeek', { branchId, userId: ownerId, week: EVERY_DAY, version: 0 });
    const service = { branchId, name: 'Konsultācija', durationMin: 30, priceMinor: 4500, currency: 'EUR', colour: '#1d4ed8', performerIds: [ownerId] };
    services[key] = (await apiCall<{ id: string }>(rigaPage, 'services.create', service)).id;
  }
  await syncNow(rigaPage);

  // Valmiera's computer joins through its own line and, after its first pull, knows the owner's login.
  await valmieraPage.goto(valmiera.url);
  await valmieraPage.getByTestId('setup-join-hub').click();
  await valmieraPage.getByTestId('sync-join-url').fill(valmieraLine.url);
  await valmieraPage.getByTestId('sync-join-code').fill(hub.code('--org', me.orgId));
  await valmieraPage.getByTestId('sync-join-name').fill('Valmiera desk');
  await valmieraPage.getByTestId('sync-join').click();
  await expect(valmieraPage.getByLabel(/^Login/)).toBeVisible({ timeout: 30_000 });
  await loginAs(valmieraPage, valmiera.url, 'owner', PASSWORD);
  // The wizard's procedure logged the head office's owner in: the page reads the session afresh.
  await rigaPage.goto(`${riga.url}/#/home`);
  await rigaPage.reload();
  await expect(rigaPage.getByTestId('current-user')).toBeVisible();
});

test.afterAll(async () => {
  await valmieraLine?.cut();
  await hub?.stop();
  await Promise.all([riga?.stop(), valmiera?.stop()]);
});

/** A client of each branch, both wanting the employee at `hhmm` on `day` (branch time). */
async function bookApart(day: string, hhmm: string, names: [string, string]): Promise<[string, string]> {
  const client = async (page: Page, name: string) =>
    (await apiCall<{ client: { id: string } }>(page, 'clients.create', { kind: 'person', name, phones: [], emails: [], addresses: [], contacts: [] })).client.id;
  const start = new Date(Date.parse(`${day}T${hhmm}:00+02:00`)).toISOString();
  await valmieraLine.cut();
  const atRiga = await apiCall<{ id: string }>(rigaPage, 'visits.book', { userId: ownerId, clientId: await client(rigaPage, names[0]), serviceId: services.riga, start, durationMin: 30 });
  await syncNow(rigaPage);
  const atValmiera = await apiCall<{ id: string }>(valmieraPage, 'visits.book', { userId: ownerId, clientId: await client(valmieraPage, names[1]), serviceId: services.valmiera, start, durationMin: 30 });
  return [atRiga.id, atValmiera.id];
}

/** The two visits as each computer holds them (what must be equal once both synced). */
async function bothVisits(page: Page, ids: readonly string[]) {
  return Promise.all(ids.map((id) => apiCall<{ id: string; start: string; status: string; branchId: string }>(page, 'visits.get', { id }).then((v) => [v.id, v.start, v.status, v.branchId])));
}

for (const [i, lang] of EN_RO.entries()) {
  test(`two branches book one employee's hour apart; the conflict shows on both, one visit is moved, both agree (${lang.code})`, async () => {
    test.setTimeout(180_000);
    const day = ['2027-01-05', '2027-01-06'][i]!;
    for (const p of [rigaPage, valmieraPage]) {
      await p.goto(`${p === rigaPage ? riga.url : valmiera.url}/#/home`);
      await chooseLanguage(p, lang);
    }
    const visits = await bookApart(day, '10:00', lang.code === 'en' ? ['Anna Liepiņa', 'Jānis Bērziņš'] : ['Ioana Popescu', 'Andrei Ionescu']);

    // Valmiera works on while its line is down: the indicator says offline and counts what waits.
    await syncNow(valmieraPage);
    const indicatorV = valmieraPage.getByTestId('sync-indicator');
    await expect(indicatorV).toHaveAttribute('data-state', 'offline');
    await expect(valmieraPage.getByTestId('sync-pending-badge')).toBeVisible();
    await shot(valmieraPage, `syncConflict-offline-${lang.code}`);

    // The line comes back: Valmiera pushes its booking and pulls Rīga's; Rīga pulls Valmiera's.
    await valmieraLine.mend();
    await syncNow(valmieraPage);
    await syncNow(rigaPage);
    for (const p of [rigaPage, valmieraPage]) {
      await expect(p.getByTestId('sync-indicator')).toHaveAttribute('data-conflicts', '1', { timeout: 15_000 });
      await expect(p.getByTestId('sync-conflict-badge')).toHaveText('1');
      await p.getByTestId('sync-indicator').click();
      await p.getByTestId('sync-open-conflicts').click();
      await expect(p.getByRole('heading', { level: 1, name: lang.cat.sync.conflictsTitle })).toBeVisible();
      const sides = p.getByTestId('sync-conflict-sides');
      await expect(sides).toContainText(lang.cat.sync.kind_slot_double_booked);
      // Both visits, side by side, at the one hour of this day (the screen may first show the sides it drew on the
      // last visit, another day's).
      const thisDay = new RegExp(`^${day.slice(8, 10)}\\D${day.slice(5, 7)}\\D${day.slice(0, 4)}`);
      await expect(p.getByTestId('sync-other-starts_at')).toHaveText(thisDay);
      await expect(p.getByTestId('sync-kept-starts_at')).toHaveText((await p.getByTestId('sync-other-starts_at').textContent())!);
      await expect(p.getByTestId('sync-kept-user_id')).toHaveText('Ilze Kalniņa');
      await expect(p.getByTestId('sync-move-other')).toBeVisible();
      await shot(p, `syncConflict-${p === rigaPage ? 'riga' : 'valmiera'}-${lang.code}`);
    }
    const [listed] = await apiCall<{ rowId: string; otherRowId: string }[]>(rigaPage, 'sync.conflicts', {});
    expect([listed!.rowId, listed!.otherRowId].sort()).toEqual([...visits].sort());

    // At the head office a person keeps one visit and moves the other an hour later: M opens it, its start is typed.
    await rigaPage.getByTestId('sync-conflict-list').focus();
    await rigaPage.keyboard.press('m');
    const dialog = rigaPage.getByTestId('visit-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('visit-start').fill(`${day} 11:00`);
    await shot(rigaPage, `syncConflict-move-${lang.code}`);
    await rigaPage.keyboard.press('Control+s');
    await expect(rigaPage.getByTestId('sync-indicator')).toHaveAttribute('data-conflicts', '0', { timeout: 15_000 });
    const moved = await apiCall<{ start: string }>(rigaPage, 'visits.get', { id: listed!.otherRowId });
    expect(moved.start).toBe(new Date(Date.parse(`${day}T11:00:00+02:00`)).toISOString());

    // The move reaches Valmiera: its list closes without a second decision, and both hold the same two visits.
    await syncNow(rigaPage);
    await syncNow(valmieraPage);
    await expect(indicatorV).toHaveAttribute('data-conflicts', '0', { timeout: 15_000 });
    await valmieraPage.goto(`${valmiera.url}/#/sync-conflicts`);
    await expect(valmieraPage.getByTestId('sync-no-conflicts')).toHaveText(lang.cat.sync.noConflicts);
    await shot(valmieraPage, `syncConflict-settled-${lang.code}`);
    const onRiga = await bothVisits(rigaPage, visits);
    expect(await bothVisits(valmieraPage, visits)).toEqual(onRiga);
    expect(onRiga.map((v) => v[2])).toEqual(['booked', 'booked']);
    expect(new Set(onRiga.map((v) => v[3]))).toEqual(new Set([branches.riga, branches.valmiera]));
  });
}
